import RunwayModel
import Testing

@testable import RunwayYAML

/// A streamed section is sized from its text before its first entry is decoded
/// (docs/benchmarks.md, "W3, loading"): the guess counts the lines at the first key's column
/// up to the section's end, and a wrong guess changes nothing but the room reserved.
@Suite("Section size")
struct SectionSizeTests {
  /// The guess for the section whose first key is `first`.
  static func estimate(_ text: String, first: String) -> Int {
    let start = text.utf8.firstRange(of: first.utf8).map {
      text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound)
    }
    var text = text
    return text.withUTF8 { YAMLComposer.estimatedEntries(in: $0, from: start ?? -1) }
  }

  @Test(arguments: [
    // Flow entries, one a line, up to the next root key.
    ("states:\n  a: { title: A }\n  b: { title: B }\n  c: { title: C }\ntransitions:\n  go: {}\n", "a:", 3),
    // Block entries: only the lines at the keys' column count; blank lines and comments do not.
    ("transitions:\n  go:\n    from: a\n    to: b\n\n  # a comment\n  back:\n    from: b\n", "go:", 2),
    // A list at the keys' column belongs to the key above it.
    ("transitions:\n  go:\n  - { from: a }\n  - { from: b }\n  stop: { from: c }\n", "go:", 2),
    // The last section runs to the end of the file, with or without a final line break.
    ("states:\n  a: {}\n  b: {}", "a:", 2),
    // Written in flow style: no guess.
    ("states: { a: {}, b: {},\n  c: {} }\n", "a:", 1),
  ])
  func guessesTheEntries(text: String, first: String, entries: Int) {
    #expect(Self.estimate(text, first: first) == entries)
  }

  @Test func aPlaceOutsideTheTextGuessesOne() {
    #expect(Self.estimate("states:\n  a: {}\n", first: "missing") == 1)
  }

  static func workflow(transitions: String) -> String {
    """
    workflow: sized
    roles:
      admin: { workspace: "'acme'" }
    start: { allow: [admin] }
    initial: s0
    states:
      s0: { title: S0 }
      s1: { title: S1, terminal: true }
    transitions:\(transitions)
    """
  }

  /// Sized exactly (one entry a line) or not at all (flow style), a section loads the same
  /// transitions in the same order.
  @Test func theWorkflowDoesNotDependOnTheGuess() throws {
    let events = (0..<40).map { "e\($0)" }
    let block = Self.workflow(
      transitions: events.map { "\n  \($0):\n    from: s0\n    to: s1\n    allow: admin" }.joined())
    let flow = Self.workflow(
      transitions: " {" + events.map { " \($0): { from: s0, to: s1, allow: admin }" }.joined(separator: ",\n ") + " }")
    #expect(Self.estimate(block, first: "e0:") == 40 && Self.estimate(flow, first: "e0:") == 1)
    for text in [block, flow] {
      let transitions = try WorkflowLoader.parse(text, file: "w.yaml").workflow.transitions
      #expect(transitions.map(\.event) == events)
      #expect(transitions.allSatisfy { $0.to.map(\.state.name) == ["s1"] && $0.allow.map(\.name) == ["admin"] })
    }
  }

  /// The sized duplicate-key table still refuses a key written twice, at the second.
  @Test func aDuplicateKeyIsRefusedAtItsSecondPlace() {
    let text = Self.workflow(
      transitions: "\n  go: { from: s0, to: s1, allow: admin }\n  go: { from: s1, to: s0, allow: admin }")
    #expect {
      try WorkflowLoader.parse(text, file: "w.yaml")
    } throws: { error in
      let diagnostics = (error as? DiagnosticError)?.diagnostics ?? []
      return diagnostics.count == 1 && diagnostics[0].location?.line == 11
        && diagnostics[0].message.hasPrefix("duplicate key \"go\"")
    }
  }
}
