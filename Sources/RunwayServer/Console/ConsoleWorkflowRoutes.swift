import Hummingbird
import RunwayEngine

/// `/workflows` (the loaded workflows), `/workflows/NAME` (one, with its diagram) and
/// `/rollout` (which version a user gets).
enum ConsoleWorkflowRoutes {
  static func register(on router: Router<APIRequestContext>, _ console: Console) {
    router.get("/workflows") { request, _ in
      await console.page(request) { signedIn in
        let rows = console.runway.catalog.names.compactMap { name -> WorkflowListPage.Row? in
          guard let definition = console.runway.catalog.current(name)?.workflow.definition else { return nil }
          return WorkflowListPage.Row(
            name: name, title: definition.title ?? name, description: definition.description)
        }
        let page = WorkflowListPage(chrome: signedIn.chrome, workflows: rows)
        return ConsoleResponse.html(ConsoleTemplates.render(page, "workflows"))
      }
    }

    router.get("/workflows/:name") { request, context in
      await console.page(request) { signedIn in
        let entry = try console.runway.workflow(context.parameters.get("name") ?? "")
        let page = WorkflowPage(entry.workflow.definition, chrome: signedIn.chrome)
        return ConsoleResponse.html(ConsoleTemplates.render(page, "workflow"))
      }
    }

    router.get("/rollout") { request, _ in
      await console.page(request) { signedIn in
        let query = QueryParameters(request)
        let box = await RolloutBox.make(
          console, action: "/rollout", fixed: false, app: query.optional("app") ?? "",
          environment: query.optional("env") ?? "", miniProgram: query.optional("miniProgram") ?? "",
          user: query.optional("user"))
        let page = RolloutPage(chrome: signedIn.chrome, box: box)
        return ConsoleResponse.html(ConsoleTemplates.render(page, "rollout"))
      }
    }
  }
}
