import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQLite

/// W4: transitions persisted on SQLite, one transaction each (instance, history), against
/// raw single-row insert transactions on a file with the same settings.
enum PersistedThroughput {
  static func run(workflows: String, transitions: Int, folder: URL) async throws -> BenchmarkRow {
    let store = try SQLiteInstanceStore(path: folder.appendingPathComponent("w4.db").path)
    try await store.importDirectory(BenchmarkFixture.directory(programs: 1))
    for setting in BenchmarkFixture.pilotRequired { try await store.setSetting(setting) }
    let engine = try await Engine.open(catalog: try BenchmarkFixture.catalog(workflows), store: store)
    var id = try await engine.start("mini-program-release", as: "alice", fields: BenchmarkFixture.fields(0)).instance.id
    for (event, actor, params) in BenchmarkFixture.happyPath.prefix(4) {
      id = try await engine.fire(id, event, as: actor, params: params).instance.id
    }
    let ours = try await seconds {
      for index in 0..<transitions {
        _ = try await engine.fire(id, "update-testers", as: "alice", params: ["testers": .set(["u-\(index)"])])
      }
    }
    let floor = try rawInserts(transitions, path: folder.appendingPathComponent("w4-raw.db").path)
    let value = Double(transitions) / ours
    let floorRate = Double(transitions) / floor
    return BenchmarkRow(
      name: "W4 persisted transitions, SQLite", value: value, unit: "transitions/s", floor: floorRate,
      ratio: value / floorRate, target: "≥ 0.5 of raw inserts", meets: value / floorRate >= 0.5,
      note: "\(transitions) transitions; floor: one-row insert transactions (WAL, synchronous NORMAL)")
  }

  /// Raw one-row insert transactions (synchronous code, so GRDB's blocking calls are used).
  static func rawInserts(_ count: Int, path: String) throws -> Double {
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    let raw = try DatabaseQueue(path: path, configuration: configuration)
    try raw.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)") }
    return try seconds {
      for index in 0..<count {
        try raw.writeWithoutTransaction { db in
          try db.inTransaction(.immediate) {
            try db.execute(sql: "INSERT INTO t (body) VALUES (?)", arguments: ["row \(index)"])
            return .commit
          }
        }
      }
    }
  }
}
