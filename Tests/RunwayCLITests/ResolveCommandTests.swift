import Foundation
import Testing

/// `runway resolve` over real releases in a SQLite store.
@Suite("resolve")
struct ResolveCommandTests {
  func resolve(_ runway: RunwayProcess, _ user: String, env: String = "production", app: String = "superpay")
    throws -> [String: Any]
  {
    let result = try runway.run(
      "resolve", "--app", app, "--env", env, "--mini-program", "shop", "--user", user, "--json")
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(try result.json() as? [String: Any])
  }

  func driveToReleased(_ runway: RunwayProcess, version: String, environment: String = "production") throws -> String {
    let id = try runway.startShop(version: version, environment: environment)
    for (event, actor) in [("release", "alice"), ("apply", "alice"), ("approve", "wendy"), ("full-release", "alice")] {
      try runway.ok("fire", id, event, "--as", actor)
    }
    return id
  }

  @Test func pilotGrayscaleReleasedAndFallbackAfterCancellation() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    #expect(try resolve(runway, "u-1")["version"] is NSNull)
    #expect(try resolve(runway, "u-1")["reason"] as? String == "none")
    let first = try driveToReleased(runway, version: "1.0.0")
    #expect(try resolve(runway, "u-1")["version"] as? String == "1.0.0")
    #expect(try resolve(runway, "u-1")["release"] as? String == first)

    try runway.ok("settings", "set", "pilotTestingRequired=true", "--scope", "superpay")
    let second = try runway.startShop(version: "1.1.0")
    try runway.approve(second)
    try runway.ok("fire", second, "add-testers", "--as", "alice", "--param", "testers=tess")
    #expect(try resolve(runway, "tess")["reason"] as? String == "pilot")
    #expect(try resolve(runway, "tess")["version"] as? String == "1.1.0")
    #expect(try resolve(runway, "u-1")["version"] as? String == "1.0.0")

    try runway.ok("fire", second, "complete-testing", "--as", "alice")
    try runway.ok("fire", second, "grayscale", "--as", "alice", "--param", "percent=50")
    // Half the users (by bucket) get 1.1.0 in grayscale, the rest keep 1.0.0.
    let users = (0..<200).map { "u-\($0)" }
    // Padding, tabs, CRLF endings and blank lines are tolerated and never echoed back.
    let padded = users.enumerated().map { $0.offset % 2 == 0 ? "  \($0.element)\t\r" : $0.element }
    let file = try runway.write("users.txt", padded.joined(separator: "\n") + "\n\n \n")
    let batch = try runway.run(
      "resolve", "--app", "superpay", "--env", "production", "--mini-program", "shop", "--users-file", file)
    #expect(batch.status == 0, "\(batch.stderr)")
    let lines = batch.stdout.split(separator: "\n")
    #expect(lines.count == 200)
    let grayscale = lines.filter { $0.hasSuffix(",1.1.0,grayscale") }.count
    let released = lines.filter { $0.hasSuffix(",1.0.0,released") }.count
    #expect(grayscale + released == 200)
    #expect(grayscale > 70 && grayscale < 130, "\(grayscale) of 200 in a 50% slice")
    #expect(lines.first?.hasPrefix("u-0,") == true)
    #expect(lines.map { String($0.prefix { $0 != "," }) } == users)

    // Cancelling the grayscale serves the previous released version again.
    try runway.ok("fire", second, "cancel-grayscale", "--as", "alice")
    let after = try runway.run(
      "resolve", "--app", "superpay", "--env", "production", "--mini-program", "shop", "--users-file", file, "--json")
    let decisions = after.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(decisions.count == 200)
    #expect(decisions.allSatisfy { $0["version"] as? String == "1.0.0" && $0["release"] as? String == first })
  }

  @Test func otherAppsAndEnvironmentsAreIsolated() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    _ = try driveToReleased(runway, version: "1.0.0", environment: "sandbox")
    #expect(try resolve(runway, "u-1", env: "sandbox")["version"] as? String == "1.0.0")
    #expect(try resolve(runway, "u-1", env: "production")["reason"] as? String == "none")
    #expect(try resolve(runway, "u-1", env: "sandbox", app: "walletgo")["reason"] as? String == "none")
  }

  @Test func usageAndUnknownRecords() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    #expect(try runway.run("resolve", "--app", "superpay", "--env", "production", "--mini-program", "shop").status == 2)
    let unknown = try runway.run(
      "resolve", "--app", "nope", "--env", "production", "--mini-program", "shop", "--user", "u", "--json")
    #expect(unknown.status == 4)
    #expect(try unknown.errorJSON().code == "not_found")
  }
}
