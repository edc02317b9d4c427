import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

extension SQLiteInstanceStore {
  public func directory() async throws(StoreError) -> Directory {
    let rows = try await read { db in try Row.fetchAll(db, sql: "SELECT kind, id, body FROM directory_records") }
    return try DirectoryRecords.directory(
      rows.map { (kind: $0["kind"] as String, id: $0["id"] as String, body: $0["body"] as String) }, store: path)
  }

  public func importDirectory(_ directory: Directory, audit: AuditEntry) async throws(StoreError) {
    let rows = DirectoryRecords.rows(directory)
    try await write { db in
      for row in rows {
        try db.execute(sql: StoreSQL.upsertRecord, arguments: [row.kind, row.id, row.body])
      }
      for (id, actor) in directory.actors {
        try db.execute(sql: StoreSQL.deleteMemberships, arguments: [id])
        for workspace in Set(actor.memberships.map(\.workspace)) {
          try db.execute(sql: StoreSQL.insertMembership, arguments: [workspace, id])
        }
      }
      try Self.record(audit, db)
    }
  }

  public func settings() async throws(StoreError) -> [SettingValue] {
    let rows = try await read { db in
      try Row.fetchAll(db, sql: "SELECT key, scope, value FROM settings ORDER BY key, scope")
    }
    return try rows.map { row throws(StoreError) in try Self.setting(row) }
  }

  /// A settings row (key, scope, value) read back.
  static func setting(_ row: Row) throws(StoreError) -> SettingValue { try StoreRows.setting(row) }

  public func setSetting(_ setting: SettingValue, audit: AuditEntry) async throws(StoreError) {
    try await write { db in
      try db.execute(
        sql: StoreSQL.upsertSetting,
        arguments: [setting.key, setting.scope ?? "", StoredValueCoding.encode(["value": setting.value])])
      try Self.record(audit, db)
    }
  }

  /// Records a settings or directory change and bumps the generation cached directories compare.
  static func record(_ audit: AuditEntry, _ db: Database) throws {
    try StoreWrites.insertAudit(audit).execute(db)
    try db.execute(sql: StoreSQL.bumpGeneration)
  }

  public func auditEntries() async throws(StoreError) -> [AuditEntry] {
    let rows = try await read { db in try Row.fetchAll(db, sql: StoreSQL.auditEntries) }
    return try rows.map { row throws(StoreError) in try StoreRows.audit(row) }
  }
}
