import Foundation
import Testing

/// Several `runway` processes firing on one instance at once lose no update.
@Suite("Concurrent processes")
struct ConcurrencyTests {
  @Test(arguments: 1...2)
  func concurrentFiresOnOneInstanceLoseNothing(_ round: Int) async throws {
    let runway = try RunwayProcess()
    let id = try runway.releaseInPilotTesting()
    let writers = 8
    let results = try await withThrowingTaskGroup(of: RunwayProcess.Result.self) { group in
      for writer in 0..<writers {
        group.addTask {
          try runway.run(
            "fire", id, "add-testers", "--as", writer % 2 == 0 ? "alice" : "bob", "--param",
            "testers=u-\(round)-\(writer)")
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    for result in results { #expect(result.status == 0, "\(result.stderr)") }
    let history = try #require(try runway.run("history", id, "--json").json() as? [[String: Any]])
    let revisions = history.compactMap { $0["revision"] as? Int }
    #expect(revisions == Array(1...revisions.count), "gaps or repeats: \(revisions)")
    #expect(history.filter { $0["event"] as? String == "add-testers" }.count == writers)
    let fields = try #require(try runway.show(id)["fields"] as? [String: Any])
    #expect(Set(fields["testers"] as? [String] ?? []) == Set((0..<writers).map { "u-\(round)-\($0)" }))
    #expect(try runway.show(id)["revision"] as? Int == revisions.count)
  }
}
