/// The states of a workflow by name, built once so that finding the states a transition
/// leaves costs its own `from` list, not a pass over every state.
public struct StateIndex: Sendable {
  public let byName: [String: State]
  /// Non-terminal states in declaration order: what `from: "*"` means.
  public let nonTerminal: [String]

  public init(_ workflow: Workflow) {
    byName = Dictionary(workflow.states.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    nonTerminal = workflow.states.filter { !$0.terminal }.map(\.name)
  }

  /// The declared states `transition` leaves, each once, in the order written.
  public func sources(of transition: Transition) -> [String] {
    switch transition.from {
    case .anyState: return nonTerminal
    case .states(let references):
      if references.count == 1, let only = references.first {
        return byName[only.name] == nil ? [] : [only.name]
      }
      var seen = Set<String>()
      return references.map(\.name).filter { byName[$0] != nil && seen.insert($0).inserted }
    }
  }
}
