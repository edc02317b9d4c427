import Hummingbird
import RunwayEngine

/// `/releases` (the list), `/start` (a new release), `/releases/ID` (its progress) and
/// `/releases/ID/events/EVENT` (a form fired). A refusal shows the engine's sentence on the
/// page, with the status the HTTP API answers, and changes nothing (docs/console.md).
enum ConsoleReleaseRoutes {
  static func register(on router: Router<APIRequestContext>, _ console: Console) {
    router.get("/releases") { request, _ in
      await console.page(request) { signedIn in
        let page = try await ReleaseListPage.make(console, signedIn, query: QueryParameters(request))
        return ConsoleResponse.html(ConsoleTemplates.render(page, "releases"))
      }
    }

    router.get("/start") { request, _ in
      await console.page(request) { signedIn in
        let page = try await StartPage.make(console, signedIn, workflow: QueryParameters(request).optional("workflow"))
        return ConsoleResponse.html(ConsoleTemplates.render(page, "start"))
      }
    }

    router.post("/start") { request, _ in
      await console.post(request) { signedIn, form in
        let workflow = form.texts["workflow"] ?? ""
        do throws(EngineError) {
          let inputs = try form.inputs()
          let outcome = try await console.runway.start(workflow, fields: inputs, caller: signedIn.caller)
          return ConsoleResponse.redirect("/releases/\(ConsoleResponse.pathEncoded(outcome.instance.id))?done=start")
        } catch {
          let page = try await StartPage.make(
            console, signedIn, workflow: workflow, problem: error.message, values: form.texts)
          return ConsoleResponse.html(ConsoleTemplates.render(page, "start"), status: APIError.status(of: error.code))
        }
      }
    }

    router.get("/releases/:id") { request, context in
      await console.page(request) { signedIn in
        let id = context.parameters.get("id") ?? ""
        let page = try await ReleasePage.make(console, signedIn, id: id, query: QueryParameters(request))
        return ConsoleResponse.html(ConsoleTemplates.render(page, "release"))
      }
    }

    router.post("/releases/:id/events/:event") { request, context in
      await console.post(request) { signedIn, form in
        let id = context.parameters.get("id") ?? ""
        let event = context.parameters.get("event") ?? ""
        do throws(EngineError) {
          let inputs = try form.inputs()
          let outcome = try await console.runway.fire(id, event, params: inputs, caller: signedIn.caller)
          return ConsoleResponse.redirect(
            "/releases/\(ConsoleResponse.pathEncoded(outcome.instance.id))?done=\(ConsoleResponse.queryEncoded(event))")
        } catch {
          // The page as it is (nothing changed), the refusal above it, the form as it was typed.
          let page = try await ReleasePage.make(
            console, signedIn, id: id, query: QueryParameters(request), problem: error.message, values: form.texts,
            failedEvent: event)
          return ConsoleResponse.html(ConsoleTemplates.render(page, "release"), status: APIError.status(of: error.code))
        }
      }
    }
  }
}
