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
    // Rounds alternate between the two so that both see the same machine: a shared host's
    // noise, and WAL checkpoints, landed on one side when each ran in one block.
    var raw = try RawInserts(path: folder.appendingPathComponent("w4-raw.db").path)
    let rounds = 6
    let perRound = max(transitions / rounds, 1)
    var ourRates: [Double] = []
    var rawRates: [Double] = []
    var fired = 0
    for _ in 0..<rounds {
      let ours = try await seconds {
        for _ in 0..<perRound {
          fired += 1
          _ = try await engine.fire(id, "update-testers", as: "alice", params: ["testers": .set(["u-\(fired)"])])
        }
      }
      ourRates.append(Double(perRound) / ours)
      rawRates.append(Double(perRound) / (try raw.insert(perRound)))
    }
    let value = median(ourRates)
    let floorRate = median(rawRates)
    return BenchmarkRow(
      name: "W4 persisted transitions, SQLite", value: value, unit: "transitions/s", floor: floorRate,
      ratio: value / floorRate, target: "≥ 0.5 of raw inserts", meets: value / floorRate >= 0.5,
      note:
        "\(rounds) rounds of \(perRound), alternating, medians; floor: one-row insert transactions (WAL, synchronous NORMAL)"
    )
  }
}

/// Raw one-row insert transactions (synchronous code, so GRDB's blocking calls are used).
struct RawInserts {
  let queue: DatabaseQueue
  var inserted = 0

  init(path: String) throws {
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)") }
  }

  /// Seconds taken by `count` insert transactions.
  mutating func insert(_ count: Int) throws -> Double {
    let first = inserted
    inserted += count
    return try seconds {
      for index in first..<(first + count) {
        try queue.writeWithoutTransaction { db in
          try db.inTransaction(.immediate) {
            try db.execute(sql: "INSERT INTO t (body) VALUES (?)", arguments: ["row \(index)"])
            return .commit
          }
        }
      }
    }
  }
}
