import Foundation
import GRDB
import RunwayEngine
import RunwayModel

extension SQLiteInstanceStore {
  public func directory() async throws(StoreError) -> Directory {
    let rows = try read { db in try Row.fetchAll(db, sql: "SELECT kind, id, body FROM directory_records") }
    return try DirectoryRecords.directory(
      rows.map { (kind: $0["kind"] as String, id: $0["id"] as String, body: $0["body"] as String) }, store: path)
  }

  public func importDirectory(_ directory: Directory) async throws(StoreError) {
    let rows = DirectoryRecords.rows(directory)
    try write { db in
      for row in rows {
        try db.execute(
          sql: """
            INSERT INTO directory_records (kind, id, body) VALUES (?, ?, ?)
            ON CONFLICT(kind, id) DO UPDATE SET body = excluded.body
            """,
          arguments: [row.kind, row.id, row.body])
      }
    }
  }

  public func settings() async throws(StoreError) -> [SettingValue] {
    let rows = try read { db in try Row.fetchAll(db, sql: "SELECT key, scope, value FROM settings ORDER BY key, scope")
    }
    var settings: [SettingValue] = []
    for row in rows {
      let scope: String = row["scope"]
      let stored = try StoredValueCoding.decode(row["value"])
      settings.append(
        SettingValue(key: row["key"], scope: scope.isEmpty ? nil : scope, value: stored["value"] ?? .null))
    }
    return settings
  }

  public func setSetting(_ setting: SettingValue) async throws(StoreError) {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO settings (key, scope, value) VALUES (?, ?, ?)
          ON CONFLICT(key, scope) DO UPDATE SET value = excluded.value
          """,
        arguments: [setting.key, setting.scope ?? "", StoredValueCoding.encode(["value": setting.value])])
    }
  }
}
