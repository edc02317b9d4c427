import Foundation
import Testing

/// Two `runway serve` replicas on one PostgreSQL database: clients spread over both lose no
/// update (a 409 is retried, as docs/api.md says), and each replica sees the other's writes.
/// Runs when `RUNWAY_TEST_POSTGRES_URL` names a server (`.ci/run` starts one).
@Suite("Two replicas on one PostgreSQL", .serialized)
struct ReplicaTests {
  static var serverURL: String? {
    ProcessInfo.processInfo.environment["RUNWAY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// A fresh database on the test server (`psql`), and its URL.
  static func database() throws -> String {
    let url = try #require(serverURL)
    let name = "runway_serve_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", url, "-q", "-c", "CREATE DATABASE \(name)"]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "psql could not create a database")
    let base = url[..<(url.lastIndex(of: "/") ?? url.endIndex)]
    return base + "/" + name
  }

  /// A console session opened through one replica is known to the other, and signing out
  /// through either ends it on both (docs/console.md, "Sessions").
  @Test(.enabled(if: serverURL != nil)) func aConsoleSessionIsKnownToEveryReplica() async throws {
    let store = try Self.database()
    let first = try ServerProcess(store: store)
    let second = try ServerProcess(store: store)
    let token = try first.token("alice")
    try first.start()
    try second.start()
    let one = ConsoleClient(baseURL: first.baseURL)
    _ = try await one.signIn(token)
    let here = try await one.get("/releases")
    #expect(here.status == 200)
    let two = ConsoleClient(baseURL: second.baseURL)
    two.cookies = one.cookies
    let there = try await two.get("/releases")
    #expect(there.status == 200, "\(there.status) \(there.location ?? "")")
    #expect(there.text.contains("<strong id=\"actor\">alice</strong>"))
    #expect(there.csrf != nil && there.csrf == here.csrf, "one session, one CSRF token")
    #expect(try await two.post("/sign-out", form: ["csrf": try #require(there.csrf)]).status == 303)
    #expect(try await one.get("/releases").location == "/sign-in?next=/releases", "signed out on both")
    #expect(first.stop() == 0)
    #expect(second.stop() == 0)
  }

  @Test(.enabled(if: serverURL != nil)) func clientsSpreadOverTwoReplicasLoseNoUpdate() async throws {
    let store = try Self.database()
    let first = try ServerProcess(store: store, pilot: true)
    let second = try ServerProcess(store: store)
    let alice = try first.token("alice")
    let wendy = try first.token("wendy")
    try first.start()
    try second.start()
    let one = APIClient(baseURL: first.baseURL, token: alice)
    let two = APIClient(baseURL: second.baseURL, token: alice)
    let id = try #require(
      try await one.post("/v1/workflows/mini-program-release/instances", json: ReleaseOverHTTPTests.shop)
        .object["id"] as? String)
    // Written through one replica, read and moved on through the other.
    #expect(try await two.get("/v1/instances/\(id)").object["state"] as? String == "selected")
    #expect(try await two.post("/v1/instances/\(id)/events/release").status == 200)
    #expect(try await one.post("/v1/instances/\(id)/events/apply").status == 200)
    // The setting was made before the replicas started; wendy's approve through the second
    // replica takes the pilot branch.
    let approved = try await two.with(token: wendy).post("/v1/instances/\(id)/events/approve")
    #expect(approved.object["state"] as? String == "pilot-testing", "\(approved.text)")
    let clients = 8
    let perClient = 4
    let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
      for client in 0..<clients {
        let api = client.isMultiple(of: 2) ? one : two
        group.addTask {
          var statuses: [Int] = []
          for round in 0..<perClient {
            // 409 means other writers kept winning and nothing was written: try again, as
            // docs/api.md says. Any other answer ends the attempt.
            var status = 409
            for _ in 0..<20 where status == 409 {
              status = try await api.post(
                "/v1/instances/\(id)/events/add-testers", json: #"{"params":{"testers":["r\#(client)-\#(round)"]}}"#
              ).status
            }
            statuses.append(status)
          }
          return statuses
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
    let shown = try await one.get("/v1/instances/\(id)")
    let testers = Set((shown.object["fields"] as? [String: Any])?["testers"] as? [String] ?? [])
    #expect(testers == Set((0..<clients).flatMap { client in (0..<perClient).map { "r\(client)-\($0)" } }))
    #expect(shown.object["revision"] as? Int == 5 + clients * perClient)
    #expect(first.stop() == 0)
    #expect(second.stop() == 0)
  }
}
