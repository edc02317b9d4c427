import Foundation
import RunwayEngine

/// The SQL of timers and expired task runs, the same on both databases (docs/deployment.md,
/// "Workers"). A paused `total` timer is due never: its `due_at` is the largest time.
extension StoreSQL {
  /// The timer table, the same in both dialects.
  public static let createTimers = """
    CREATE TABLE timers (instance_id TEXT NOT NULL, state TEXT NOT NULL, event TEXT NOT NULL,
      revision BIGINT NOT NULL, due_at BIGINT NOT NULL, remaining BIGINT NOT NULL,
      claimed_until BIGINT NOT NULL, PRIMARY KEY (instance_id, state, event))
    """
  public static let createTimersIndex = "CREATE INDEX timers_by_due ON timers (due_at)"

  public static let timerColumns = "instance_id, state, event, revision, due_at, remaining"
  public static let timersOf = "SELECT \(timerColumns) FROM timers WHERE instance_id = ?"
  public static let deleteTimers = "DELETE FROM timers WHERE instance_id = ?"
  public static let insertTimer =
    "INSERT INTO timers (\(timerColumns), claimed_until) VALUES (?, ?, ?, ?, ?, ?, 0)"
  /// Timers due at the first value and not claimed past the second, earliest first; PostgreSQL
  /// appends `FOR UPDATE SKIP LOCKED`.
  public static let dueTimers = """
    SELECT \(timerColumns) FROM timers WHERE due_at <= ? AND claimed_until <= ?
    ORDER BY due_at, instance_id, event LIMIT ?
    """
  public static let claimTimer =
    "UPDATE timers SET claimed_until = ? WHERE instance_id = ? AND state = ? AND event = ?"
  public static let runningTimers = """
    SELECT \(timerColumns) FROM timers WHERE due_at < ? ORDER BY due_at, instance_id, event LIMIT ?
    """
  public static let dropTimer =
    "DELETE FROM timers WHERE instance_id = ? AND state = ? AND event = ? AND revision = ?"
  public static let expiredTaskRuns =
    "SELECT instance_id FROM task_leases WHERE until <= ? ORDER BY until, instance_id LIMIT ?"

  /// `due_at` of a paused timer.
  public static let never = Int64.max
}

extension StoreRows {
  public static func timer(_ row: some SQLRow) throws(StoreError) -> ScheduledTimer {
    let due = try row.integer(4)
    return ScheduledTimer(
      instanceID: try row.text(0), state: try row.text(1), event: try row.text(2), revision: try row.int(3),
      dueAt: due == StoreSQL.never ? nil : Timestamp.date(milliseconds: due),
      remaining: due == StoreSQL.never ? TimeInterval(try row.integer(5)) / 1000 : nil)
  }
}

extension StoreWrites {
  /// The statements that replace an instance's timers with a commit's (none when unchanged).
  public static func timers(_ timers: [ScheduledTimer]?, of id: String) -> [SQLStatement] {
    guard let timers else { return [] }
    return [SQLStatement(StoreSQL.deleteTimers, [.text(id)])]
      + timers.map { timer in SQLStatement(StoreSQL.insertTimer, insertTimerValues(timer)) }
  }

  /// The values `StoreSQL.insertTimer` takes for `timer`.
  public static func insertTimerValues(_ timer: ScheduledTimer) -> [SQLValue] {
    [
      .text(timer.instanceID), .text(timer.state), .text(timer.event), .integer(timer.revision),
      .integer(dueAt(timer)), .integer(Int64((timer.remaining ?? 0) * 1000)),
    ]
  }

  /// The `due_at` a timer is stored with: its due time, or `StoreSQL.never` while paused.
  public static func dueAt(_ timer: ScheduledTimer) -> Int64 {
    timer.dueAt.map(Timestamp.milliseconds) ?? StoreSQL.never
  }

  public static func dropTimer(_ timer: ScheduledTimer) -> SQLStatement {
    SQLStatement(
      StoreSQL.dropTimer, [.text(timer.instanceID), .text(timer.state), .text(timer.event), .integer(timer.revision)])
  }

  public static func claimTimer(_ timer: ScheduledTimer, until: Date) -> SQLStatement {
    SQLStatement(
      StoreSQL.claimTimer, [.milliseconds(until), .text(timer.instanceID), .text(timer.state), .text(timer.event)])
  }
}
