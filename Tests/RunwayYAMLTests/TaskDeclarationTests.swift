import Foundation
import RunwayModel
import RunwayYAML
import Testing

/// `task:` is a built-in task's name or a command with a time limit (docs/workflow-format.md,
/// "`task` and `on`"); declaring commands changed nothing for built-in tasks, whose
/// definitions keep their digests (instances stay pinned to them).
@Suite("Task declarations")
struct TaskDeclarationTests {
  static let commandTask = FixtureTests.folder.appendingPathComponent("valid/command-task.yaml").path
  static let workflows = FixtureTests.folder.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Workflows")

  /// The shipped workflows' digests as the build before command tasks computed them
  /// (`runway definitions --json` at cb99a83; both since the build's time limit and retries, and
  /// super-app-release's phased release, changed their meaning). Change them only with the workflows' meaning.
  @Test(arguments: [
    ("mini-program-release.yaml", "d704dc7dc7ab48824aa9c8cd972331996368c58de882b8576bc6f6d80500a7b7"),
    ("super-app-release.yaml", "cde54f4fd1594589cc36aca32886001773037911085d4efc28bcad55d18775c3"),
  ])
  func shippedWorkflowsKeepTheirDigests(_ file: String, _ digest: String) throws {
    let loaded = try WorkflowLoader.loadInItsFolder(path: Self.workflows.appendingPathComponent(file).path)
    #expect(loaded.workflow.digest == digest)
  }

  @Test func aBuiltInTaskHasNoCommandInItsCanonicalForm() throws {
    let loaded = try WorkflowLoader.loadInItsFolder(
      path: Self.workflows.appendingPathComponent("mini-program-release.yaml").path)
    let task = try #require(loaded.workflow.state("building")?.task)
    #expect(task.name == "build-package" && task.command == nil)
    let encoder = JSONEncoder()
    encoder.userInfo[.canonicalForm] = true
    let json = try #require(String(data: try encoder.encode(task), encoding: .utf8))
    #expect(!json.contains("command"), "\(json)")
  }

  @Test func aCommandTaskCarriesItsProgramArgumentsAndTimeLimit() throws {
    let workflow = try WorkflowLoader.load(path: Self.commandTask).workflow
    let checking = try #require(workflow.state("checking")?.task)
    #expect(checking.name == "scripts/check-release.sh")
    #expect(checking.command?.command == ["scripts/check-release.sh", "--strict"])
    #expect(checking.command?.arguments == ["--strict"])
    #expect(checking.command?.timeoutMilliseconds == 30_000)
    #expect(checking.command?.timeoutLocation == SourceLocation(file: Self.commandTask, line: 13, column: 69))
    let scanning = try #require(workflow.state("scanning")?.task?.command)
    #expect(scanning.command == ["scripts/scan.sh"])
    #expect(scanning.timeoutMilliseconds == 90_000)
    #expect(WorkflowCompiler.compile(workflow).diagnostics.isEmpty)
  }

  @Test(
    arguments: [
      ("30s", 30_000), ("500ms", 500), ("2m", 120_000), ("90", 90_000), ("0s", 0), ("-5s", -5_000),
      ("soon", nil), ("30 s", 30_000), ("s", nil), ("1.5s", nil), ("99999999999999999999s", nil),
    ] as [(String, Int?)])
  func timeLimitsAreReadInTheirUnits(_ text: String, _ milliseconds: Int?) {
    #expect(CommandTask.milliseconds(text) == milliseconds)
  }

  @Test(arguments: [(1, "0.001 s"), (500, "0.5 s"), (30_000, "30 s"), (1_250, "1.25 s")])
  func timeLimitsAreWrittenInSeconds(_ milliseconds: Int, _ text: String) {
    #expect(CommandTask.secondsText(milliseconds) == text)
  }

  /// The program and the limit are part of the definition's meaning.
  @Test func changingTheCommandOrItsLimitChangesTheDigest() throws {
    let text = try String(contentsOfFile: Self.commandTask, encoding: .utf8)
    let digest = try WorkflowLoader.parse(text, file: "a.yaml").workflow.digest
    let moved = try WorkflowLoader.parse("\n# a comment\n" + text, file: "b.yaml").workflow.digest
    let slower = try WorkflowLoader.parse(
      text.replacingOccurrences(of: "timeout: 30s", with: "timeout: 31s"), file: "a.yaml"
    ).workflow.digest
    let lenient = try WorkflowLoader.parse(
      text.replacingOccurrences(of: ", --strict]", with: "]"), file: "a.yaml"
    ).workflow.digest
    #expect(digest == moved)
    #expect(Set([digest, slower, lenient]).count == 3)
  }
}
