import Foundation
import Testing

/// Many clients firing on one instance at once lose no update.
@Suite("Concurrent clients over HTTP", .serialized)
struct ConcurrentWritersTests {
  @Test func eightClientsAddTestersWithNoLostUpdate() async throws {
    let server = try ServerProcess(pilot: true)
    let alice = try server.token("alice")
    let wendy = try server.token("wendy")
    try server.start()
    let api = APIClient(baseURL: server.baseURL, token: alice)
    let id = try #require(
      try await api.post("/v1/workflows/mini-program-release/instances", json: ReleaseOverHTTPTests.shop)
        .object["id"] as? String)
    for (event, token) in [("release", alice), ("apply", alice), ("approve", wendy)] {
      #expect(try await api.with(token: token).post("/v1/instances/\(id)/events/\(event)").status == 200)
    }
    let clients = 8
    let perClient = 5
    let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
      for client in 0..<clients {
        group.addTask {
          var statuses: [Int] = []
          for round in 0..<perClient {
            let answer = try await api.post(
              "/v1/instances/\(id)/events/add-testers", json: #"{"params":{"testers":["c\#(client)-\#(round)"]}}"#)
            statuses.append(answer.status)
          }
          return statuses
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
    let shown = try await api.get("/v1/instances/\(id)")
    let testers = Set((shown.object["fields"] as? [String: Any])?["testers"] as? [String] ?? [])
    let expected = Set((0..<clients).flatMap { client in (0..<perClient).map { "c\(client)-\($0)" } })
    #expect(testers == expected)
    #expect(shown.object["revision"] as? Int == 5 + clients * perClient)
    #expect(try await api.get("/v1/instances/\(id)/history").list.count == 5 + clients * perClient)
  }
}
