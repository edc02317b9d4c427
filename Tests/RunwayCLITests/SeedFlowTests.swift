import Foundation
import Testing

/// The whole seed, through the built `runway` binary on a real SQLite file.
@Suite("The seed, end to end through the CLI")
struct SeedFlowTests {
  func state(_ runway: RunwayProcess, _ id: String) throws -> String {
    try runway.show(id)["state"] as? String ?? "?"
  }

  @Test func approveWithoutPilotThenGrayscaleTenFiftyHundred() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    #expect(id.hasPrefix("r-"))
    #expect(try state(runway, id) == "selected")
    try runway.ok("fire", id, "release", "--as", "alice")
    #expect(try state(runway, id) == "ready")
    try runway.ok("fire", id, "apply", "--as", "bob")
    try runway.ok("fire", id, "approve", "--as", "wendy")
    #expect(try state(runway, id) == "release-preparation")
    for percent in ["10", "50"] {
      try runway.ok("fire", id, "grayscale", "--as", "alice", "--param", "percent=\(percent)")
      #expect(try state(runway, id) == "grayscale")
    }
    try runway.ok("fire", id, "grayscale", "--as", "alice", "--param", "percent=100")
    let shown = try runway.show(id, as: "alice")
    #expect(shown["state"] as? String == "released")
    #expect((shown["fields"] as? [String: Any])?["grayscalePercent"] as? Int == 100)
    #expect((shown["events"] as? [String]) == [])
    let history = try #require(
      try runway.run("history", id, "--json").json() as? [[String: Any]])
    #expect(
      history.compactMap { $0["event"] as? String }
        == ["start", "release", "success", "apply", "approve", "grayscale", "grayscale", "grayscale"])
    #expect(history.compactMap { $0["revision"] as? Int } == Array(1...8))
  }

  @Test func approveWithPilotTestersFromAFileThenFullRelease() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    try runway.ok("settings", "set", "pilotTestingRequired=true", "--scope", "superpay")
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    try runway.ok("fire", id, "approve", "--as", "walt")
    #expect(try state(runway, id) == "pilot-testing")
    try runway.ok(
      "fire", id, "add-testers", "--as", "alice", "--param",
      "testers=@" + runway.path("examples/testers.csv"))
    try runway.ok("fire", id, "add-testers", "--as", "alice", "--param", "testers=u-2001,u-2002")
    var fields = try #require(try runway.show(id)["fields"] as? [String: Any])
    #expect(
      (fields["testers"] as? [String])
        == ["u-1001", "u-1002", "u-1003", "u-1004", "u-2001", "u-2002"])
    try runway.ok("fire", id, "update-testers", "--as", "bob", "--param", "testers=u-9")
    fields = try #require(try runway.show(id)["fields"] as? [String: Any])
    #expect((fields["testers"] as? [String]) == ["u-9"])
    try runway.ok("fire", id, "complete-testing", "--as", "alice")
    #expect(try state(runway, id) == "release-preparation")
    try runway.ok("fire", id, "full-release", "--as", "alice")
    #expect(try state(runway, id) == "released")
  }

  @Test func pilotTestingIsPerApp() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    try runway.ok("settings", "set", "pilotTestingRequired=true", "--scope", "walletgo")
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    try runway.ok("fire", id, "approve", "--as", "wendy")
    #expect(try state(runway, id) == "release-preparation")
  }

  @Test func rejectUpdateApplyAgain() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    try runway.ok("fire", id, "reject", "--as", "wendy", "--param", "reason=The icon is blurry")
    let rejected = try runway.show(id, as: "alice")
    #expect(rejected["state"] as? String == "rejected")
    #expect((rejected["fields"] as? [String: Any])?["rejectionReason"] as? String == "The icon is blurry")
    #expect((rejected["events"] as? [String])?.contains("update") == true)
    let info = try runway.write("info.yaml", "description: Sharper icon\nreleaseNotes: fixed the icon\n")
    try runway.ok(
      "fire", id, "update", "--as", "alice", "--param", "basicInfo=@\(info)", "--param",
      #"configuration={"theme":"dark"}"#)
    #expect(try state(runway, id) == "ready")
    try runway.ok("fire", id, "apply", "--as", "alice")
    try runway.ok("fire", id, "approve", "--as", "wendy")
    let approved = try runway.show(id)
    #expect(approved["state"] as? String == "release-preparation")
    let fields = try #require(approved["fields"] as? [String: Any])
    #expect(fields["rejectionReason"] == nil)
    #expect((fields["basicInfo"] as? [String: Any])?["releaseNotes"] as? String == "fixed the icon")
    let configuration = try #require(fields["configuration"] as? [String: Any])
    #expect(configuration["theme"] as? String == "dark")  // the release's own key wins
    #expect(configuration["entry"] as? String == "pages/index")  // the global one shows through
    #expect(configuration["appSecret"] as? String == "••••••")  // secrets are masked
  }

  @Test func cancelTestingEndsTheReleaseAndANewVersionStartsOver() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    try runway.ok("settings", "set", "pilotTestingRequired=true")
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    try runway.ok("fire", id, "approve", "--as", "wendy")
    try runway.ok("fire", id, "cancel-testing", "--as", "alice")
    #expect(try state(runway, id) == "cancelled")
    let again = try runway.run(
      "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set",
      "version=1.0.0", "--set", "targetApp=superpay", "--set", "environment=production", "--json")
    #expect(again.status == 6)
    #expect(try again.errorJSON().code == "rejected")
    #expect(try again.errorJSON().message.contains(id))
    let newVersion = try runway.startShop(version: "1.1.0")
    #expect(newVersion != id)
  }

  @Test func cancelGrayscale() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    try runway.approve(id)
    try runway.ok("fire", id, "grayscale", "--as", "alice", "--param", "percent=5")
    try runway.ok("fire", id, "cancel-grayscale", "--as", "bob")
    #expect(try state(runway, id) == "cancelled")
  }

  @Test func grayscaleStraightToHundred() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop(environment: "sandbox")
    try runway.approve(id)
    try runway.ok("fire", id, "grayscale", "--as", "alice", "--param", "percent=100")
    #expect(try state(runway, id) == "released")
  }

  @Test func superAppReleasesWithoutReview() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop("super-app-release", as: "wendy")
    try runway.ok("fire", id, "release", "--as", "wendy")
    try runway.ok("fire", id, "apply", "--as", "walt")
    #expect(try state(runway, id) == "release-preparation")
    try runway.ok("fire", id, "grayscale", "--as", "wendy", "--param", "percent=30")
    try runway.ok("fire", id, "grayscale", "--as", "wendy", "--param", "percent=100")
    #expect(try state(runway, id) == "released")
    // The merchant's roles do not drive the super app's own release.
    let other = try runway.startShop("super-app-release", as: "wendy", environment: "test")
    let refused = try runway.run("fire", other, "release", "--as", "alice", "--json")
    #expect(refused.status == 5)
    #expect(try refused.errorJSON().code == "forbidden")
  }

  @Test func superAppWithPilotTesting() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    try runway.ok("settings", "set", "pilotTestingRequired=true", "--scope", "superpay")
    let id = try runway.startShop("super-app-release", as: "wendy")
    try runway.ok("fire", id, "release", "--as", "wendy")
    try runway.ok("fire", id, "apply", "--as", "wendy")
    #expect(try state(runway, id) == "pilot-testing")
    try runway.ok("fire", id, "add-testers", "--as", "wendy", "--param", "testers=u-1")
    try runway.ok("fire", id, "cancel-testing", "--as", "wendy")
    #expect(try state(runway, id) == "cancelled")
  }
}
