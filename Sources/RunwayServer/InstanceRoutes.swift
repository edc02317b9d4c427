import HTTPTypes
import Hummingbird
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// `/v1/instances`: start, list, view, history, events with blockers, fire (docs/api.md).
enum InstanceRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API) {
    router.post("/v1/workflows/:name/instances") { request, context in
      let caller = try context.caller(needing: .operate)
      let workflow = try api.parameter("name", context)
      let fields = try await api.input.values(request, key: "fields")
      let outcome = try await api.runway.start(workflow, fields: fields, caller: caller)
      api.metrics.transition(workflow: workflow, event: "start")
      var response = try JSONResponse.make(try view(outcome), status: .created)
      response.headers[.location] = "/v1/instances/\(outcome.instance.id)"
      return response
    }
    router.get("/v1/instances") { request, context in
      _ = try context.caller(needing: .operate)
      let query = QueryParameters(request)
      var conditions: [String: InputValue] = [:]
      for condition in query.all("where") {
        guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
          throw APIError.invalidInput("write where as NAME=VALUE, not \"\(condition)\"")
        }
        let name = String(condition[..<equals])
        guard conditions[name] == nil else { throw APIError.invalidInput("where \(name) is given twice") }
        conditions[name] = .text(String(condition[condition.index(after: equals)...]))
      }
      let instances = try await api.runway.list(
        workflow: query.optional("workflow"), states: query.all("state"), fields: conditions,
        limit: try query.integer("limit", in: 1...10_000) ?? 1_000)
      return try JSONResponse.make(instances.map(InstanceJSON.init(listed:)))
    }
    router.get("/v1/instances/:id") { _, context in
      let caller = try context.caller(needing: .operate)
      return try JSONResponse.make(
        InstanceJSON(try await api.runway.view(try api.parameter("id", context), caller: caller)))
    }
    router.get("/v1/instances/:id/history") { request, context in
      _ = try context.caller(needing: .operate)
      let last = try QueryParameters(request).integer("last", in: 1...1_000_000)
      let entries = try await api.runway.history(try api.parameter("id", context), last: last)
      guard !entries.isEmpty else { throw APIError.notFound("no instance \"\(try api.parameter("id", context))\"") }
      return try JSONResponse.make(entries.map(HistoryEntryJSON.init))
    }
    router.get("/v1/instances/:id/events") { _, context in
      let caller = try context.caller(needing: .operate)
      return try JSONResponse.make(try await api.runway.events(try api.parameter("id", context), caller: caller))
    }
    router.post("/v1/instances/:id/events/:event") { request, context in
      let caller = try context.caller(needing: .operate)
      let id = try api.parameter("id", context)
      let event = try api.parameter("event", context)
      let params = try await api.input.values(request, key: "params")
      let outcome = try await api.runway.fire(id, event, params: params, caller: caller)
      for entry in outcome.entries { api.metrics.transition(workflow: outcome.instance.workflow, event: entry.event) }
      return JSONResponse.json(try view(outcome).text)
    }
  }

  /// The view a start or fire carries; the engine always sets it for an actor.
  private static func view(_ outcome: FireOutcome) throws -> InstanceJSON {
    guard let view = outcome.view else {
      throw APIError(code: "unavailable", status: .serviceUnavailable, message: "the engine returned no view")
    }
    return InstanceJSON(view)
  }
}
