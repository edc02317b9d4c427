import Foundation
import Logging
import PostgresNIO
import RunwayEngine
import RunwayModel
import RunwaySQL

extension PostgresInstanceStore {
  public func directory() async throws(StoreError) -> Directory {
    var records: [(kind: String, id: String, body: String)] = []
    for row in try await rows("SELECT kind, id, body FROM directory_records") {
      let c = PostgresColumns(row)
      records.append((try c.string("kind"), try c.string("id"), try c.string("body")))
    }
    return try DirectoryRecords.directory(records, store: location.description)
  }

  public func importDirectory(_ directory: Directory, audit: AuditEntry) async throws(StoreError) {
    let records = DirectoryRecords.rows(directory)
    let logger = logger
    try await transaction { connection in
      let queries = PostgresSnapshotQueries(connection: connection, logger: logger)
      for record in records {
        _ = try await queries.rows(StoreSQL.upsertRecord, [record.kind, record.id, record.body])
      }
      for (id, actor) in directory.actors {
        _ = try await queries.rows(StoreSQL.deleteMemberships, [id])
        for workspace in Set(actor.memberships.map(\.workspace)) {
          _ = try await queries.rows(StoreSQL.insertMembership, [workspace, id])
        }
      }
      try await Self.record(audit, connection, logger)
    }
  }

  public func settings() async throws(StoreError) -> [SettingValue] {
    try await rows("SELECT key, scope, value FROM settings ORDER BY key, scope").map { row throws(StoreError) in
      try Self.setting(row)
    }
  }

  static func setting(_ row: PostgresRow) throws(StoreError) -> SettingValue {
    try StoreRows.setting(PostgresPositions(row))
  }

  public func setSetting(_ setting: SettingValue, audit: AuditEntry) async throws(StoreError) {
    let logger = logger
    try await transaction { connection in
      _ = try await PostgresSnapshotQueries(connection: connection, logger: logger).rows(
        StoreSQL.upsertSetting,
        [setting.key, setting.scope ?? "", StoredValueCoding.encode(["value": setting.value])])
      try await Self.record(audit, connection, logger)
    }
  }

  /// Records a settings or directory change and bumps the generation cached directories compare.
  static func record(_ audit: AuditEntry, _ connection: PostgresConnection, _ logger: Logger) async throws {
    try await StoreWrites.insertAudit(audit).run(connection, logger)
    try await connection.query(PostgresQuery(unsafeSQL: StoreSQL.bumpGeneration), logger: logger)
  }

  public func auditEntries() async throws(StoreError) -> [AuditEntry] {
    try await rows(PostgresQuery(unsafeSQL: StoreSQL.auditEntries)).map { row throws(StoreError) in
      try StoreRows.audit(PostgresPositions(row))
    }
  }

  public func notifications(statuses: Set<OutboxEntry.Status>?, limit: Int?) async throws(StoreError)
    -> [OutboxEntry]
  {
    let filter = statuses.map { _ in "WHERE status \(StoreSQL.listMarker)" } ?? ""
    let values = statuses.map { [StoreSQL.jsonList($0.map(\.rawValue))] } ?? []
    let sql =
      "SELECT \(StoreRows.outboxColumns) FROM outbox \(filter) ORDER BY created_at, delivery_id"
      + (limit.map { " LIMIT \(max(0, $0))" } ?? "")
    let rows = try await self.rows(PostgresQuery(unsafeSQL: StoreSQL.postgres(sql), binds: Self.binds(values)))
    return try rows.map { row throws(StoreError) in try Self.notification(row) }
  }

  public func notification(_ deliveryID: String) async throws(StoreError) -> OutboxEntry? {
    let rows = try await self.rows(
      PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreWrites.notificationByID), binds: Self.binds([deliveryID])))
    return try rows.first.map { row throws(StoreError) in try Self.notification(row) }
  }

  public func claimNotifications(now: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool)
    async throws(StoreError) -> [OutboxEntry]
  {
    let due = ignoringBackoff ? Int64.max : Timestamp.milliseconds(now)
    let until = Timestamp.milliseconds(now + lease)
    let rows = try await transaction { connection in
      // SKIP LOCKED: a notification another worker is claiming right now is left to it.
      let rows = try await Self.all(
        connection.query(
          """
          SELECT \(unescaped: StoreRows.outboxColumns) FROM outbox WHERE status = 'pending' AND next_attempt_at <= \(due)
          ORDER BY created_at, delivery_id LIMIT \(Int32(limit)) FOR UPDATE SKIP LOCKED
          """, logger: logger))
      for row in rows {
        let id = try PostgresPositions(row).text(0)
        try await connection.query(
          "UPDATE outbox SET next_attempt_at = \(until) WHERE delivery_id = \(id)", logger: logger)
      }
      return rows
    }
    return try rows.map { row throws(StoreError) in try Self.notification(row) }
  }

  public func updateNotification(_ entry: OutboxEntry) async throws(StoreError) {
    _ = try await rows(StoreWrites.updateNotification(entry).postgres)
  }

  static func notification(_ row: PostgresRow) throws(StoreError) -> OutboxEntry {
    try StoreRows.notification(PostgresPositions(row))
  }
}
