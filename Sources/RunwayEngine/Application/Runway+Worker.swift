import Foundation
import RunwayModel

/// What one round of a worker did (docs/deployment.md, "Workers").
public struct WorkReport: Sendable, Hashable {
  /// `ID EVENT` of each timer fired.
  public var timersFired: [String] = []
  /// Timers whose instance had moved on: dropped, nothing written to its history.
  public var timersDropped = 0
  /// Instances whose task was run again after its claim ran out.
  public var tasksResumed: [String] = []
  public var delivery = NotificationDelivery.Report()
  /// One sentence for each piece of work that was refused or failed (tried again later).
  public var failures: [String] = []

  public init() {}

  /// How many pieces of work the round took up.
  public var count: Int {
    timersFired.count + timersDropped + tasksResumed.count + delivery.attempted + failures.count
  }

  mutating func add(_ other: WorkReport) {
    timersFired += other.timersFired
    timersDropped += other.timersDropped
    tasksResumed += other.tasksResumed
    delivery.delivered += other.delivery.delivered
    delivery.retrying += other.delivery.retrying
    delivery.dead += other.delivery.dead
    failures += other.failures
  }
}

extension Runway {
  /// One round of a worker: fires up to `limit` due timers, resumes the tasks whose claim
  /// ran out, and delivers due notifications through `notifiers` (none: delivery is left to
  /// others). Every piece is decided on its own and written through the same compare-and-swap
  /// as any transition (the timers claimed together in one transaction where the store
  /// allows), so several workers may run at once and each piece is done once.
  public func work(
    through notifiers: [any Notifier], limit: Int = 100, timerLease: TimeInterval = 60, maxAttempts: Int = 5
  ) async throws(EngineError) -> WorkReport {
    var report = WorkReport()
    let now = engine.clock.now()
    let timers = try await stored { () async throws(StoreError) in
      try await store.claimTimers(now: now, lease: timerLease, limit: limit)
    }
    for (timer, outcome) in zip(timers, await engine.fireTimers(timers)) {
      switch outcome {
      case .success(.fired): report.timersFired.append("\(timer.instanceID) \(timer.event)")
      case .success(.dropped): report.timersDropped += 1
      case .failure(let error):
        report.failures.append("the timer \(timer.event) of \(timer.instanceID) was refused: \(error.message)")
      }
    }
    let expired = try await stored { () async throws(StoreError) in
      try await store.expiredTaskRuns(now: now, limit: limit)
    }
    for id in expired {
      do {
        _ = try await engine.resumeTask(id)
        report.tasksResumed.append(id)
      } catch  where error.code == .conflict {
        // Another worker took the run first: it is theirs.
      } catch {
        report.failures.append("the task of \(id) could not be resumed: \(error.message)")
      }
    }
    if !notifiers.isEmpty {
      report.delivery = try await deliver(through: notifiers, limit: limit, maxAttempts: maxAttempts)
    }
    return report
  }

  /// Rounds of `work` until one finds less than a full batch: what is due now (`runway
  /// worker --once`).
  public func workUntilIdle(
    through notifiers: [any Notifier], limit: Int = 100, maxAttempts: Int = 5
  ) async throws(EngineError) -> WorkReport {
    var total = WorkReport()
    for _ in 0..<10_000 {
      let round = try await work(through: notifiers, limit: limit, maxAttempts: maxAttempts)
      total.add(round)
      let full =
        round.timersFired.count + round.timersDropped + round.failures.count >= limit
        || round.delivery.attempted >= limit
      if !full { break }
    }
    return total
  }

  /// The running timers, earliest first (`runway timers list`).
  public func timers(limit: Int? = nil) async throws(EngineError) -> [ScheduledTimer] {
    try await stored { () async throws(StoreError) in try await store.scheduledTimers(limit: limit) }
  }

}
