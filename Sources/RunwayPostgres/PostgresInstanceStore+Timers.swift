import Foundation
import PostgresNIO
import RunwayEngine
import RunwayModel
import RunwaySQL

extension PostgresInstanceStore {
  /// SKIP LOCKED: a timer another worker is claiming right now is left to it, so workers on
  /// several hosts share the due timers without waiting for each other.
  public func claimTimers(now: Date, lease: TimeInterval, limit: Int) async throws(StoreError) -> [ScheduledTimer] {
    let logger = logger
    return try await transaction { connection in
      var due = SQLStatement(StoreSQL.dueTimers, [.milliseconds(now), .milliseconds(now), .integer(limit)])
      due.sql += " FOR UPDATE SKIP LOCKED"
      var claimed: [ScheduledTimer] = []
      for row in try await due.run(connection, logger) {
        let timer = try StoreRows.timer(PostgresPositions(row))
        try await StoreWrites.claimTimer(timer, until: now + lease).run(connection, logger)
        claimed.append(timer)
      }
      return claimed
    }
  }

  public func scheduledTimers(limit: Int?) async throws(StoreError) -> [ScheduledTimer] {
    let select = SQLStatement(StoreSQL.runningTimers, [.integer(StoreSQL.never), .integer(limit ?? Int.max)])
    return try await rows(select.postgres).map { row throws(StoreError) in try StoreRows.timer(PostgresPositions(row)) }
  }

  public func dropTimer(_ timer: ScheduledTimer) async throws(StoreError) {
    _ = try await rows(StoreWrites.dropTimer(timer).postgres)
  }

  public func expiredTaskRuns(now: Date, limit: Int) async throws(StoreError) -> [String] {
    let select = SQLStatement(StoreSQL.expiredTaskRuns, [.milliseconds(now), .integer(limit)])
    return try await rows(select.postgres).map { row throws(StoreError) in try PostgresPositions(row).text(0) }
  }
}
