import Foundation

/// The work that falls due by itself, for workers (docs/deployment.md, "Workers"): timers
/// set by commits, and task runs whose claim ran out.
public protocol TimerStore: Sendable {
  /// Takes up to `limit` timers due at `now`, earliest first, and hides them from other
  /// workers until `now + lease`, in one transaction (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
  func claimTimers(now: Date, lease: TimeInterval, limit: Int) async throws(StoreError) -> [ScheduledTimer]
  /// The running timers (paused `total` ones left out), earliest first, at most `limit`.
  func scheduledTimers(limit: Int?) async throws(StoreError) -> [ScheduledTimer]
  /// Removes a timer set at `timer.revision` (one the instance has moved on from).
  func dropTimer(_ timer: ScheduledTimer) async throws(StoreError)
  /// Instances in a task state whose claim on the run ran out before `now`, oldest claim first.
  func expiredTaskRuns(now: Date, limit: Int) async throws(StoreError) -> [String]
}
