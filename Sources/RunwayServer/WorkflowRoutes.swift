import Hummingbird
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// `/v1/workflows`: the workflows the server loaded, one in full, its graph.
enum WorkflowRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API) {
    router.get("/v1/workflows") { _, context in
      _ = try context.caller(needing: .operate)
      let entries = api.runway.catalog.names.compactMap { api.runway.catalog.current($0) }
      return try JSONResponse.make(entries.map { WorkflowJSON($0, detailed: false) })
    }
    router.get("/v1/workflows/:name") { _, context in
      _ = try context.caller(needing: .operate)
      let entry = try api.runway.workflow(try api.parameter("name", context))
      return try JSONResponse.make(WorkflowJSON(entry, detailed: true))
    }
    router.get("/v1/workflows/:name/graph") { request, context in
      _ = try context.caller(needing: .operate)
      let entry = try api.runway.workflow(try api.parameter("name", context))
      let graph = WorkflowGraph(entry.workflow.definition)
      switch QueryParameters(request).optional("format") ?? "mermaid" {
      case "mermaid": return JSONResponse.text(graph.mermaid, contentType: "text/plain; charset=utf-8")
      case "dot": return JSONResponse.text(graph.dot, contentType: "text/vnd.graphviz; charset=utf-8")
      case let other: throw APIError.invalidInput("format must be mermaid or dot, not \"\(other)\"")
      }
    }
  }
}
