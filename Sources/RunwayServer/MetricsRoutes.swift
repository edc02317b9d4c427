import Hummingbird
import Prometheus
import RunwayEngine

/// `/metrics` in the Prometheus text format: requests by route and status, their latency,
/// transitions by workflow and event, the outbox backlog, the rollout cache's hits and, on
/// SQLite, how many transitions its transactions held
/// (docs/api.md, "Operations").
/// Open without a token, as scrapers expect; it names no actor and no user.
enum MetricsRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API, registry: PrometheusCollectorRegistry) {
    let backlog = registry.makeGauge(name: "runway_outbox_backlog", help: "Notifications waiting for delivery")
    let dead = registry.makeGauge(name: "runway_outbox_dead", help: "Notifications that gave up")
    let hits = registry.makeGauge(
      name: "runway_rollout_cache_hits", help: "Rollout answers served from the cache since the server started")
    let builds = registry.makeGauge(
      name: "runway_rollout_cache_builds", help: "Rollout answers built from the store since the server started")
    let transactions = registry.makeGauge(
      name: "runway_transition_transactions",
      help: "Store transactions that committed transitions since the server started (SQLite)")
    let written = registry.makeGauge(
      name: "runway_transitions_written",
      help: "Transitions those transactions committed: more than the transactions when several were written together")
    router.get("/metrics") { _, _ in
      let counts = api.runway.rolloutCacheCounts
      hits.set(Int64(counts.hits))
      builds.set(Int64(counts.builds))
      if let batches = api.runway.transitionsWritten {
        transactions.set(Int64(batches.transactions))
        written.set(Int64(batches.transitions))
      }
      let entries = try await api.runway.notifications(failedOnly: false, limit: 100_000)
      backlog.set(Int64(entries.count { $0.status == .pending }))
      dead.set(Int64(entries.count { $0.status == .dead }))
      return JSONResponse.text(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
  }
}
