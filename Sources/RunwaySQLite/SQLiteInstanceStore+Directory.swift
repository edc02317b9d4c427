import Foundation
import GRDB
import RunwayEngine
import RunwayModel

extension SQLiteInstanceStore {
  public func directory() async throws(StoreError) -> Directory {
    let rows = try read { db in try Row.fetchAll(db, sql: "SELECT kind, id, body FROM directory_records") }
    var directory = Directory()
    let decoder = JSONDecoder()
    for row in rows {
      let kind: String = row["kind"]
      let id: String = row["id"]
      let body = Data((row["body"] as String).utf8)
      do {
        switch EntityKind(rawValue: kind) {
        case .apps: directory.apps[id] = try decoder.decode(App.self, from: body)
        case .merchants: directory.merchants[id] = try decoder.decode(Merchant.self, from: body)
        case .miniPrograms: directory.miniPrograms[id] = try decoder.decode(MiniProgram.self, from: body)
        case .actors: directory.actors[id] = try decoder.decode(Actor.self, from: body)
        case nil: throw StoreError.corrupt("unknown directory kind \(kind)")
        }
      } catch {
        throw .corrupt("the directory record \(kind)/\(id) in \(path) cannot be read back")
      }
    }
    return directory
  }

  public func importDirectory(_ directory: Directory) async throws(StoreError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var records: [(EntityKind, String, String)] = []
    func add<T: Encodable>(_ kind: EntityKind, _ items: [String: T]) {
      for (id, item) in items {
        records.append((kind, id, String(decoding: (try? encoder.encode(item)) ?? Data("{}".utf8), as: UTF8.self)))
      }
    }
    add(.apps, directory.apps)
    add(.merchants, directory.merchants)
    add(.miniPrograms, directory.miniPrograms)
    add(.actors, directory.actors)
    try write { db in
      for (kind, id, body) in records {
        try db.execute(
          sql: """
            INSERT INTO directory_records (kind, id, body) VALUES (?, ?, ?)
            ON CONFLICT(kind, id) DO UPDATE SET body = excluded.body
            """,
          arguments: [kind.rawValue, id, body])
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
