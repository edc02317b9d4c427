import Foundation
import RunwayModel
import RunwayYAML
import Testing

/// Values for evaluating a compiled workflow's expressions outside the engine.
private struct GivenValues: EvaluationContext {
  var fields: [String: Value] = [:]
  var params: [String: Value] = [:]
  var actorID = "alice"
  var stateName = "a"

  func fieldValue(_ name: String) -> Value { fields[name] ?? .null }
  func paramValue(_ name: String) -> Value { params[name] ?? .null }
  func settingValue(_ name: String) -> Value { .null }
  func attribute(_ name: String, of kind: String, id: String) -> Value? { nil }
}

/// The compiled workflow is kept small (docs/benchmarks.md, "W3, loading"): what it shares
/// between transitions must not change what each one means or where its errors point.
@Suite("Compact compiled workflow")
struct CompactCompiledWorkflowTests {
  static let text = """
    workflow: compact
    fields:
      count: { type: int, default: "0" }
    roles:
      admin: { workspace: "'acme'" }
    start: { allow: [admin] }
    initial: a
    states:
      a: { title: A }
      b: { title: B }
      c: { title: C, terminal: true }
    transitions:
      one: { from: a, to: b, allow: [admin], params: { n: { type: int } }, set: { count: "params.n + 1" } }
      two: { from: b, to: c, allow: [admin], params: { n: { type: int } }, set: { count: "params.n + 1" } }
      skip: { from: a, to: c, allow: [admin] }
      back: { from: b, to: [{ state: c, when: "count > 1" }, { state: a }], allow: [admin] }
      again: { from: c, to: b, allow: [admin] }
    """

  /// Transitions to one state with no `when` share one list of choices; a list with
  /// conditions stays the transition's own, with its expression at its place.
  @Test func plainTargetsShareOneListOfChoices() throws {
    let fixed = Self.text.replacingOccurrences(of: "again: { from: c", with: "again: { from: a")
    let compiled = try #require(
      WorkflowCompiler.compile(try WorkflowLoader.parse(fixed, file: "c.yaml").workflow).workflow)
    let skip = try #require(compiled.transition(from: "a", event: "skip"))
    let two = try #require(compiled.transition(from: "b", event: "two"))
    let one = try #require(compiled.transition(from: "a", event: "one"))
    let again = try #require(compiled.transition(from: "a", event: "again"))
    #expect(skip.choices.map(\.state) == ["c"] && skip.choices[0].when == nil)
    #expect(two.choices.map(\.state) == ["c"])
    #expect(skip.choices.withUnsafeBufferPointer(\.baseAddress) == two.choices.withUnsafeBufferPointer(\.baseAddress))
    #expect(one.choices.map(\.state) == ["b"] && again.choices.map(\.state) == ["b"])
    #expect(one.choices.withUnsafeBufferPointer(\.baseAddress) != two.choices.withUnsafeBufferPointer(\.baseAddress))
    let back = try #require(compiled.transition(from: "b", event: "back"))
    #expect(back.choices.map(\.state) == ["c", "a"])
    let when = try #require(back.choices[0].when)
    #expect(when.source.text == "count > 1" && when.source.location.line == 16)
    #expect(back.choices[1].when == nil)
    #expect(skip.location.line == 15 && skip.location.file == "c.yaml")
  }

  /// A plain target that names no state is refused as before, at its place, and nothing is
  /// compiled; so is a transition that leaves a terminal state.
  @Test func anUnknownPlainTargetIsRefusedAtItsPlace() throws {
    let wrong = Self.text.replacingOccurrences(of: "skip: { from: a, to: c,", with: "skip: { from: a, to: d,")
    let (compiled, diagnostics) = WorkflowCompiler.compile(try WorkflowLoader.parse(wrong, file: "c.yaml").workflow)
    #expect(compiled == nil)
    let errors = diagnostics.filter { $0.severity == .error }
    try #require(errors.count == 2)
    #expect(errors[0].message.hasPrefix("unknown state \"d\""))
    #expect(errors[0].location?.line == 15)
    #expect(errors[0].location?.column == Self.column(of: "to: d", inLine: 15, of: wrong) + 4)
    #expect(errors[1].message == "\"again\" leaves terminal state \"c\"; nothing leaves a terminal state")
    #expect(errors[1].location?.line == 17)
  }

  /// An expression written twice is compiled once, yet an evaluation error names the place
  /// of the use that failed.
  @Test func aSharedExpressionFailsAtTheUsesOwnPlace() throws {
    let fixed = Self.text.replacingOccurrences(of: "again: { from: c", with: "again: { from: a")
    let compiled = try #require(
      WorkflowCompiler.compile(try WorkflowLoader.parse(fixed, file: "c.yaml").workflow).workflow)
    let context = GivenValues(params: ["n": .int(Int.max)])
    for (state, event, line) in [("a", "one", 13), ("b", "two", 14)] {
      let value = try #require(compiled.transition(from: state, event: event)?.assignments.first?.value)
      #expect(value.source.text == "params.n + 1")
      // The `+` is nine characters into the expression.
      let plus = Self.column(of: "params.n + 1", inLine: line, of: fixed) + 9
      #expect {
        try value.evaluate(in: context)
      } throws: { error in
        let failure = error as? EvaluationError
        return failure?.message == "the result of + is too large" && failure?.location.line == line
          && failure?.location.column == plus && failure?.location.file == "c.yaml"
      }
    }
  }

  /// The 1-based column where `needle` starts on 1-based line `line` of `text`.
  static func column(of needle: String, inLine line: Int, of text: String) -> Int {
    let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
    guard let range = lineText.range(of: needle) else { return -1 }
    return lineText.distance(from: lineText.startIndex, to: range.lowerBound) + 1
  }
}
