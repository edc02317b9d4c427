/// The states of a workflow numbered by their first declaration, built once so that finding
/// the states a transition leaves costs its own `from` list, not a pass over every state.
public struct StateIndex: Sendable {
  /// State name → position of its first declaration in `Workflow.states`.
  public let ids: [String: Int]
  /// Non-terminal states in declaration order: what `from: "*"` means.
  public let nonTerminal: [String]

  public init(_ workflow: Workflow) {
    var ids: [String: Int] = [:]
    ids.reserveCapacity(workflow.states.count)
    var nonTerminal: [String] = []
    for index in workflow.states.indices {
      let name = workflow.states[index].name
      if ids[name] == nil { ids[name] = index }
      if !workflow.states[index].terminal { nonTerminal.append(name) }
    }
    self.ids = ids
    self.nonTerminal = nonTerminal
  }

  /// The declared states `transition` leaves, each once, in the order written.
  public func sources(of transition: Transition) -> [String] {
    switch transition.from {
    case .anyState: return nonTerminal
    case .states(let references):
      if references.count == 1, let only = references.first {
        return ids[only.name] == nil ? [] : [only.name]
      }
      var seen = Set<String>()
      return references.map(\.name).filter { ids[$0] != nil && seen.insert($0).inserted }
    }
  }
}
