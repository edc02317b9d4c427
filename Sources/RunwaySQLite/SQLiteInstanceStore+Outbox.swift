import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

extension SQLiteInstanceStore {
  public func notifications(statuses: Set<OutboxEntry.Status>?, limit: Int?) async throws(StoreError)
    -> [OutboxEntry]
  {
    let rows = try await read { db in
      let filter = statuses.map { _ in "WHERE status \(StoreSQL.sqlite(StoreSQL.listMarker))" } ?? ""
      var arguments: [any DatabaseValueConvertible] = statuses.map { [StoreSQL.jsonList($0.map(\.rawValue))] } ?? []
      arguments.append(limit ?? -1)
      return try Row.fetchAll(
        db, sql: "SELECT \(StoreRows.outboxColumns) FROM outbox \(filter) ORDER BY created_at, delivery_id LIMIT ?",
        arguments: StatementArguments(arguments))
    }
    return try rows.map { row throws(StoreError) in try Self.notification(row) }
  }

  public func notification(_ deliveryID: String) async throws(StoreError) -> OutboxEntry? {
    let row = try await read { db in try SQLStatement(StoreWrites.notificationByID, [.text(deliveryID)]).rows(db).first
    }
    return try row.map { row throws(StoreError) in try Self.notification(row) }
  }

  public func claimNotifications(now: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool)
    async throws(StoreError) -> [OutboxEntry]
  {
    let nowMilliseconds = Timestamp.milliseconds(now)
    let due = ignoringBackoff ? Int64.max : nowMilliseconds
    let rows = try await write { db -> [Row] in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT \(StoreRows.outboxColumns) FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
          ORDER BY created_at, delivery_id LIMIT ?
          """, arguments: [due, limit])
      for row in rows {
        try db.execute(
          sql: "UPDATE outbox SET next_attempt_at = ? WHERE delivery_id = ?",
          arguments: [Timestamp.milliseconds(now + lease), try row.text(0)])
      }
      return rows
    }
    return try rows.map { row throws(StoreError) in try Self.notification(row) }
  }

  public func updateNotification(_ entry: OutboxEntry) async throws(StoreError) {
    try await write { db in try StoreWrites.updateNotification(entry).execute(db) }
  }

  static func notification(_ row: Row) throws(StoreError) -> OutboxEntry { try StoreRows.notification(row) }
}
