import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

extension SQLiteInstanceStore {
  /// One immediate transaction: workers on one file take turns, so a timer is claimed once.
  /// Read and claimed through SQLite's C API on the connection's prepared statements, each
  /// row read once (a worker claims a hundred at a time, docs/benchmarks.md, W8).
  public func claimTimers(now: Date, lease: TimeInterval, limit: Int) async throws(StoreError) -> [ScheduledTimer] {
    try await write { db -> [ScheduledTimer] in
      let due = try BoundStatement(
        db, SQLiteTimers.due, in: hotStatements, values: [.milliseconds(now), .milliseconds(now), .integer(limit)]
      ).all { row in try StoreRows.timer(row) }
      for timer in due {
        try BoundStatement(
          db, SQLiteTimers.claim, in: hotStatements, values: [.milliseconds(now + lease)] + SQLiteTimers.key(timer)
        ).run()
      }
      return due
    }
  }

  public func scheduledTimers(limit: Int?) async throws(StoreError) -> [ScheduledTimer] {
    let rows = try await read { db in
      try SQLStatement(SQLiteTimers.running, [.integer(StoreSQL.never), .integer(limit ?? Int.max)]).rows(db)
    }
    return try rows.map { row throws(StoreError) in try StoreRows.timer(row) }
  }

  public func dropTimer(_ timer: ScheduledTimer) async throws(StoreError) {
    try await write { db in
      try SQLStatement(SQLiteTimers.drop, SQLiteTimers.key(timer) + [.integer(timer.revision)]).execute(db)
      if db.changesCount == 1 { try SQLiteTimers.forget(timer, db, hotStatements) }
    }
  }

  public func expiredTaskRuns(now: Date, limit: Int) async throws(StoreError) -> [String] {
    try await read { db in
      try SQLStatement(StoreSQL.expiredTaskRuns, [.milliseconds(now), .integer(limit)]).rows(db).map { try $0.text(0) }
    }
  }
}
