import Foundation
import Testing

/// `resolve` answers from a cache kept under the store's revision (docs/api.md, "Caching"):
/// a change made through one replica is answered by the other at once, on a shared SQLite
/// file and on one PostgreSQL database.
@Suite("Resolve cache across replicas", .serialized)
struct ResolveCacheTests {
  enum Backend: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// SQLite always; PostgreSQL when `RUNWAY_TEST_POSTGRES_URL` names a server (`.ci/run`).
    static var available: [Backend] { ReplicaTests.serverURL == nil ? [.sqlite] : allCases }
  }

  static let query = "/v1/resolve?app=superpay&env=production&miniProgram=shop&user="

  /// The replica's `runway_rollout_cache_hits` from /metrics.
  static func cacheHits(_ client: APIClient) async throws -> Int {
    let text = try await client.with(token: nil).get("/metrics").text
    let line = text.split(separator: "\n").first { $0.hasPrefix("runway_rollout_cache_hits ") }
    return Double(line?.split(separator: " ").last ?? "").map { Int($0) } ?? -1
  }

  @Test(arguments: Backend.available)
  func aChangeThroughOneReplicaIsResolvedByTheOtherAtOnce(_ backend: Backend) async throws {
    let store: String?
    switch backend {
    case .sqlite: store = nil
    case .postgres: store = try ReplicaTests.database()
    }
    let first = try ServerProcess(store: store, pilot: true)
    // The second replica opens the first one's store (its SQLite file, or the same database).
    let second = try ServerProcess(store: first.environment["RUNWAY_STORE"], directory: false)
    let alice = try first.token("alice")
    let wendy = try first.token("wendy")
    let backendToken = try first.token("alice", scopes: ["resolve"])
    try first.start()
    try second.start()
    let writer = APIClient(baseURL: first.baseURL, token: alice)
    let reader = APIClient(baseURL: second.baseURL, token: backendToken)
    let fixture = try await RolloutFixture.make(alice: writer, wendy: writer.with(token: wendy))

    // Each round: the reader's cache is warm, a change goes through the writer, and the
    // reader's very next answer has it.
    for round in 0..<10 {
      let user = "new-tester-\(round)"
      let before = try await reader.get(Self.query + user)
      #expect(before.object["reason"] as? String != "pilot")
      let hits = try await Self.cacheHits(reader)
      #expect(try await reader.get(Self.query + user).text == before.text)
      #expect(try await Self.cacheHits(reader) == hits + 1, "answered again from the cache")
      try await RolloutFixture.fire(writer, fixture.pilot, "add-testers", #"{"testers":["\#(user)"]}"#)
      let after = try await reader.get(Self.query + user)
      #expect(after.object["reason"] as? String == "pilot", "round \(round): \(after.text)")
      #expect(after.object["release"] as? String == fixture.pilot)
    }

    // A grayscale raised through the writer: the reader's batch answers follow at once.
    let users = (0..<2_000).map { "g-\($0)" }
    let body = try JSONSerialization.data(withJSONObject: [
      "app": "superpay", "env": "production", "miniProgram": "shop", "users": users,
    ])
    func grayscaleCount() async throws -> Int {
      let answer = try await reader.post("/v1/resolve", json: String(decoding: body, as: UTF8.self))
      return answer.list.filter { $0["reason"] as? String == "grayscale" }.count
    }
    let at30 = try await grayscaleCount()
    try await RolloutFixture.fire(writer, fixture.grayscale, "grayscale", #"{"percent":90}"#)
    let at90 = try await grayscaleCount()
    #expect((450...750).contains(at30), "\(at30)")
    #expect((1_650...1_950).contains(at90), "\(at90)")

    // Cancelled through the writer: nobody is in the slice any more.
    try await RolloutFixture.fire(writer, fixture.grayscale, "cancel-grayscale")
    #expect(try await grayscaleCount() == 0)
    let released = try await reader.get(Self.query + "g-1")
    #expect(released.object["reason"] as? String == "released")
    #expect(released.object["release"] as? String == fixture.released)
    #expect(first.stop() == 0)
    #expect(second.stop() == 0)
  }
}
