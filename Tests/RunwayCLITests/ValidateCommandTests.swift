import Foundation
import Testing

/// `runway validate` and `runway graph` as CI and platform engineers use them.
@Suite("validate and graph")
struct ValidateCommandTests {
  @Test func theShippedWorkflowsAreValid() throws {
    let runway = try RunwayProcess()
    let result = try runway.run("validate", runway.path("Workflows"))
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("2 files checked: valid, 0 errors"))
  }

  static let broken = """
    workflow: broken
    initial: start
    states:
      start: { title: Start }
      end: { title: End, terminal: true }
    transitions:
      finish: { from: start, to: ned, allow: [] }

    """

  @Test func anInvalidFileExitsOneWithItsLocation() throws {
    let runway = try RunwayProcess()
    let file = try runway.write("broken.yaml", Self.broken)
    let text = try runway.run("validate", file)
    #expect(text.status == 1)
    #expect(text.stdout.contains("broken.yaml:7:"), "\(text.stdout)")
    #expect(text.stdout.contains("error:"))
    #expect(text.stdout.contains("\"ned\""))
    let json = try runway.run("validate", file, "--format", "json")
    #expect(json.status == 1)
    let report = try #require(try json.json() as? [String: Any])
    #expect(report["valid"] as? Bool == false)
    let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
    let target = try #require(diagnostics.first { ($0["message"] as? String)?.contains("\"ned\"") == true })
    #expect(target["line"] as? Int == 7)
    #expect(target["column"] as? Int == 30)
    #expect(target["severity"] as? String == "error")
    #expect(diagnostics.contains { $0["severity"] as? String == "warning" })  // allow: [] fires for nobody
    let github = try runway.run("validate", file, "--format", "github")
    #expect(github.stdout.contains("::error file=\(file),line=7,col="))
  }

  /// Only warnings: valid by default, a failure with --strict (issue 17, item 9).
  static let warningsOnly = """
    workflow: lonely
    roles:
      admin: { workspace: "'acme'" }
    start: { allow: [admin] }
    initial: open
    states:
      open: { title: Open }
      done: { title: Done, terminal: true }
    transitions:
      finish: { from: open, to: done, allow: [] }

    """

  @Test func strictFailsOnWarnings() throws {
    let runway = try RunwayProcess()
    let file = try runway.write("lonely.yaml", Self.warningsOnly)
    let lenient = try runway.run("validate", file)
    #expect(lenient.status == 0, "\(lenient.stdout)")
    #expect(lenient.stdout.contains(": warning: "))
    let strict = try runway.run("validate", "--strict", file)
    #expect(strict.status == 1)
    #expect(strict.stdout.contains("lonely.yaml:10:"), "\(strict.stdout)")
    #expect(strict.stdout.contains("invalid (--strict: warnings fail), 0 errors, 1 warning"), "\(strict.stdout)")
    let github = try runway.run("validate", file, "--strict", "--format", "github")
    #expect(github.status == 1)
    #expect(github.stdout.contains("::warning file=\(file),line=10,col="))
    let json = try runway.run("validate", file, "--strict", "--format", "json")
    #expect(json.status == 1)
    #expect((try json.json() as? [String: Any])?["valid"] as? Bool == false)
    // The shipped workflows have no warnings: --strict passes them.
    #expect(try runway.run("validate", "--strict", runway.path("Workflows")).status == 0)
  }

  /// Partials and delimiter changes used to pass and render an empty message (item 8).
  @Test(arguments: [
    ("validator-template-partial.yaml", "19:17: error: a template cannot include partials"),
    ("validator-template-delimiters.yaml", "19:12: error: a template cannot change its delimiters"),
  ])
  func unsupportedTemplateTagsAreRefusedWithALocation(_ fixture: String, _ expected: String) throws {
    let runway = try RunwayProcess()
    let file = runway.path("Tests/RunwayYAMLTests/Fixtures/invalid/" + fixture)
    let result = try runway.run("validate", file)
    #expect(result.status == 1)
    #expect(result.stdout.contains("\(file):\(expected)"), "\(result.stdout)")
  }

  @Test func aMissingPathIsAUsageError() throws {
    let runway = try RunwayProcess()
    #expect(try runway.run("validate", "no/such/file.yaml").status == 2)
  }

  @Test func graphDrawsStatesEventsAndRoles() throws {
    let runway = try RunwayProcess()
    let mermaid = try runway.ok("graph", "mini-program-release")
    #expect(mermaid.contains("stateDiagram-v2"))
    #expect(
      mermaid.contains(
        "under_review --> pilot_testing: approve [settings.pilotTestingRequired] (workspace-admin, workspace-developer)"
      ))
    #expect(mermaid.contains("released --> [*]"))
    #expect(mermaid.contains("building --> building: retry (build-package, 3 attempts in all)"))
    let optional = try #require(
      mermaid.split(separator: "\n").first { $0.hasSuffix(" optional") && $0.contains("class ") })
    for state in ["pilot_testing", "grayscale", "rejected", "build_failed"] { #expect(optional.contains(state)) }
    for state in ["under_review", "ready", "building"] {
      #expect(!optional.contains(state + ",") && !optional.contains(state + " "))
    }
    let dot = try runway.ok("graph", runway.path("Workflows/super-app-release.yaml"), "--format", "dot")
    #expect(dot.hasPrefix("digraph"))
    #expect(dot.contains("\"released\" [label=\"Released\\n(released)\", peripheries=2]"))
    #expect(dot.contains("\"building\" -> \"building\" [label=\"retry (build-package, 3 attempts in all)\"]"))
    #expect(try runway.run("graph", "nosuch").status == 4)
  }
}
