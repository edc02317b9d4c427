import Foundation
import RunwayModel
import RunwayYAML
import Testing

/// Every broken fixture produces exactly the diagnostics its `# expect:` lines name, at
/// their line and column; every valid fixture loads and validates clean.
@Suite("Workflow fixtures")
struct FixtureTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func files(_ subfolder: String) -> [String] {
    let url = folder.appendingPathComponent(subfolder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted().map { url.appendingPathComponent($0).path }
  }

  struct Expectation: Hashable, CustomStringConvertible {
    var line: Int
    var column: Int
    var severity: Diagnostic.Severity
    var fragment: String
    var description: String { "\(line):\(column): \(severity.rawValue): \(fragment)" }

    func matches(_ diagnostic: Diagnostic) -> Bool {
      diagnostic.location?.line == line && diagnostic.location?.column == column
        && diagnostic.severity == severity && diagnostic.message.contains(fragment)
    }
  }

  /// The `# expect: LINE:COLUMN: SEVERITY: FRAGMENT` lines at the top of a fixture.
  static func expectations(_ text: String) -> [Expectation] {
    text.split(separator: "\n").prefix { $0.hasPrefix("# expect: ") }.compactMap { line in
      let parts = line.dropFirst("# expect: ".count).split(separator: ":", maxSplits: 3)
      guard parts.count == 4, let l = Int(parts[0]), let c = Int(parts[1]),
        let severity = Diagnostic.Severity(rawValue: parts[2].trimmingCharacters(in: .whitespaces))
      else { return nil }
      return Expectation(
        line: l, column: c, severity: severity, fragment: parts[3].trimmingCharacters(in: .whitespaces))
    }
  }

  /// What `runway validate` reports for a file: the loader's diagnostics, or the validator's.
  static func diagnostics(_ path: String) -> [Diagnostic] {
    do {
      let loaded = try WorkflowLoader.load(path: path)
      return WorkflowCompiler.compile(loaded.workflow).diagnostics
    } catch {
      return error.diagnostics
    }
  }

  @Test(arguments: files("invalid"))
  func brokenFixture(_ path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let expected = Self.expectations(text)
    try #require(!expected.isEmpty, "\(path) has no # expect: line")
    let found = Self.diagnostics(path)
    for expectation in expected {
      #expect(found.contains(where: expectation.matches), "missing \(expectation); found \(found)")
    }
    #expect(found.count == expected.count, "unexpected diagnostics: \(found)")
    for diagnostic in found { #expect(diagnostic.location?.file == path) }
  }

  @Test func everyCheckHasAFixture() {
    let names = Set(Self.files("invalid").map { URL(fileURLWithPath: $0).lastPathComponent })
    #expect(names.count >= 40)
    for required in [
      "validator-undefined-state", "validator-undefined-role", "validator-undefined-field-in-set",
      "validator-undefined-param", "validator-undefined-setting", "validator-undefined-notification",
      "validator-unreachable-state", "validator-no-way-out", "validator-no-terminal-reachable",
      "validator-last-choice-has-when", "validator-overlapping-transitions", "validator-set-immutable",
      "validator-set-wrong-type", "validator-expression-type-error", "validator-template-unknown-variable",
      "validator-task-without-outcomes", "validator-exposure-percent-not-int", "validator-terminal-with-outgoing",
      "loader-malformed-yaml", "loader-duplicate-key", "loader-unknown-key-hint", "loader-bad-type-name",
    ] {
      #expect(names.contains(required + ".yaml"), "no fixture for \(required)")
    }
  }

  @Test(
    arguments: files("valid") + [
      folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Workflows/mini-program-release.yaml").path,
      folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Workflows/super-app-release.yaml").path,
    ])
  func validFile(_ path: String) throws {
    let loaded = try WorkflowLoader.load(path: path)
    let (compiled, diagnostics) = WorkflowCompiler.compile(loaded.workflow)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(compiled != nil)
  }
}
