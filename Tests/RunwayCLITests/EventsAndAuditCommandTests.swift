import Foundation
import Testing

/// `runway events` (what an actor may fire, and the blockers of the rest) and `runway audit`
/// (who changed settings and the directory), through the built binary on a real SQLite file.
@Suite("events and audit commands")
struct EventsAndAuditCommandTests {
  @Test func eventsListTheBlockersOfEveryRefusedEvent() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    _ = try runway.ok("fire", id, "release", "--as", "alice")
    _ = try runway.ok("fire", id, "apply", "--as", "alice")

    let wendy = try #require(try runway.run("events", id, "--as", "wendy", "--json").json() as? [[String: Any]])
    let allowed = wendy.filter { $0["allowed"] as? Bool == true }.compactMap { $0["event"] as? String }
    #expect(allowed == ["approve", "reject"])
    let reject = try #require(wendy.first { $0["event"] as? String == "reject" })
    let params = try #require(reject["params"] as? [[String: Any]])
    #expect(params.first?["name"] as? String == "reason" && params.first?["required"] as? Bool == true)

    // dave is a developer of acme, assigned to menu only: approve is refused by role and
    // grayscale by role and state, each with its sentence.
    let dave = try #require(try runway.run("events", id, "--as", "dave", "--json").json() as? [[String: Any]])
    #expect(dave.allSatisfy { $0["allowed"] as? Bool == false })
    let approve = try #require(dave.first { $0["event"] as? String == "approve" })
    let approveBlockers = try #require(approve["blockers"] as? [[String: String]])
    #expect(approveBlockers.map { $0["code"] } == ["role"])
    #expect(approveBlockers.first?["message"]?.contains("dave may not approve \(id)") == true)
    let grayscale = try #require(dave.first { $0["event"] as? String == "grayscale" })
    let grayscaleBlockers = try #require(grayscale["blockers"] as? [[String: String]])
    #expect(grayscaleBlockers.map { $0["code"] } == ["role", "state"])
    #expect(
      grayscaleBlockers.last?["message"]?.contains("it applies in release-preparation, grayscale or phased-release")
        == true)

    let text = try runway.ok("events", id, "--as", "wendy")
    #expect(text.contains("yes  approve"))
    #expect(text.contains("no   apply"))
    // Nothing was fired by asking.
    #expect(try runway.show(id)["revision"] as? Int == 4)

    let missing = try runway.run("events", "r-nope", "--as", "wendy", "--json")
    #expect(missing.status == 4)
    #expect(try missing.errorJSON().message == "no instance \"r-nope\"")
    #expect(try runway.run("events", id).status == 2)  // who is asking is required
  }

  @Test func settingsAndDirectoryChangesAreAuditedWithTheirActor() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    _ = try runway.ok("settings", "set", "pilotTestingRequired=true", "--scope", "superpay", "--as", "ops-lee")
    let refused = try runway.run("settings", "set", "pilotTestingRequired=maybe", "--as", "ops-lee")
    #expect(refused.status == 3)

    let audit = try #require(try runway.run("audit", "--json").json() as? [[String: Any]])
    #expect(audit.compactMap { $0["operation"] as? String } == ["directory.import", "settings.set"])
    #expect(audit.compactMap { $0["actor"] as? String } == ["operator", "ops-lee"])
    #expect(audit.last?["summary"] as? String == "pilotTestingRequired = true for superpay")
    #expect((audit.first?["summary"] as? String)?.contains("examples/directory.yaml") == true)
    #expect(try runway.ok("audit").contains("ops-lee  settings.set  pilotTestingRequired = true for superpay"))
  }
}
