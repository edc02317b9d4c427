import Foundation
import Testing

/// A workflow file edited while releases are in flight: they keep their definition until
/// migrated on purpose, and a migration that cannot hold is refused, changing nothing.
@Suite("Definition versions and migrations")
struct MigrationTests {
  /// A runway with its own copy of the workflow folder, which the test edits.
  static func runwayWithOwnWorkflows() throws -> (RunwayProcess, URL) {
    var runway = try RunwayProcess()
    let folder = runway.folder.appendingPathComponent("Workflows")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["mini-program-release.yaml", "super-app-release.yaml"] {
      try FileManager.default.copyItem(
        at: RunwayProcess.packageRoot.appendingPathComponent("Workflows/\(name)"),
        to: folder.appendingPathComponent(name))
    }
    runway.environment["RUNWAY_WORKFLOWS"] = folder.path
    return (runway, folder.appendingPathComponent("mini-program-release.yaml"))
  }

  static func edit(_ file: URL, _ change: (String) -> String) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    let changed = change(text)
    #expect(changed != text, "the edit changed nothing")
    try changed.write(to: file, atomically: true, encoding: .utf8)
  }

  func underReview(_ runway: RunwayProcess, environment: String) throws -> String {
    let id = try runway.startShop(environment: environment)
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    return id
  }

  @Test func inFlightReleasesKeepTheirDefinitionUntilMigrated() throws {
    let (runway, file) = try Self.runwayWithOwnWorkflows()
    try runway.importExampleDirectory()
    let old = try underReview(runway, environment: "production")
    // The edit: a rejection no longer needs a reason.
    try Self.edit(file) {
      $0.replacingOccurrences(
        of: "reason: { type: string, required: true, min: 1, title: Rejection reason }",
        with: "reason: { type: string, title: Rejection reason }")
    }
    #expect(try runway.run("validate", file.path).status == 0)
    let fresh = try underReview(runway, environment: "sandbox")
    // The old release still follows the old file…
    let refused = try runway.run("fire", old, "reject", "--as", "wendy", "--json")
    #expect(refused.status == 6)
    #expect(try refused.errorJSON().message.contains("reject needs the param reason"))
    // …the new one the new file.
    try runway.ok("fire", fresh, "reject", "--as", "wendy")
    let definitions = try #require(try runway.run("definitions", "list", "--json").json() as? [[String: Any]])
    #expect(definitions.count == 2)
    #expect(definitions.map { $0["instances"] as? Int } == [1, 1])
    #expect(definitions.map { $0["current"] as? Bool } == [false, true])

    let dryRun = try #require(
      try runway.run("migrate", old, "--to-current", "--dry-run", "--json").json() as? [[String: Any]])
    #expect(dryRun.first?["result"] as? String == "would-migrate")
    #expect(try runway.show(old)["revision"] as? Int == 4)

    let migrated = try runway.run("migrate", old, "--to-current", "--as", "alice")
    #expect(migrated.status == 0, "\(migrated.stderr)")
    #expect(migrated.stdout.contains("\(old): migrated"))
    let history = try #require(try runway.run("history", old, "--json").json() as? [[String: Any]])
    #expect(history.last?["event"] as? String == "migrate")
    #expect(history.last?["actor"] as? String == "alice")
    try runway.ok("fire", old, "reject", "--as", "wendy")
    #expect(try runway.show(old)["state"] as? String == "rejected")
    #expect(try runway.run("migrate", old, "--to-current").stdout.contains("already on the current definition"))
  }

  @Test func aRemovedStateRefusesTheMigrationAndChangesNothing() throws {
    let (runway, file) = try Self.runwayWithOwnWorkflows()
    try runway.importExampleDirectory()
    let id = try underReview(runway, environment: "production")
    try Self.edit(file) { $0.replacingOccurrences(of: "under-review", with: "in-review") }
    #expect(try runway.run("validate", file.path).status == 0)
    let before = try runway.run("history", id, "--json").stdout
    let result = try runway.run("migrate", id, "--to-current", "--json")
    #expect(result.status == 6)
    #expect(try result.errorJSON().message.contains("its state under-review no longer exists there"))
    #expect(try runway.run("history", id, "--json").stdout == before)
    // It still works by its own definition.
    try runway.ok("fire", id, "approve", "--as", "wendy")
  }

  @Test func aNewlyRequiredFieldRefusesUnlessItHasADefault() throws {
    let (runway, file) = try Self.runwayWithOwnWorkflows()
    try runway.importExampleDirectory()
    let first = try underReview(runway, environment: "production")
    let second = try underReview(runway, environment: "sandbox")
    try Self.edit(file) {
      $0.replacingOccurrences(
        of: "  rejectionReason:\n", with: "  releaseNotes:\n    type: string\n    required: true\n  rejectionReason:\n")
    }
    let all = try runway.run("migrate", "--all", "--workflow", "mini-program-release", "--to-current")
    #expect(all.status == 6)
    #expect(
      all.stdout.contains(
        "\(first): refused: \(first) cannot move to the current mini-program-release: releaseNotes is required"),
      "\(all.stdout)")
    #expect(all.stdout.contains("\(second): refused"))
    try Self.edit(file) {
      $0.replacingOccurrences(
        of: "    type: string\n    required: true\n  rejectionReason:",
        with: "    type: string\n    required: true\n    default: \"'none yet'\"\n  rejectionReason:")
    }
    let retry = try runway.run("migrate", "--all", "--workflow", "mini-program-release", "--to-current")
    #expect(retry.status == 0, "\(retry.stdout)\(retry.stderr)")
    let fields = try #require(try runway.show(first)["fields"] as? [String: Any])
    #expect(fields["releaseNotes"] as? String == "none yet")
  }
}
