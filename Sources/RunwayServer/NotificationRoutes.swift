import Hummingbird
import RunwayEngine
import RunwayPresentation

/// `/v1/notifications`: the outbox, and making a dead notification pending again.
enum NotificationRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API) {
    router.get("/v1/notifications") { request, context in
      _ = try context.caller(needing: .operate)
      let query = QueryParameters(request)
      let entries = try await api.runway.notifications(
        failedOnly: try query.flag("failed"), limit: try query.integer("limit", in: 1...10_000) ?? 1_000)
      return try JSONResponse.make(entries.map(NotificationJSON.init))
    }
    router.post("/v1/notifications/:deliveryId/retry") { _, context in
      let caller = try context.caller(needing: .admin)
      let id = try api.parameter("deliveryId", context)
      try await api.runway.retryNotification(id, caller: caller)
      return try JSONResponse.make(["revived": id])
    }
  }
}
