import Foundation
import RunwayFuzzTargets
import RunwayModel
import Testing

/// Every input a fuzz run (or issue 17) found crashing is kept under Fuzz/regressions/TARGET
/// and run through its target again here, with the seed corpus: a crash that comes back
/// fails the suite (docs/fuzzing.md).
@Suite("fuzz regressions")
struct FuzzRegressionTests {
  static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

  struct Input: Sendable, CustomStringConvertible {
    var target: FuzzTarget
    var path: String
    var description: String { "\(target.rawValue)/\(URL(fileURLWithPath: path).lastPathComponent)" }
  }

  static func inputs(_ kind: String) -> [Input] {
    FuzzTarget.allCases.flatMap { target in
      let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      return names.sorted().map { Input(target: target, path: folder.appendingPathComponent($0).path) }
    }
  }

  @Test(arguments: inputs("regressions") + inputs("corpus"))
  func runsWithoutCrashing(_ input: Input) throws {
    let data = try #require(FileManager.default.contents(atPath: input.path))
    input.target.run(Array(data))
  }

  @Test func everyTargetHasRegressionsKept() {
    let found = Set(Self.inputs("regressions").map(\.target))
    #expect(found == Set(FuzzTarget.allCases))
  }

  /// The inputs issue 17 reported crashing are refused with a located sentence.
  @Test func theIssueInputsAreRefusedWithALocation() throws {
    let environment = ExpressionEnvironment(fields: [:])
    for name in ["issue17-10000-terms.txt", "issue17-20000-parentheses.txt", "unary-chain-4000.txt"] {
      let path = Self.fuzzFolder.appendingPathComponent("regressions/expression/\(name)").path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect {
        try CompiledExpression.compile(
          ExpressionSource(text, at: SourceLocation(file: name, line: 2, column: 5)), in: environment)
      } throws: { error in
        let diagnostic = (error as? DiagnosticError)?.diagnostics.first
        return diagnostic?.location?.file == name && diagnostic?.location?.line == 2
          && (diagnostic?.message.contains("limit is 4096") == true
            || diagnostic?.message.contains("more than 64 levels deep") == true)
      }
    }
    let at = SourceLocation(file: "t.yaml", line: 4, column: 9)
    for (name, expected) in [
      (
        "issue17-4000-nested-sections.txt",
        "t.yaml:4:9: error: this template is 48000 characters long; the limit is 16384"
      ),
      ("nested-sections-500.txt", "t.yaml:4:105: error: sections nest more than 16 levels deep in this template"),
    ] {
      let text = try String(
        contentsOfFile: Self.fuzzFolder.appendingPathComponent("regressions/template/\(name)").path, encoding: .utf8)
      #expect(WorkflowCompiler.templateDiagnostics(TemplateSource(text, at: at)).map(\.description) == [expected])
    }
  }
}
