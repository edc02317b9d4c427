import RunwayModel
import RunwayYAML
import Testing

/// The compiled workflow's index of transitions by state: a state left by a handful of
/// transitions is searched by event, one left by many gets a dictionary (docs/benchmarks.md,
/// W3); both must find the first transition on an event and report a repeated one.
@Suite("Transitions indexed by state")
struct TransitionIndexTests {
  /// `hub` is left by `count` events e0…e(count-1); `spoke` by two. `repeated` lists events
  /// declared a second time from `hub`, after all the others.
  static func text(events count: Int, repeated: [Int] = []) -> String {
    var text = """
      workflow: many
      roles:
        admin: { workspace: "'acme'" }
      start: { allow: [admin] }
      initial: hub
      states:
        hub: {}
        spoke: {}
        end: { terminal: true }
      transitions:
        go: { from: spoke, to: end, allow: [admin] }
        back: { from: spoke, to: hub, allow: [admin] }

      """
    for index in 0..<count {
      text += "  e\(index): [{ from: hub, to: \(index == 0 ? "spoke" : "end"), allow: [admin] }"
      if repeated.contains(index) { text += ", { from: hub, to: spoke, allow: [admin] }" }
      text += "]\n"
    }
    return text
  }

  @Test(arguments: [3, 8, 9, 30])
  func everyEventFindsItsFirstTransition(events: Int) throws {
    let loaded = try WorkflowLoader.parse(Self.text(events: events), file: "many.yaml")
    let (compiled, diagnostics) = loaded.compile()
    #expect(diagnostics.isEmpty)
    let workflow = try #require(compiled)
    for index in 0..<events {
      let transition = try #require(workflow.transition(from: "hub", event: "e\(index)"))
      #expect(transition.event == "e\(index)")
      #expect(transition.choices.map(\.state) == [index == 0 ? "spoke" : "end"])
    }
    #expect(workflow.transition(from: "hub", event: "go") == nil)
    #expect(workflow.transition(from: "spoke", event: "go")?.choices.map(\.state) == ["end"])
    #expect(workflow.transition(from: "nowhere", event: "e0") == nil)
    #expect(workflow.transitions(from: "hub").map(\.event) == (0..<events).map { "e\($0)" })
  }

  @Test(arguments: [(3, [1]), (9, [2, 8]), (30, [0, 29])])
  func aRepeatedEventIsReportedAtItsSecondDeclaration(events: Int, repeated: [Int]) throws {
    let text = Self.text(events: events, repeated: repeated)
    let loaded = try WorkflowLoader.parse(text, file: "many.yaml")
    let (compiled, diagnostics) = loaded.compile()
    #expect(compiled == nil)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let expected = repeated.map { index -> String in
      let line = lines.firstIndex { $0.hasPrefix("  e\(index):") }! + 1
      let second = lines[line - 1].range(of: "}, {")!.upperBound
      let column = lines[line - 1].distance(from: lines[line - 1].startIndex, to: second)
      return
        "many.yaml:\(line):\(column): error: \"e\(index)\" is declared twice for state \"hub\" (also at line \(line)); which one fires would be ambiguous"
    }
    #expect(diagnostics.map(\.description) == expected)
  }
}
