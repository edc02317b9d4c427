import Hummingbird
import Prometheus
import RunwayEngine

/// `/metrics` in the Prometheus text format: requests by route and status, their latency,
/// transitions by workflow and event, and the outbox backlog (docs/api.md, "Operations").
/// Open without a token, as scrapers expect; it names no actor and no user.
enum MetricsRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API, registry: PrometheusCollectorRegistry) {
    let backlog = registry.makeGauge(name: "runway_outbox_backlog", help: "Notifications waiting for delivery")
    let dead = registry.makeGauge(name: "runway_outbox_dead", help: "Notifications that gave up")
    router.get("/metrics") { _, _ in
      let entries = try await api.runway.notifications(failedOnly: false, limit: 100_000)
      backlog.set(Int64(entries.count { $0.status == .pending }))
      dead.set(Int64(entries.count { $0.status == .dead }))
      return JSONResponse.text(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
  }
}
