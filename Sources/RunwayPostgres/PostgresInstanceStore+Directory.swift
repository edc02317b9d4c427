import Foundation
import PostgresNIO
import RunwayEngine
import RunwayModel

extension PostgresInstanceStore {
  public func directory() async throws(StoreError) -> Directory {
    var records: [(kind: String, id: String, body: String)] = []
    for row in try await rows("SELECT kind, id, body FROM directory_records") {
      let c = PostgresColumns(row)
      records.append((try c.string("kind"), try c.string("id"), try c.string("body")))
    }
    return try DirectoryRecords.directory(records, store: location.description)
  }

  public func importDirectory(_ directory: Directory) async throws(StoreError) {
    let records = DirectoryRecords.rows(directory)
    try await transaction { connection in
      for record in records {
        try await connection.query(
          """
          INSERT INTO directory_records (kind, id, body) VALUES (\(record.kind), \(record.id), \(record.body))
          ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body
          """, logger: logger)
      }
    }
  }

  public func settings() async throws(StoreError) -> [SettingValue] {
    try await rows("SELECT key, scope, value FROM settings ORDER BY key, scope").map { row throws(StoreError) in
      let c = PostgresColumns(row)
      let scope = try c.string("scope")
      return SettingValue(
        key: try c.string("key"), scope: scope.isEmpty ? nil : scope,
        value: try StoredValueCoding.decode(try c.string("value"))["value"] ?? .null)
    }
  }

  public func setSetting(_ setting: SettingValue) async throws(StoreError) {
    _ = try await rows(
      """
      INSERT INTO settings (key, scope, value) VALUES (\(setting.key), \(setting.scope ?? ""),
        \(StoredValueCoding.encode(["value": setting.value])))
      ON CONFLICT (key, scope) DO UPDATE SET value = excluded.value
      """)
  }

  public func notifications(statuses: Set<OutboxEntry.Status>?) async throws(StoreError) -> [OutboxEntry] {
    let rows = try await self.rows("SELECT * FROM outbox ORDER BY created_at, delivery_id")
    return try rows.map { row throws(StoreError) in try Self.notification(row) }.filter {
      statuses?.contains($0.status) ?? true
    }
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
