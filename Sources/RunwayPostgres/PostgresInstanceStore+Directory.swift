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
    let c = PostgresColumns(row)
    let scope = try c.string("scope")
    return SettingValue(
      key: try c.string("key"), scope: scope.isEmpty ? nil : scope,
      value: try StoredValueCoding.decode(try c.string("value"))["value"] ?? .null)
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
    var binds = PostgresBindings()
    binds.append(audit.operation)
    binds.append(audit.actor)
    binds.append(Timestamp.milliseconds(audit.at))
    binds.append(audit.summary)
    try await connection.query(PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.insertAudit), binds: binds), logger: logger)
    try await connection.query(PostgresQuery(unsafeSQL: StoreSQL.bumpGeneration), logger: logger)
  }

  public func auditEntries() async throws(StoreError) -> [AuditEntry] {
    try await rows(PostgresQuery(unsafeSQL: StoreSQL.auditEntries)).map { row throws(StoreError) in
      let c = PostgresColumns(row)
      return AuditEntry(
        operation: try c.string("operation"), actor: try c.string("actor"),
        at: Timestamp.date(milliseconds: try c.int64("at")), summary: try c.string("summary"))
    }
  }

  public func notifications(statuses: Set<OutboxEntry.Status>?, limit: Int?) async throws(StoreError)
    -> [OutboxEntry]
  {
    let filter = statuses.map { _ in "WHERE status \(StoreSQL.listMarker)" } ?? ""
    let values = statuses.map { [StoreSQL.jsonList($0.map(\.rawValue))] } ?? []
    let sql = "SELECT * FROM outbox \(filter) ORDER BY created_at, delivery_id" + (limit.map { " LIMIT \(max(0, $0))" } ?? "")
    let rows = try await self.rows(PostgresQuery(unsafeSQL: StoreSQL.postgres(sql), binds: Self.binds(values)))
    return try rows.map { row throws(StoreError) in try Self.notification(row) }
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
          SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= \(due)
          ORDER BY created_at, delivery_id LIMIT \(Int32(limit)) FOR UPDATE SKIP LOCKED
          """, logger: logger))
      for row in rows {
        let id = try PostgresColumns(row).string("delivery_id")
        try await connection.query(
          "UPDATE outbox SET next_attempt_at = \(until) WHERE delivery_id = \(id)", logger: logger)
      }
      return rows
    }
    return try rows.map { row throws(StoreError) in try Self.notification(row) }
  }

  public func updateNotification(_ entry: OutboxEntry) async throws(StoreError) {
    _ = try await rows(
      """
      UPDATE outbox SET status = \(entry.status.rawValue), attempts = \(Int32(entry.attempts)),
        next_attempt_at = \(Timestamp.milliseconds(entry.nextAttemptAt)), last_error = \(entry.lastError)
      WHERE delivery_id = \(entry.deliveryID)
      """)
  }

  static func notification(_ row: PostgresRow) throws(StoreError) -> OutboxEntry {
    let c = PostgresColumns(row)
    guard
      let recipients = OutboxEntry.recipients(fromJSON: try c.string("recipients")),
      let status = OutboxEntry.Status(rawValue: try c.string("status"))
    else { throw .corrupt("an outbox entry cannot be read back") }
    return OutboxEntry(
      deliveryID: try c.string("delivery_id"), instanceID: try c.string("instance_id"), revision: try c.int("revision"),
      notification: try c.string("notification"), recipients: recipients, subject: try c.string("subject"),
      body: try c.string("body"), payload: try c.string("payload"),
      createdAt: Timestamp.date(milliseconds: try c.int64("created_at")), status: status,
      attempts: try c.int("attempts"),
      nextAttemptAt: Timestamp.date(milliseconds: try c.int64("next_attempt_at")),
      lastError: try c.optionalString("last_error"))
  }
}
