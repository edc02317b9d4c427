import CSQLiteFloor
import Foundation
import RunwayEngine
import RunwayModel
import RunwaySQLite

/// W4: transitions persisted on SQLite, one transaction each (instance head, history row),
/// against raw single-row insert transactions on a file with the same settings.
enum PersistedThroughput {
  /// The transitions of a run, in six rounds. A round spans several WAL checkpoints (one every
  /// 1,000 pages, a few milliseconds of fsync each) on both sides: rounds of 500 held a
  /// checkpoint or not by chance, and the median of six picked that chance, not the cost
  /// (docs/benchmarks.md, W4).
  static func transitions(quick: Bool) -> Int { quick ? 500 : 30_000 }

  static func run(workflows: String, transitions: Int, folder: URL) async throws -> BenchmarkRow {
    let store = try SQLiteInstanceStore(path: folder.appendingPathComponent("w4.db").path)
    try await store.importDirectory(BenchmarkFixture.directory(programs: 1))
    for setting in BenchmarkFixture.pilotRequired { try await store.setSetting(setting) }
    let engine = try await Engine.open(catalog: try BenchmarkFixture.catalog(workflows), store: store)
    var id = try await engine.start("mini-program-release", as: "alice", fields: BenchmarkFixture.fields(0)).instance.id
    for (event, actor, params) in BenchmarkFixture.happyPath.prefix(4) {
      id = try await engine.fire(id, event, as: actor, params: params).instance.id
    }
    // For counting one fire's instructions (scripts/instructions.sh fire): this many fires
    // and no measurement; the difference of two counts is the fires' alone.
    if let fires = ProcessInfo.processInfo.environment["RUNWAY_BENCH_W4_FIRES"].flatMap(Int.init) {
      for index in 0..<fires {
        _ = try await engine.fire(id, "update-testers", as: "alice", params: ["testers": .set(["u-\(index)"])])
      }
      return BenchmarkRow(
        name: "W4 fires counted", value: Double(fires), unit: "fires", floor: 1, ratio: 1, target: "—", meets: true,
        note: "RUNWAY_BENCH_W4_FIRES: no measurement")
    }
    // Rounds alternate between the three so that all see the same machine: a shared host's
    // noise, and WAL checkpoints, landed on one side when each ran in one block.
    let floorPath = folder.appendingPathComponent("w4-raw.db").path
    guard let raw = runway_sqlite_floor_open(floorPath) else {
      throw BenchmarkError("cannot open the floor's database \(floorPath)")
    }
    defer { runway_sqlite_floor_close(raw) }
    let rounds = 6
    let perRound = max(transitions / rounds, 1)
    var ourRates: [Double] = []
    var rawRates: [Double] = []
    var shapeRates: [Double] = []
    var oneTreeRates: [Double] = []
    var fired = 0
    for _ in 0..<rounds {
      let ours = try await seconds {
        for _ in 0..<perRound {
          fired += 1
          _ = try await engine.fire(id, "update-testers", as: "alice", params: ["testers": .set(["u-\(fired)"])])
        }
      }
      ourRates.append(Double(perRound) / ours)
      rawRates.append(Double(perRound) / (try measured(runway_sqlite_floor_inserts(raw, Int32(perRound)))))
      shapeRates.append(Double(perRound) / (try measured(runway_sqlite_floor_transitions(raw, Int32(perRound)))))
      oneTreeRates.append(
        Double(perRound) / (try measured(runway_sqlite_floor_one_tree_transitions(raw, Int32(perRound)))))
    }
    let value = median(ourRates)
    let floorRate = median(rawRates)
    let shape = median(shapeRates)
    let shapeRatio = String(format: "%.2f", shape / floorRate)
    let oneTreeRate = median(oneTreeRates)
    let oneTree = String(format: "%.2f", oneTreeRate / floorRate)
    // Runway's SQLite layout is the one-tree one (schema v8), so that is what it is compared with.
    let ofOneTree = String(format: "%.2f", value / oneTreeRate)
    return BenchmarkRow(
      name: "W4 persisted transitions, SQLite", value: value, unit: "transitions/s", floor: floorRate,
      ratio: value / floorRate, target: "≥ 0.5 of raw inserts", meets: value / floorRate >= 0.5,
      note:
        "\(rounds) rounds of \(perRound), alternating, medians; floor: one-row insert transactions through SQLite's C API on prepared statements (WAL, synchronous NORMAL); the same C API doing a transition's statements alone (read, CAS update, history insert) on two tables runs \(Int(shape))/s = \(shapeRatio) of the floor; with the instance's head and history in one b-tree (Runway's layout) \(Int(oneTreeRate))/s = \(oneTree) of the floor, and Runway reaches \(ofOneTree) of that"
    )
  }

  /// The seconds a C floor reports, or the failure it signals with a negative number.
  private static func measured(_ seconds: Double) throws -> Double {
    guard seconds > 0 else { throw BenchmarkError("SQLite failed in W4's floor") }
    return seconds
  }
}
