import Foundation
import RunwayModel
import Testing

@testable import RunwayYAML

/// `states` and `transitions` are decoded entry by entry while libyaml's events come in
/// (docs/benchmarks.md, "W3, loading"): the workflow and every diagnostic, in order, must be
/// those that decoding the whole tree gives.
@Suite("Streamed decoding")
struct StreamedDecodingTests {
  /// What decoding the whole tree gives, as the loader did before streaming.
  static func whole(_ text: String) -> (workflow: Workflow?, diagnostics: [Diagnostic], error: [Diagnostic]?) {
    do {
      guard let root = try YAMLNode.parse(text, file: "w.yaml", limits: .standard) else { return (nil, [], []) }
      var decoder = WorkflowDecoder(file: "w.yaml")
      let workflow = decoder.decode(root)
      return (workflow, decoder.reader.diagnostics, nil)
    } catch { return (nil, [], error.diagnostics) }
  }

  static func streamed(_ text: String) -> (workflow: Workflow?, diagnostics: [Diagnostic], error: [Diagnostic]?) {
    do {
      var decoder = WorkflowDecoder(file: "w.yaml")
      let (root, workflow) = try decoder.read(text, file: "w.yaml", limits: .standard)
      guard root != nil else { return (nil, [], []) }
      return (workflow, decoder.reader.diagnostics, nil)
    } catch { return (nil, [], error.diagnostics) }
  }

  static let cases: [String] = [
    // Transitions before states, problems in both and around them.
    """
    workflow: w
    transitions:
      Bad-Event: { from: s0, to: s1, allow: [admin], colour: red }
      go: [{ from: s0, to: s1, allow: admin }, { from: s1, to: s0 }]
      none: []
    roles: { admin: { workspace: "'a'" } }
    initial: s0
    states:
      s0: { title: [x], terminal: maybe }
      Bad_State: {}
      s1: { terminal: true, timers: 3 }
    fields: { 9count: { type: int } }
    """,
    // An empty states mapping, and transitions that are not a mapping.
    "workflow: w\ninitial: s0\nstates: {}\ntransitions: [a, b]\n",
    // Every state fails to decode: no "at least one state" error, unlike an empty mapping.
    "workflow: w\ninitial: s0\nstates:\n  s0: [1]\n  s1: text\n",
    // Anchors inside a streamed section, aliases after it; an anchored section is not streamed.
    """
    workflow: w
    initial: s0
    states:
      s0: &plain { title: Start }
      s1: { terminal: true }
    transitions: &all
      go: { from: s0, to: s1, allow: [admin], set: &set { count: "count + 1" } }
      again: { from: s0, to: s1, allow: [admin], set: *set }
    notifications: { n: { to: { roles: [admin] }, subject: *plain, body: b } }
    """,
    // States written as a list: the decoder's own error, not a streamed section.
    "workflow: w\ninitial: s0\nstates: [s0, s1]\n",
    // A duplicate state and a duplicate top-level section: the composer's errors.
    "workflow: w\ninitial: s0\nstates:\n  s0: {}\n  s0: {}\n",
    "workflow: w\ninitial: s0\nstates:\n  s0: {}\nstates:\n  s1: {}\n",
    // Malformed YAML inside a streamed section.
    "workflow: w\ninitial: s0\nstates:\n  s0: { title: [ }\n",
    // Not a mapping at all, and empty.
    "- a\n- b\n",
    "",
  ]

  @Test("a streamed file decodes as its whole tree does", arguments: cases)
  func sameAsWholeTree(_ text: String) {
    let whole = Self.whole(text)
    let streamed = Self.streamed(text)
    #expect(streamed.workflow == whole.workflow)
    #expect(streamed.diagnostics == whole.diagnostics)
    #expect(streamed.error == whole.error)
  }

  @Test(
    "every fixture decodes streamed as its whole tree does",
    arguments: FixtureTests.files("invalid") + FixtureTests.files("valid"))
  func fixturesSameAsWholeTree(_ path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let whole = Self.whole(text)
    let streamed = Self.streamed(text)
    #expect(streamed.workflow == whole.workflow)
    #expect(streamed.diagnostics == whole.diagnostics)
    #expect(streamed.error == whole.error)
  }

  @Test func theCasesProduceDiagnostics() {
    // The comparisons above mean something only if the cases are refused in many ways.
    let counts = Self.cases.map { Self.streamed($0).diagnostics.count + (Self.streamed($0).error?.count ?? 0) }
    #expect(counts[0] >= 6)
    #expect(counts.filter { $0 > 0 }.count >= 7)
  }

  @Test func aDraftsTreeIsTheWholeFile() throws {
    let text = Self.cases[3]
    let draft = try WorkflowLoader.draft(text, file: "w.yaml")
    let root = try #require(draft.root)
    guard case .mapping(let pairs, _) = root else {
      Issue.record("the root is not a mapping")
      return
    }
    // The streamed sections are whole in the draft's tree, not the placeholders.
    let states = try #require(pairs.first { $0.key == "states" }?.value)
    guard case .mapping(let statePairs, _) = states else {
      Issue.record("states is not a mapping")
      return
    }
    #expect(statePairs.map(\.key) == ["s0", "s1"])
    #expect(try WorkflowLoader.draft("", file: "w.yaml").root == nil)
  }
}
