import Foundation
import Metrics

/// The counters /metrics shows for requests (by route, method and status, with their
/// latency) and transitions (by workflow and event), each made once per label set and kept:
/// making one through swift-metrics on every request allocated it and looked it up in the
/// registry anew (docs/benchmarks.md, "W6 and W7").
final class RequestMetrics: @unchecked Sendable {
  private struct Request: Hashable {
    var route: String
    var method: String
    var status: String
  }
  private struct Transition: Hashable {
    var workflow: String
    var event: String
  }

  private let lock = NSLock()
  private var requests: [Request: (count: Counter, latency: Timer)] = [:]
  private var transitions: [Transition: Counter] = [:]

  /// Counts one answered request and its latency.
  func request(route: String, method: String, status: String, nanoseconds: Int64) {
    let key = Request(route: route, method: method, status: status)
    let made = lock.withLock {
      if let made = requests[key] { return made }
      let made = (
        count: Counter(
          label: "runway_http_requests_total", dimensions: [("route", route), ("method", method), ("status", status)]),
        latency: Timer(label: "runway_http_request_duration_seconds", dimensions: [("route", route)])
      )
      requests[key] = made
      return made
    }
    made.count.increment()
    made.latency.recordNanoseconds(nanoseconds)
  }

  /// Counts one committed transition.
  func transition(workflow: String, event: String) {
    let key = Transition(workflow: workflow, event: event)
    let counter = lock.withLock {
      if let counter = transitions[key] { return counter }
      let counter = Counter(label: "runway_transitions_total", dimensions: [("workflow", workflow), ("event", event)])
      transitions[key] = counter
      return counter
    }
    counter.increment()
  }
}
