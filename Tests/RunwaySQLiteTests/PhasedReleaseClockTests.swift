import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML
import Testing

/// A phased release of the shipped workflow on a virtual clock, on a real SQLite file and a
/// real PostgreSQL server, driven by worker rounds (issue 13, docs/rollout.md "Phased
/// release"): seven steps to `released`, and a halt freezes it.
@Suite("phased release on a virtual clock")
struct PhasedReleaseClockTests {
  static let backends = StoreBackend.allCases.filter { $0 != .memory }

  static let workflows = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Workflows").path

  static let directory = Directory(
    records: [
      "apps": ["superpay": ["name": .string("SuperPay")]],
      "merchants": ["acme": ["name": .string("Acme Foods")]],
      "miniPrograms": [
        "shop": ["name": .string("Acme Shop"), "merchant": .string("acme"), "versions": .set(["1.0.0"])]
      ],
    ],
    actors: [
      "alice": Actor(
        name: "Alice", email: "alice@acme.example",
        memberships: [Membership(workspace: "acme", role: "developer-admin", assigned: [])]),
      "wendy": Actor(
        name: "Wendy", email: "wendy@superpay.example",
        memberships: [Membership(workspace: "superpay", role: "workspace-admin", assigned: [])]),
    ])

  static func catalog() throws -> WorkflowCatalog {
    let folder = WorkflowLoader.loadFolder(workflows)
    #expect(folder.diagnostics.isEmpty, "\(folder.diagnostics)")
    return WorkflowCatalog(
      try folder.workflows.map { loaded in
        WorkflowCatalog.Entry(
          workflow: try #require(loaded.compile().workflow), sourcePath: loaded.path, sourceText: loaded.text)
      }, domain: folder.workflows.first?.domain ?? .standard)
  }

  /// Users 0…399, each with the version they get now.
  static func served(_ engine: Engine) async throws -> [String?] {
    let resolver = try await engine.rollout(app: "superpay", environment: "production", miniProgram: "shop")
    return (0..<400).map { resolver.resolve(userID: "u-\($0)").version }
  }

  @Test(arguments: backends)
  func sevenStepsReachReleasedAndAHaltFreezesIt(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.importDirectory(Self.directory)
    let clock = FixedClock(Date(timeIntervalSince1970: 1_780_000_000))
    let engine = try await Engine.open(catalog: try Self.catalog(), store: store, clock: clock)
    let runway = Runway(engine: engine)
    let id = try await engine.start(
      "mini-program-release", as: "alice",
      fields: [
        "miniProgram": .string("shop"), "version": .string("1.0.0"), "targetApp": .string("superpay"),
        "environment": .string("production"),
      ]
    ).instance.id
    for (event, actor) in [("release", "alice"), ("apply", "alice"), ("approve", "wendy")] {
      _ = try await engine.fire(id, event, as: actor)
    }
    var instance = try await engine.fire(id, "start-phased", as: "alice").instance
    #expect(instance.state == "phased-release")
    #expect(instance.fields["grayscalePercent"] == .int(1))

    /// Moves the clock on and runs one worker round; returns the timers it fired.
    func pass(_ seconds: TimeInterval) async throws -> [String] {
      clock.advance(by: seconds)
      let report = try await runway.work(through: [])
      #expect(report.failures.isEmpty, "\(report.failures)")
      instance = try await engine.instance(id)
      return report.timersFired
    }

    // Not before its interval: 23 h in, nothing moves.
    #expect(try await pass(23 * 3600) == [])
    #expect(instance.fields["grayscalePercent"] == .int(1))
    #expect(try await pass(3600) == ["\(id) advance-phase"])
    #expect(instance.fields["grayscalePercent"] == .int(2))
    #expect(try await pass(24 * 3600) == ["\(id) advance-phase"])
    #expect(instance.fields["grayscalePercent"] == .int(5))

    // Halted: three days of worker rounds change nothing, and users keep what they got.
    _ = try await engine.fire(id, "halt", as: "wendy")
    let halted = try await engine.instance(id)
    let historyWhenHalted = try await engine.history(of: id)
    let servedWhenHalted = try await Self.served(engine)
    #expect(servedWhenHalted.contains("1.0.0") && servedWhenHalted.contains(nil))
    for _ in 0..<3 {
      #expect(try await pass(24 * 3600) == [])
      #expect(instance == halted)
      #expect(try await Self.served(engine) == servedWhenHalted)
    }
    #expect(try await engine.history(of: id) == historyWhenHalted)

    // Resumed: a step a day again, from where it stopped, to released.
    _ = try await engine.fire(id, "resume", as: "alice")
    for percent in [10, 20, 50] {
      #expect(try await pass(24 * 3600) == ["\(id) advance-phase"])
      #expect(instance.state == "phased-release")
      #expect(instance.fields["grayscalePercent"] == .int(percent))
    }
    #expect(try await pass(24 * 3600) == ["\(id) advance-phase"])
    #expect(instance.state == "released")
    #expect(instance.fields["grayscalePercent"] == .int(100))
    #expect(try await Self.served(engine).allSatisfy { $0 == "1.0.0" })

    // Seven steps: start-phased, then six timed ones by the system actor; nothing after.
    #expect(try await pass(7 * 24 * 3600) == [])
    let history = try await engine.history(of: id)
    let steps = history.filter { $0.event == "start-phased" || $0.event == "advance-phase" }
    #expect(steps.count == 7)
    #expect(history.filter { $0.event == "advance-phase" }.allSatisfy { $0.actor == "system" })
    #expect(history.map(\.event).suffix(4) == ["advance-phase", "advance-phase", "advance-phase", "advance-phase"])
    #expect(try await store.scheduledTimers(limit: nil).isEmpty)
  }
}
