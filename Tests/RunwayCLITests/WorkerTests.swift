import Foundation
import RunwayEngine
import RunwayModel
import Testing

@testable import RunwayCLI

/// `runway worker` on a SQLite file and on PostgreSQL (issue 13): a worker killed in the
/// middle of a build leaves the run to the next one, which records it once; two workers share
/// 500 due timers and fire each once.
@Suite("worker")
struct WorkerTests {
  static let stores: [String] =
    ProcessInfo.processInfo.environment["RUNWAY_TEST_POSTGRES_URL"].map {
      $0.isEmpty ? ["sqlite"] : ["sqlite", "postgres"]
    } ?? ["sqlite"]

  static func process(_ kind: String) throws -> RunwayProcess {
    var runway = try RunwayProcess()
    if kind == "postgres" { runway.environment["RUNWAY_STORE"] = try RunwayProcess.scratchPostgres() }
    return runway
  }

  @Test(arguments: stores)
  func aWorkerKilledMidBuildLeavesItToTheNextWhichCompletesItOnce(_ kind: String) throws {
    var runway = try Self.process(kind)
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    runway.environment["RUNWAY_TASK_LEASE_SECONDS"] = "1"

    // The fire dies before its build; the first worker takes the run and dies in it too.
    var crashing = runway
    crashing.environment["RUNWAY_FAILPOINT"] = "kill-before-task"
    #expect(try crashing.run("fire", id, "release", "--as", "alice").status == SIGKILL)
    Thread.sleep(forTimeInterval: 1.1)
    let killed = try crashing.run("worker", "--once")
    #expect(killed.status == SIGKILL, "the worker is killed inside the build: \(killed.stderr)")
    #expect(try runway.show(id)["state"] as? String == "building")

    // While the killed worker's claim lasts, another worker leaves the run alone.
    let early = try runway.run("worker", "--once", "--json")
    #expect(early.status == 0, "\(early.stderr)")
    #expect(try (early.json() as? [String: Any])?["tasksResumed"] as? [String] == [])

    Thread.sleep(forTimeInterval: 1.1)
    let finished = try runway.run("worker", "--once", "--json")
    #expect(finished.status == 0, "\(finished.stderr)")
    #expect(try (finished.json() as? [String: Any])?["tasksResumed"] as? [String] == [id])
    #expect(try runway.show(id)["state"] as? String == "ready")
    let history = try #require(try runway.run("history", id, "--json").json() as? [[String: Any]])
    #expect(history.compactMap { $0["event"] as? String } == ["start", "release", "success"])

    // Nothing is left: a further worker round records nothing more.
    _ = try runway.ok("worker", "--once")
    #expect(try (runway.run("history", id, "--json").json() as? [[String: Any]])?.count == 3)
  }

  /// A workflow whose only timer fires one second after `wait`.
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
      close: { from: [open, waiting], to: done, allow: [developer-admin] }
    """

  @Test(arguments: stores)
  func twoWorkersFire500DueTimersEachExactlyOnce(_ kind: String) async throws {
    var runway = try Self.process(kind)
    let folder = runway.folder.appendingPathComponent("workflows")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Self.ping.write(to: folder.appendingPathComponent("ping.yaml"), atomically: true, encoding: .utf8)
    runway.environment["RUNWAY_WORKFLOWS"] = folder.path
    try runway.importExampleDirectory()
    let options = try StoreOptions.parse([
      "--store", try #require(runway.environment["RUNWAY_STORE"]), "--workflows", folder.path,
    ])
    let engine = try await CommandEnvironment.open(options).runway.engine
    var ids: [String] = []
    for index in 0..<500 {
      let id = try await engine.start("ping", as: "alice", fields: ["name": .string("p\(index)")]).instance.id
      _ = try await engine.fire(id, "wait", as: "alice")
      ids.append(id)
    }
    // One more that leaves the state before its timer is due: its timer is gone with it.
    let closed = try await engine.start("ping", as: "alice", fields: ["name": .string("closed")]).instance.id
    _ = try await engine.fire(closed, "wait", as: "alice")
    _ = try await engine.fire(closed, "close", as: "alice")
    #expect(try await engine.store.scheduledTimers(limit: nil).count == 500)
    try await Task.sleep(for: .milliseconds(1100))

    let workers = try (0..<2).map { _ in try runway.start("worker", "--once", "--json") }
    var fired: [String] = []
    for worker in workers {
      let result = worker.finish()
      #expect(result.status == 0, "\(result.stderr)")
      fired += try #require(try (result.json() as? [String: Any])?["timersFired"] as? [String])
    }
    #expect(fired.count == 500)
    #expect(Set(fired).count == 500)
    for id in ids {
      let history = try await engine.history(of: id)
      #expect(history.map(\.event) == ["start", "wait", "ring"], "\(id)")
      #expect(history.last?.actor == "system")
    }
    #expect(try await engine.history(of: closed).map(\.event) == ["start", "wait", "close"])
    #expect(try await engine.store.scheduledTimers(limit: nil).isEmpty)
  }
}
