import RunwayModel

/// How one scenario went: passed, or the first step that did not do what it expected.
public struct ScenarioResult: Sendable {
  public struct Failure: Sendable {
    /// 1-based.
    public var step: Int
    public var summary: String
    public var location: SourceLocation
    public var expected: String
    public var actual: String

    /// `file:line: step 3 (fire approve): expected state pilot-testing, got release-preparation`.
    public var description: String {
      "\(location.file):\(location.line): step \(step) (\(summary)): expected \(expected), got \(actual)"
    }
  }

  public var name: String
  public var file: String
  public var location: SourceLocation
  public var failure: Failure?
  public var seconds: Double
  public var passed: Bool { failure == nil }
}

/// What the scenarios of a workflow exercised.
public struct ScenarioCoverage: Sendable {
  public var workflow: String
  /// Every coverable item: states, transitions (task outcomes included) and choices.
  public var items: [String]
  public var reached: Set<String>

  public var missed: [String] { items.filter { !reached.contains($0) } }
  public var percent: Double { items.isEmpty ? 100 : Double(items.count - missed.count) * 100 / Double(items.count) }

  init(_ workflow: CompiledWorkflow) {
    self.workflow = workflow.definition.name
    var items = workflow.definition.states.map { "state \($0.name)" }
    for state in workflow.definition.states where state.task != nil {
      items += ["transition \(state.name) success", "transition \(state.name) failure"]
    }
    for (index, transition) in workflow.definition.transitions.enumerated() {
      items.append(Self.transitionItem(workflow, index))
      if transition.to.count > 1 {
        items += transition.to.map { "choice \(transition.event) → \($0.state.name)" }
      }
    }
    self.items = items
    reached = []
  }

  /// "transition apply", or "transition configure #2" when an event has several.
  static func transitionItem(_ workflow: CompiledWorkflow, _ index: Int) -> String {
    let transition = workflow.definition.transitions[index]
    let siblings = workflow.definition.transitions.indices.filter {
      workflow.definition.transitions[$0].event == transition.event
    }
    guard siblings.count > 1, let position = siblings.firstIndex(of: index) else {
      return "transition \(transition.event)"
    }
    return "transition \(transition.event) #\(position + 1)"
  }

  /// Marks what a committed history entry exercised.
  mutating func record(_ entry: HistoryEntry, in workflow: CompiledWorkflow) {
    reached.insert("state \(entry.to)")
    guard let from = entry.from, let transition = workflow.transition(from: from, event: entry.event) else { return }
    if transition.isTaskOutcome {
      reached.insert("transition \(from) \(entry.event)")
      return
    }
    reached.insert(Self.transitionItem(workflow, transition.index))
    if transition.choices.count > 1 { reached.insert("choice \(entry.event) → \(entry.to)") }
  }

  /// Adds what another run of the same workflow reached.
  public mutating func merge(_ other: ScenarioCoverage) { reached.formUnion(other.reached) }
}
