import Foundation
import Testing

/// What scripts rely on: JSON shapes, error codes and exit statuses; and that bad input
/// changes nothing.
@Suite("CLI contract")
struct CommandContractTests {
  @Test func startFireAndShowPrintTheInstanceAsJSON() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let started = try runway.run(
      "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set",
      "version=1.0.0", "--set", "targetApp=superpay", "--set", "environment=test", "--json")
    #expect(started.status == 0, "\(started.stderr)")
    let instance = try #require(try started.json() as? [String: Any])
    for key in ["id", "workflow", "state", "revision", "fields", "events"] {
      #expect(instance[key] != nil, "missing \(key)")
    }
    #expect(instance["state"] as? String == "selected")
    #expect(instance["revision"] as? Int == 1)
    #expect((instance["events"] as? [String])?.contains("release") == true)
    let id = try #require(instance["id"] as? String)
    let fired = try #require(try runway.run("fire", id, "release", "--as", "alice", "--json").json() as? [String: Any])
    #expect(fired["state"] as? String == "ready")
    #expect(fired["revision"] as? Int == 3)
  }

  struct Refusal: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var status: Int32
    var code: String
    var fragment: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let refusals: [Refusal] = [
    Refusal(
      arguments: ["fire", "ID", "approve", "--as", "bob"], status: 5, code: "forbidden", fragment: "bob may not approve"
    ),
    Refusal(
      arguments: ["fire", "ID", "approve", "--as", "olga"], status: 5, code: "forbidden",
      fragment: "olga may not approve"),
    Refusal(
      arguments: ["fire", "ID", "apply", "--as", "gina"], status: 5, code: "forbidden", fragment: "gina may not apply"),
    Refusal(
      arguments: ["fire", "ID", "grayscale", "--as", "alice", "--param", "percent=10"], status: 6, code: "rejected",
      fragment: "grayscale is not possible while"),
    Refusal(
      arguments: ["fire", "ID", "reject", "--as", "wendy"], status: 6, code: "rejected",
      fragment: "reject needs the param reason"),
    Refusal(
      arguments: ["fire", "ID", "apply", "--as", "mallory"], status: 5, code: "forbidden",
      fragment: "unknown actor \"mallory\""),
    Refusal(
      arguments: ["fire", "r-doesnotexist", "apply", "--as", "alice"], status: 4, code: "not_found",
      fragment: "no instance \"r-doesnotexist\""),
    Refusal(
      arguments: ["fire", "ID", "apply", "--as", "alice", "--param", "basicInfo=not json"], status: 3,
      code: "invalid_input", fragment: "basicInfo must be a JSON object"),
    Refusal(arguments: ["fire", "ID", "apply"], status: 2, code: "usage", fragment: "--as ACTOR"),
    Refusal(
      arguments: ["history", "ID", "--last", "0"], status: 2, code: "usage", fragment: "--last must be at least 1"),
  ]

  @Test(arguments: refusals)
  func refusalsHaveTheirCodeAndChangeNothing(_ refusal: Refusal) throws {
    var runway = try RunwayProcess()
    runway.environment["RUNWAY_ACTOR"] = nil
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    if refusal.arguments.contains("approve") || refusal.arguments.contains("reject") {
      try runway.ok("fire", id, "apply", "--as", "alice")
    }
    let before = try runway.run("history", id, "--json").stdout
    let arguments = refusal.arguments.map { $0 == "ID" ? id : $0 } + ["--json"]
    let result = try runway.run(arguments)
    #expect(result.status == refusal.status, "\(result.stderr)")
    let error = try result.errorJSON()
    #expect(error.code == refusal.code)
    #expect(error.message.contains(refusal.fragment), "\(error.message)")
    #expect(result.stdout.isEmpty)
    #expect(try runway.run("history", id, "--json").stdout == before)
    // The same refusal in text: one sentence on standard error.
    let text = try runway.run(refusal.arguments.map { $0 == "ID" ? id : $0 })
    #expect(text.status == refusal.status)
    #expect(text.stderr.contains(refusal.fragment))
  }

  @Test func historyLastShowsTheNewestEntriesOldestFirst() throws {
    let runway = try RunwayProcess()
    let id = try runway.releaseInPilotTesting()
    let all = try #require(try runway.run("history", id, "--json").json() as? [[String: Any]])
    #expect(all.count > 3)
    let last = try #require(try runway.run("history", id, "--last", "2", "--json").json() as? [[String: Any]])
    #expect(last.compactMap { $0["revision"] as? Int } == all.suffix(2).compactMap { $0["revision"] as? Int })
    let text = try runway.ok("history", id, "--last", "1")
    #expect(text.split(separator: "\n").count == 1)
    #expect(text.hasPrefix("#\(all.count) "), "\(text)")
  }

  @Test func aTesterFileWithABadLineIsRefusedWithItsLineNumber() throws {
    let runway = try RunwayProcess()
    let id = try runway.releaseInPilotTesting()
    let file = try runway.write("testers.txt", "u-1\nu-2\n\nu 3 has spaces\nu-4\n")
    let before = try runway.run("history", id, "--json").stdout
    let result = try runway.run("fire", id, "add-testers", "--as", "alice", "--param", "testers=@\(file)")
    #expect(result.status == 3)
    #expect(result.stderr.contains("testers.txt:4:"), "\(result.stderr)")
    #expect(try runway.run("history", id, "--json").stdout == before)
    let missing = try runway.run("fire", id, "add-testers", "--as", "alice", "--param", "testers=@nope.csv")
    #expect(missing.status == 3)
    #expect(missing.stderr.contains("cannot read nope.csv"))
  }

  @Test func aBadDirectoryFileIsRefusedWholeWithItsLine() throws {
    let runway = try RunwayProcess()
    let file = try runway.write(
      "directory.yaml",
      """
      apps:
        superpay: { name: SuperPay }
      merchants:
        acme: { name: Acme }
      miniPrograms:
        shop: { name: Shop, merchant: nosuch, versions: ["1.0.0"] }

      """)
    let result = try runway.run("directory", "import", file)
    #expect(result.status == 3)
    #expect(result.stderr.contains("directory.yaml:6:"), "\(result.stderr)")
    let exported = try #require(try runway.run("directory", "export", "--json").json() as? [String: Any])
    #expect((exported["apps"] as? [String: Any])?.isEmpty == true)
  }

  @Test func importingAgainUpdatesInPlace() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let update = try runway.write(
      "more.yaml",
      """
      miniPrograms:
        shop: { name: Acme Shop 2, merchant: acme, versions: ["1.0.0", "1.1.0", "2.0.0"] }

      """)
    try runway.ok("directory", "import", update)
    let exported = try runway.ok("directory", "export")
    #expect(exported.contains("Acme Shop 2"))
    #expect(exported.contains("alice"))  // records the file did not name stay
    _ = try runway.startShop(version: "2.0.0")
  }

  @Test func usageErrorsExitTwo() throws {
    let runway = try RunwayProcess()
    #expect(try runway.run("frobnicate").status == 2)
    #expect(try runway.run("fire").status == 2)
    #expect(try runway.run("--help").status == 0)
    #expect(try runway.run("fire", "--help").stdout.contains("--param"))
  }

  @Test func listFiltersByWorkflowStateAndField() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let first = try runway.startShop()
    let second = try runway.startShop(environment: "sandbox")
    try runway.ok("fire", second, "release", "--as", "alice")
    let ready = try #require(try runway.run("list", "--state", "ready", "--json").json() as? [[String: Any]])
    #expect(ready.compactMap { $0["id"] as? String } == [second])
    let production = try #require(
      try runway.run("list", "--workflow", "mini-program-release", "--where", "environment=production", "--json").json()
        as? [[String: Any]])
    #expect(production.compactMap { $0["id"] as? String } == [first])
    #expect(try runway.run("list", "--workflow", "nosuch").status == 4)
  }
}
