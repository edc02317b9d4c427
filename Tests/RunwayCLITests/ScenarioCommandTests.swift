import Foundation
import Testing

/// `runway test`: the shipped scenarios pass with full coverage, and a failure says exactly
/// which step broke, what was expected and what happened.
@Suite("runway test")
struct ScenarioCommandTests {
  @Test func theShippedScenariosPassAndCoverEverything() throws {
    let runway = try RunwayProcess()
    let result = try runway.run("test", runway.path("Workflows/tests"), "--coverage")
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("coverage of mini-program-release: 100%"))
    #expect(result.stdout.contains("coverage of super-app-release: 100%"))
    #expect(!result.stdout.contains("never reached"))
    #expect(!result.stdout.contains("FAIL"))
  }

  /// A scenario file with a passing scenario and a second whose steps are `steps` (lines
  /// indented for the steps list) after a start.
  static func scenario(_ steps: [String]) -> String {
    let root = RunwayProcess.packageRoot
    return
      ([
        "workflow: \(root.appendingPathComponent("Workflows/mini-program-release.yaml").path)",
        "directory: \(root.appendingPathComponent("examples/directory.yaml").path)",
        "scenarios:",
        "  - name: passes",
        "    steps:",
        "      - start:",
        "        as: alice",
        "        fields: { miniProgram: shop, version: 1.0.0, targetApp: superpay, environment: production }",
        "        expect: { state: selected }",
        "  - name: expects the wrong state",
        "    steps:",
        "      - start:",
        "        as: alice",
        "        fields: { miniProgram: shop, version: 1.0.0, targetApp: superpay, environment: production }",
      ] + steps).joined(separator: "\n") + "\n"
  }

  @Test func aFailureNamesTheStepTheExpectationAndTheLine() throws {
    let runway = try RunwayProcess()
    let file = try runway.write(
      "broken.yaml",
      Self.scenario(["      - fire: release", "        as: alice", "        expect: { state: building }"]))
    let junit = runway.folder.appendingPathComponent("junit.xml").path
    let result = try runway.run("test", file, "--junit", junit, "--coverage")
    #expect(result.status == 1)
    #expect(result.stdout.contains("ok   passes"))
    #expect(result.stdout.contains("FAIL expects the wrong state"))
    #expect(
      result.stdout.contains("broken.yaml:15: step 2 (fire release): expected state building, got ready"),
      "\(result.stdout)")
    #expect(result.stdout.contains("1 passed, 1 failed"))
    #expect(result.stdout.contains("never reached: state pilot-testing"))
    #expect(result.stdout.contains("never reached: choice approve → release-preparation"))
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains("<testsuites tests=\"2\" failures=\"1\">"))
    #expect(xml.contains("<failure message=\""))
    #expect(xml.contains("expected state building, got ready"))
  }

  @Test(arguments: [
    (
      ["      - fire: approve", "        as: bob", "        expect: { state: rejected }"],
      "expected success, got forbidden: bob may not approve"
    ),
    (
      ["      - fire: release", "        as: bob", "        expect: { error: forbidden }"],
      "expected refusal forbidden, got success (now in ready)"
    ),
    (
      [
        "      - fire: grayscale", "        as: alice", "        params: { percent: 10 }",
        "        expect: { error: rejected, message: goes down }",
      ], "expected a message containing \"goes down\""
    ),
    (
      ["      - fire: release", "        as: alice", "        expect: { events: { alice: [apply] } }"],
      "expected alice may fire [apply], got [apply, configure]"
    ),
    (
      ["      - fire: release", "        as: alice", "        expect: { fields: { grayscalePercent: 5 } }"],
      "expected grayscalePercent = 5, got 0"
    ),
    (
      [
        "      - fire: configure", "        as: alice", "        params: { configuration: { a: 1 } }",
        "        expect: { notifications: [review-result] }",
      ], "expected notifications [review-result], got none"
    ),
  ])
  func eachKindOfExpectationIsChecked(_ steps: [String], _ report: String) throws {
    let runway = try RunwayProcess()
    let file = try runway.write("s.yaml", Self.scenario(steps))
    let result = try runway.run("test", file)
    #expect(result.status == 1, "\(result.stdout)")
    #expect(result.stdout.contains(report), "\(result.stdout)")
  }

  @Test func aBrokenScenarioFileIsReportedWithItsLocation() throws {
    let runway = try RunwayProcess()
    let file = try runway.write("bad.yaml", "workflow: x.yaml\nscenarios:\n  - name: n\n    stepz: []\n")
    let result = try runway.run("test", file)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains("bad.yaml:4:5: error: unknown key \"stepz\" in a scenario (did you mean \"steps\"?)"),
      "\(result.stdout)")
  }
}
