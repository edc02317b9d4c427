import Foundation
import RunwayEngine
import RunwayModel
import RunwaySQLite

/// W10: a command's cost must not grow with the size of the platform. One release in pilot
/// testing is driven through `runway show`, `fire` and a single `resolve` as whole processes,
/// on a store holding only it and on one that also holds 2,500 mini programs and 10,000 other
/// releases; the runs alternate, so both see the same machine.
enum ScaleLatency {
  static func run(workflows: String, runs: Int, programs: Int, releases: Int, folder: URL) async throws
    -> [BenchmarkRow]
  {
    let small = try CLIStore("w10-small", versions: ["1.0.0"], workflows: workflows, folder: folder)
    let large = try CLIStore("w10-large", versions: ["1.0.0"], workflows: workflows, folder: folder)
    try await populate(large, workflows: workflows, programs: programs, releases: releases)
    var ids: [String] = []
    for store in [small, large] {
      try store.run(["settings", "set", "pilotTestingRequired=true"])
      ids.append(try store.approvedRelease("1.0.0"))
    }
    let commands: [(name: String, arguments: (String, Int) -> [String])] = [
      ("show", { id, _ in ["show", id, "--as", "alice"] }),
      ("fire", { id, run in ["fire", id, "update-testers", "--as", "alice", "--param", "testers=u-\(run)"] }),
      (
        "resolve",
        { _, _ in ["resolve", "--app", "superpay", "--env", "production", "--mini-program", "shop", "--user", "u-1"] }
      ),
    ]
    var rows: [BenchmarkRow] = []
    for command in commands {
      var times: [[Double]] = [[], []]
      for run in 0..<runs {
        for (index, store) in [small, large].enumerated() {
          times[index].append(try seconds { try store.run(command.arguments(ids[index], run)) })
        }
      }
      let value = median(times[1]) * 1000
      let floor = median(times[0]) * 1000
      rows.append(
        BenchmarkRow(
          name: "W10 \(command.name), \(programs) programs and \(releases) releases", value: value,
          unit: "ms (median)", floor: floor, ratio: value / floor, target: "≤ 1.2× one release",
          meets: value / floor <= 1.2,
          note: "median of \(runs) alternating runs; floor: the same command on a store holding one release"))
    }
    return rows
  }

  /// Fills a store in process: `programs` mini programs of merchant acme and `releases`
  /// releases of them, started and left where they are.
  static func populate(_ store: CLIStore, workflows: String, programs: Int, releases: Int) async throws {
    guard let path = store.environment["RUNWAY_STORE"]?.dropFirst("sqlite:".count) else { return }
    let sqlite = try SQLiteInstanceStore(path: String(path))
    var directory = BenchmarkFixture.directory(programs: programs)
    directory.actors = [:]  // alice and wendy are the CLI store's own
    try await sqlite.importDirectory(directory)
    let engine = try await Engine.open(catalog: try BenchmarkFixture.catalog(workflows), store: sqlite)
    for index in 0..<releases {
      _ = try await engine.start("mini-program-release", as: "alice", fields: BenchmarkFixture.fields(index))
    }
  }
}
