import Foundation
import Testing

/// Many `runway` processes on one store at once — shared and separate instances, then several
/// delivery workers: no lost update, no gap in any history, every notification sent once.
@Suite("Many writers", .serialized)
struct ManyWritersTests {
  /// The stores this run can test: SQLite always, PostgreSQL when a test server is named.
  static var stores: [String] {
    ProcessInfo.processInfo.environment["RUNWAY_TEST_POSTGRES_URL"].map {
      $0.isEmpty ? ["sqlite"] : ["sqlite", "postgres"]
    }
      ?? ["sqlite"]
  }

  @Test(arguments: stores)
  func eightProcessesLoseNothing(_ kind: String) async throws {
    var setup = try RunwayProcess()
    if kind == "postgres" { setup.environment["RUNWAY_STORE"] = try RunwayProcess.scratchPostgres() }
    let runway = setup
    let shared = try runway.releaseInPilotTesting()
    let rounds = 6
    // Workers 0–3 add testers to the shared release; workers 4–7 each carry a release of their own.
    let environments = ["sandbox", "test", "development"]
    let results = try await withThrowingTaskGroup(of: [RunwayProcess.Result].self) { group in
      for worker in 0..<8 {
        group.addTask {
          var results: [RunwayProcess.Result] = []
          if worker < 4 {
            for round in 0..<rounds {
              results.append(
                try runway.run("fire", shared, "add-testers", "--as", "alice", "--param", "testers=w\(worker)-\(round)")
              )
            }
          } else {
            let version = ["1.0.0", "1.1.0", "1.2.0"][worker % 3]
            let id = try runway.run(
              "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set",
              "version=\(version)",
              "--set", "targetApp=superpay", "--set", "environment=\(environments[worker == 7 ? 0 : worker - 4])")
            results.append(id)
            let instance = id.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            for (event, actor) in [
              ("release", "alice"), ("apply", "alice"), ("approve", "wendy"), ("complete-testing", "alice"),
            ] {
              results.append(try runway.run("fire", instance, event, "--as", actor))
            }
          }
          return results
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    // Worker 7 releases the same version to the same place as worker 4 (version 1.1.0 vs 1.1.0 in sandbox):
    // exactly one of their starts is refused as a duplicate; everything else succeeds.
    let failures = results.filter { $0.status != 0 }
    #expect(
      failures.allSatisfy { $0.stderr.contains("release a new version instead") || $0.stderr.contains("no instance") },
      "\(failures.map(\.stderr))")
    let instances = try #require(try runway.run("list", "--json").json() as? [[String: Any]])
    for instance in instances {
      let id = try #require(instance["id"] as? String)
      let history = try #require(try runway.run("history", id, "--json").json() as? [[String: Any]])
      let revisions = history.compactMap { $0["revision"] as? Int }
      #expect(revisions == Array(1...revisions.count), "\(id) has gaps or repeats: \(revisions)")
      #expect(instance["revision"] as? Int == revisions.count)
    }
    let testers = try #require(try runway.show(shared)["fields"] as? [String: Any])["testers"] as? [String]
    #expect(testers?.count == 4 * rounds)

    // Four delivery workers at once: each notification reaches the log exactly once.
    let log = runway.folder.appendingPathComponent("delivered.jsonl").path
    let pending = try #require(try runway.run("notify", "list", "--json").json() as? [[String: Any]])
    #expect(pending.count >= 4)
    _ = try await withThrowingTaskGroup(of: RunwayProcess.Result.self) { group in
      for _ in 0..<4 { group.addTask { try runway.run("notify", "deliver", "--notify", "log:\(log)") } }
      return try await group.reduce(into: [RunwayProcess.Result]()) { $0.append($1) }
    }
    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    let ids = lines.compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["deliveryId"] as? String
    }
    #expect(ids.count == pending.count, "\(ids.count) sent for \(pending.count) notifications")
    #expect(Set(ids).count == ids.count, "a notification was sent twice")
    let after = try #require(try runway.run("notify", "list", "--json").json() as? [[String: Any]])
    #expect(after.allSatisfy { $0["status"] as? String == "delivered" && $0["attempts"] as? Int == 1 })
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["RUNWAY_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false))
  func theREADMEWalkthroughWorksUnchangedOnPostgres() throws {
    var runway = try RunwayProcess()
    runway.environment["RUNWAY_STORE"] = try RunwayProcess.scratchPostgres()
    try runway.importExampleDirectory()
    try runway.ok("settings", "set", "pilotTestingRequired=true", "--scope", "superpay")
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    try runway.ok("fire", id, "approve", "--as", "wendy")
    try runway.ok(
      "fire", id, "add-testers", "--as", "alice", "--param", "testers=@" + runway.path("examples/testers.csv"))
    try runway.ok("fire", id, "complete-testing", "--as", "alice")
    for percent in ["10", "50", "100"] {
      try runway.ok("fire", id, "grayscale", "--as", "alice", "--param", "percent=\(percent)")
    }
    #expect(try runway.show(id)["state"] as? String == "released")
    let history = try #require(try runway.run("history", id, "--json").json() as? [[String: Any]])
    #expect(history.count == 10)
    #expect(
      try runway.ok("resolve", "--app", "superpay", "--env", "production", "--mini-program", "shop", "--user", "u-1001")
        .hasPrefix("1.0.0"))
  }
}

extension RunwayProcess {
  /// A new, empty database on the test server, as a store URL.
  static func scratchPostgres() throws -> String {
    let server = try #require(ProcessInfo.processInfo.environment["RUNWAY_TEST_POSTGRES_URL"])
    let name = "runway_cli_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", server, "-q", "-c", "CREATE DATABASE \(name)"]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "cannot create a database on \(server)")
    var components = try #require(URLComponents(string: server))
    components.path = "/" + name
    return try #require(components.string)
  }
}
