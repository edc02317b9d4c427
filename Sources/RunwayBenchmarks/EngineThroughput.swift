import CMallocCounter
import Foundation
import RunwayEngine
import RunwayModel

/// W1: releases through the happy path in process, on the memory store, with every guard,
/// param check and invariant, against a floor doing the bare bookkeeping of a transition.
enum EngineThroughput {
  static func run(workflows: String, releases: Int) async throws -> BenchmarkRow {
    let catalog = try BenchmarkFixture.catalog(workflows)
    let store = MemoryInstanceStore()
    try await store.importDirectory(BenchmarkFixture.directory(programs: (releases + 9) / 10))
    for setting in BenchmarkFixture.pilotRequired { try await store.setSetting(setting) }
    let engine = try await Engine.open(catalog: catalog, store: store)
    var ids: [String] = []
    ids.reserveCapacity(releases)
    for index in 0..<releases {
      ids.append(
        try await engine.start("mini-program-release", as: "alice", fields: BenchmarkFixture.fields(index)).instance.id)
    }
    let allocationsBefore = runway_allocations()
    let elapsed = try await seconds {
      for id in ids {
        for (event, actor, params) in BenchmarkFixture.happyPath {
          _ = try await engine.fire(id, event, as: actor, params: params)
        }
      }
    }
    let transitions = Double(releases * BenchmarkFixture.transitionsPerRelease)
    let allocations = Double(runway_allocations() - allocationsBefore) / transitions
    let value = transitions / elapsed
    let floor = transitions / floorSeconds(count: Int(transitions))
    return BenchmarkRow(
      name: "W1 engine, memory store", value: value, unit: "transitions/s", floor: floor, ratio: value / floor,
      target: "≥ 1,000,000 transitions/s", meets: value >= 1_000_000,
      note:
        "\(releases) releases × \(BenchmarkFixture.transitionsPerRelease) transitions, \(Int(allocations.rounded())) heap allocations per transition; floor: dictionary read, struct update and history append per transition",
      allocationsPerUnit: allocations
    )
  }

  /// The irreducible bookkeeping: read the record, bump it, append a history line.
  static func floorSeconds(count: Int) -> Double {
    struct Record {
      var state = "a"
      var revision = 0
    }
    var records = [String: Record]()
    let keys = (0..<1000).map { "r-\($0)" }
    for key in keys { records[key] = Record() }
    var history: [(String, Int)] = []
    history.reserveCapacity(count)
    return seconds {
      for index in 0..<count {
        let key = keys[index % keys.count]
        var record = records[key] ?? Record()
        record.revision += 1
        record.state = index % 2 == 0 ? "b" : "a"
        records[key] = record
        history.append((key, record.revision))
      }
      precondition(history.count == count)
    }
  }
}
