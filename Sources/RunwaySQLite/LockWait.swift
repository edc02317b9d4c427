import Foundation
import GRDB

/// How the store waits for a SQLite file another process has locked: SQLite does not wait
/// (its busy timeout is 0 once the store is open); the task is suspended between tries, not
/// the thread. A wait of seconds inside SQLite held one of the few threads Swift's tasks run
/// on (one per core), so in `runway serve` a locked file kept the request time limits and the
/// worker from running (docs/deployment.md). The whole wait is still `budget`, then the lock
/// is reported.
enum LockWait {
  /// How long an operation waits for a lock in all.
  static let budget: TimeInterval = 10
  /// How long SQLite itself waits for a lock once the store is open: not at all.
  static let sliceMilliseconds: Int32 = 0
  /// The pauses between tries, during which the task is suspended: 1 ms, doubling to 16 ms.
  static func pause(after tries: Int) -> Duration { .milliseconds(1 << min(tries, 4)) }

  /// `attempt`, tried again while it finds the file locked, until `budget` has passed or the
  /// task is cancelled; then its error.
  static func retrying<T>(_ attempt: () throws -> T) async throws -> T {
    // The clock is read only once a try finds the file locked: most never do, and a transition
    // is short enough for a clock read to show (docs/benchmarks.md, W4).
    var deadline: ContinuousClock.Instant?
    var tries = 0
    while true {
      do {
        return try attempt()
      } catch let error as DatabaseError
        where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
      {
        let now = ContinuousClock.now
        let end = deadline ?? now + .milliseconds(Int(budget * 1000))
        deadline = end
        guard now < end, !Task.isCancelled else { throw error }
        try? await Task.sleep(for: pause(after: tries))
        tries += 1
      }
    }
  }
}
