import Testing

@testable import RunwayLanguageServer

/// The text readers behind completion, navigation and quick fixes.
@Suite struct ReadingUnitTests {
  static func context(_ marked: String) -> CompletionContext? {
    let (text, position) = Fixture.cursor(marked)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return CompletionContext(lines: lines, line: position.line, column: position.character)
  }

  @Test func completionContextReadsBlockFlowAndListPlaces() {
    #expect(
      Self.context("transitions:\n  go:\n    from: a|")?.place == .value(key: "from", parents: ["transitions", "go"]))
    #expect(
      Self.context("transitions:\n  go: { from: a, to: |")?.place == .value(key: "to", parents: ["transitions", "go"]))
    #expect(Self.context("    allow: [admin, r|")?.place == .value(key: "allow", parents: []))
    #expect(
      Self.context("transitions:\n  go:\n    allow:\n      - |")?.place
        == .value(key: "allow", parents: ["transitions", "go"]))
    #expect(
      Self.context("transitions:\n  go:\n    set:\n      co|")?.place == .key(parents: ["transitions", "go", "set"]))
    #expect(
      Self.context("states:\n  b:\n    on: { success: r|")?.place
        == .value(key: "success", parents: ["states", "b", "on"]))
    #expect(Self.context("    message: \"v {{ver|")?.place == .template)
    #expect(Self.context("    message: \"v {{ver|")?.typed == "ver")
    #expect(Self.context("    when: \"miniProgram.mer|")?.typed == "miniProgram.mer")
    #expect(Self.context("    title: x # a comment |") == nil)
  }

  @Test func typoHintsNameTheWordWrittenAndTheSuggestion() {
    let state = DiagnosticReport.typo(in: "unknown state \"reviw\" (did you mean \"review\"?)")
    #expect(state.map { [$0.name, $0.suggestion] } == ["reviw", "review"])
    let type = DiagnosticReport.typo(in: "type must be one of string, int, not \"strng\" (did you mean \"string\"?)")
    #expect(type.map { [$0.name, $0.suggestion] } == ["strng", "string"])
    #expect(DiagnosticReport.typo(in: "unknown state \"zzz\"") == nil)
  }

  @Test func expressionNamesFindPathsAndStateLiterals() {
    let names = ExpressionNames("state == \"review\" && miniProgram.merchant.name != 'x' && size(params.list) > count")
    #expect(
      names.paths.map { $0.segments.map(\.name) } == [
        ["state"], ["miniProgram", "merchant", "name"], ["size"], ["params", "list"], ["count"],
      ])
    #expect(names.paths.map(\.isCall) == [false, false, true, false, false])
    #expect(names.literals.map(\.value) == ["review", "x"])
    #expect(names.literals.map(\.comparedWithState) == [true, false])
    #expect(names.literals.first?.offset == 10)
  }

  @Test func templateNamesFindEachSegmentWithItsOffset() {
    let uses = TemplateNames("v {{ version }} of {{#params.x}}{{/params.x}} {{! no }} {{{actor.email}}}").uses
    #expect(uses.map { $0.map(\.name) } == [["version"], ["params", "x"], ["actor", "email"]])
    #expect(uses.map { $0.map(\.offset) } == [[5], [22, 29], [59, 65]])
  }
}
