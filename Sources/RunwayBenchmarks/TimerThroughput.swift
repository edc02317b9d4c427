import Foundation
import RunwayEngine
import RunwayModel
import RunwaySQLite
import RunwayYAML

/// W8: timers fired per second by one worker on SQLite (`Runway.workUntilIdle`, what
/// `runway worker --once` does), against W4's persisted transitions of the same run: a timer's
/// event commits like any transition, so the claim is all a worker should add.
enum TimerThroughput {
  /// A workflow whose only timer fires a second after `wait`.
  static let ping = """
    workflow: ping
    fields:
      name: { type: string, required: true }
    roles:
      developer-admin: { workspace: "'acme'" }
    start: { allow: [developer-admin] }
    initial: open
    states:
      open: {}
      waiting:
        timers:
          - { after: 1s, fire: ring }
      done: { terminal: true }
    transitions:
      wait: { from: open, to: waiting, allow: [developer-admin] }
      ring: { from: waiting, to: done, allow: [system] }
    """

  static func run(timers: Int, w4: BenchmarkRow, folder: URL) async throws -> BenchmarkRow {
    let workflows = folder.appendingPathComponent("w8-workflows")
    try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
    try ping.write(to: workflows.appendingPathComponent("ping.yaml"), atomically: true, encoding: .utf8)
    let store = try SQLiteInstanceStore(path: folder.appendingPathComponent("w8.db").path)
    try await store.importDirectory(BenchmarkFixture.directory(programs: 1))
    let clock = FixedClock(Date(timeIntervalSince1970: 1_780_000_000))
    let engine = try await Engine.open(
      catalog: try BenchmarkFixture.catalog(workflows.path), store: store, clock: clock)
    let runway = Runway(engine: engine)
    let rounds = 5
    let perRound = max(timers / rounds, 1)
    var rates: [Double] = []
    var started = 0
    for _ in 0..<rounds {
      for _ in 0..<perRound {
        started += 1
        let id = try await engine.start("ping", as: "alice", fields: ["name": .string("p\(started)")]).instance.id
        _ = try await engine.fire(id, "wait", as: "alice")
      }
      clock.advance(by: 2)
      var report = WorkReport()
      let elapsed = try await seconds { report = try await runway.workUntilIdle(through: []) }
      guard report.timersFired.count == perRound, report.failures.isEmpty else {
        throw BenchmarkError(
          "W8 fired \(report.timersFired.count) of \(perRound) timers: \(report.failures.first ?? "")")
      }
      rates.append(Double(perRound) / elapsed)
    }
    let value = median(rates)
    return BenchmarkRow(
      name: "W8 timers fired by one worker, SQLite", value: value, unit: "timers/s", floor: w4.value,
      ratio: value / w4.value, target: "≥ 0.5 of W4", meets: value / w4.value >= 0.5,
      note: "\(rounds) rounds of \(perRound) due timers, one worker --once each, median; floor: W4 of this run")
  }
}
