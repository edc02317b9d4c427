import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

extension SQLiteInstanceStore {
  /// One immediate transaction: workers on one file take turns, so a timer is claimed once.
  public func claimTimers(now: Date, lease: TimeInterval, limit: Int) async throws(StoreError) -> [ScheduledTimer] {
    let rows = try await write { db -> [Row] in
      let due = SQLStatement(StoreSQL.dueTimers, [.milliseconds(now), .milliseconds(now), .integer(limit)])
      let rows = try due.rows(db)
      for row in rows { try StoreWrites.claimTimer(try StoreRows.timer(row), until: now + lease).execute(db) }
      return rows
    }
    return try rows.map { row throws(StoreError) in try StoreRows.timer(row) }
  }

  public func scheduledTimers(limit: Int?) async throws(StoreError) -> [ScheduledTimer] {
    let rows = try await read { db in
      try SQLStatement(StoreSQL.runningTimers, [.integer(StoreSQL.never), .integer(limit ?? Int.max)]).rows(db)
    }
    return try rows.map { row throws(StoreError) in try StoreRows.timer(row) }
  }

  public func dropTimer(_ timer: ScheduledTimer) async throws(StoreError) {
    try await write { db in try StoreWrites.dropTimer(timer).execute(db) }
  }

  public func expiredTaskRuns(now: Date, limit: Int) async throws(StoreError) -> [String] {
    try await read { db in
      try SQLStatement(StoreSQL.expiredTaskRuns, [.milliseconds(now), .integer(limit)]).rows(db).map { try $0.text(0) }
    }
  }
}
