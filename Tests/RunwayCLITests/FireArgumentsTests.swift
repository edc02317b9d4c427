import Foundation
import Testing

@testable import RunwayCLI

/// `runway fire` read by hand (the fast path) reads the plain form exactly as ArgumentParser
/// does, and leaves every other form to it.
@Suite("fire read by hand")
struct FireArgumentsTests {
  @Test func readsThePlainFormInAnyOrder() throws {
    let read = try #require(
      FireArguments([
        "fire", "--json", "r-1", "--param", "testers=a,b", "grayscale", "--as=alice", "--param=percent=10",
        "--store", "sqlite:x.db", "--workflows=W",
      ]))
    #expect(read.id == "r-1")
    #expect(read.event == "grayscale")
    #expect(read.actor == "alice")
    #expect(read.assignments == ["testers=a,b", "percent=10"])
    #expect(read.store == "sqlite:x.db")
    #expect(read.workflows == "W")
    #expect(read.json)
    let bare = try #require(FireArguments(["fire", "r-1", "release"]))
    #expect(bare.actor == nil && bare.assignments.isEmpty && bare.store == nil && !bare.json)
  }

  @Test(arguments: [
    ["show", "r-1"], ["fire", "r-1"], ["fire", "r-1", "release", "extra"], ["fire", "r-1", "release", "--help"],
    ["fire", "r-1", "release", "-h"], ["fire", "r-1", "release", "--as"], ["fire", "r-1", "release", "--as", "--json"],
    ["fire", "r-1", "release", "--as", "a", "--as", "b"], ["fire", "r-1", "release", "--json", "--json"],
    ["fire", "r-1", "release", "--notify", "log:-"], ["fire", "r-1", "release", "--max-attempts", "2"],
    ["fire", "r-1", "release", "--", "x"], ["fire", "-r", "release"], ["fire", "r-1", "release", "--json=true"],
    ["fire", "r-1", "release", "--store", "a", "--store", "b"], ["fire", "r-1", "release", "--version"],
  ])
  func leavesEveryOtherFormToArgumentParser(_ words: [String]) {
    #expect(FireArguments(words) == nil)
  }

  /// Each case runs on two stores made the same way: as written (read by hand) and with the
  /// default `--max-attempts 5` added (read by ArgumentParser). Status, output and errors match.
  @Test(arguments: [
    ["fire", "ID", "update-testers", "--as", "alice", "--param", "testers=u-1"],
    ["fire", "ID", "update-testers", "--as=alice", "--param=testers=u-1,u-2", "--json"],
    ["fire", "ID", "approve", "--as", "bob"],
    ["fire", "ID", "nosuch", "--as", "alice", "--json"],
    ["fire", "ID", "update-testers", "--as", "alice"],
    ["fire", "ID", "update-testers", "--param", "testers=u-1"],
    ["fire", "r-missing", "release", "--as", "alice", "--json"],
    ["fire", "ID", "update-testers", "--as", "alice", "--param", "bogus=1"],
    ["fire", "ID", "complete-testing", "--as", "alice"],
  ])
  func bothReadingsDoTheSame(_ words: [String]) throws {
    var results: [RunwayProcess.Result] = []
    for extra in [[], ["--max-attempts", "5"]] {
      let runway = try RunwayProcess()
      let id = try runway.releaseInPilotTesting()
      let result = try runway.run(words.map { $0 == "ID" ? id : $0 } + extra)
      results.append(
        RunwayProcess.Result(
          status: result.status, stdout: Self.normalized(result.stdout, id: id),
          stderr: Self.normalized(result.stderr, id: id)))
    }
    #expect(results[0].status == results[1].status)
    #expect(results[0].stdout == results[1].stdout)
    #expect(results[0].stderr == results[1].stderr)
  }

  /// The text with the instance's id and every timestamp replaced, the only things that
  /// differ between two stores made the same way.
  static func normalized(_ text: String, id: String) -> String {
    text.replacingOccurrences(of: id, with: "ID").replacingOccurrences(
      of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, with: "TIME", options: .regularExpression)
  }
}
