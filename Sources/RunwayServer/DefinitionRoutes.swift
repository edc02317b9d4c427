import Hummingbird
import RunwayEngine
import RunwayPresentation

/// `/v1/definitions` and the migrations that move instances to the current definition.
enum DefinitionRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API) {
    router.get("/v1/definitions") { _, context in
      _ = try context.caller(needing: .operate)
      return try JSONResponse.make(try await api.runway.definitions())
    }
    router.post("/v1/instances/:id/migrate") { request, context in
      let caller = try context.caller(needing: .admin)
      let id = try api.parameter("id", context)
      let outcome = try await api.runway.migrate(
        id, dryRun: try QueryParameters(request).flag("dryRun"), caller: caller)
      return try JSONResponse.make(MigrationJSON(id: id, outcome: outcome))
    }
    // Every instance of a workflow: each one moves or is refused on its own line.
    router.post("/v1/workflows/:name/migrate") { request, context in
      let caller = try context.caller(needing: .admin)
      let dryRun = try QueryParameters(request).flag("dryRun")
      let instances = try await api.runway.list(
        workflow: try api.parameter("name", context), states: [], fields: [:], limit: nil)
      var lines: [MigrationJSON] = []
      for instance in instances {
        do throws(EngineError) {
          lines.append(
            MigrationJSON(
              id: instance.id, outcome: try await api.runway.migrate(instance.id, dryRun: dryRun, caller: caller)))
        } catch {
          lines.append(MigrationJSON(id: instance.id, result: "refused", reason: error.message))
        }
      }
      return try JSONResponse.make(lines)
    }
  }
}
