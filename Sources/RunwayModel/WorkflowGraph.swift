/// A workflow drawn as a state diagram: Mermaid for Markdown, DOT for Graphviz. Terminal
/// states are marked, optional steps (those some run can skip on its way to an end) dashed.
public struct WorkflowGraph: Sendable {
  /// One arrow: an event (or a task outcome) from one state to another.
  public struct Edge: Hashable, Sendable {
    public var from: String
    public var to: String
    public var label: String
  }

  public let workflow: Workflow
  public let edges: [Edge]
  /// States some run from `initial` to a terminal state can avoid.
  public let optionalStates: Set<String>

  public init(_ workflow: Workflow) {
    self.workflow = workflow
    var edges: [Edge] = []
    for state in workflow.states {
      guard let task = state.task else { continue }
      if let success = task.onSuccess {
        edges.append(Edge(from: state.name, to: success.name, label: "success (\(task.name))"))
      }
      if let failure = task.onFailure {
        edges.append(Edge(from: state.name, to: failure.name, label: "failure (\(task.name))"))
      }
      // A failed attempt with another to come stays in the state (docs/workflow-format.md,
      // "Time limits and retries").
      if let retries = task.retries {
        edges.append(
          Edge(from: state.name, to: state.name, label: "retry (\(task.name), \(retries.attempts) attempts in all)"))
      }
    }
    let index = StateIndex(workflow)
    for transition in workflow.transitions {
      let roles = transition.allow.map(\.name).joined(separator: ", ")
      let sources = index.sources(of: transition)
      for source in sources {
        for choice in transition.to {
          var label = transition.event
          if transition.to.count > 1 { label += " [\(choice.when?.text ?? "otherwise")]" }
          if !roles.isEmpty { label += " (\(roles))" }
          edges.append(Edge(from: source, to: choice.state.name, label: label))
        }
      }
    }
    self.edges = edges
    optionalStates = Self.optionalStates(workflow, edges)
  }

  private static func optionalStates(_ workflow: Workflow, _ edges: [Edge]) -> Set<String> {
    let initial = workflow.initial.name
    let terminals = Set(workflow.states.filter(\.terminal).map(\.name))
    var optional = Set<String>()
    for state in workflow.states where state.name != initial && !state.terminal {
      var seen: Set<String> = [initial]
      var queue = [initial]
      var reachesEnd = false
      while let current = queue.popLast() {
        if terminals.contains(current) {
          reachesEnd = true
          break
        }
        for edge in edges where edge.from == current && edge.to != state.name {
          if seen.insert(edge.to).inserted { queue.append(edge.to) }
        }
      }
      if reachesEnd { optional.insert(state.name) }
    }
    return optional
  }

  private static func identifier(_ name: String) -> String {
    String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }

  private static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "\"", with: "'")
  }

  /// A Mermaid `stateDiagram-v2`.
  public var mermaid: String {
    var lines = ["stateDiagram-v2"]
    if let title = workflow.title { lines.insert("---\ntitle: \(Self.escaped(title))\n---", at: 0) }
    for state in workflow.states {
      var title = state.title
      if state.task != nil { title += " (automatic)" }
      if state.exposure != .none { title += " · exposed" }
      lines.append("  state \"\(Self.escaped(title))\" as \(Self.identifier(state.name))")
    }
    lines.append("  [*] --> \(Self.identifier(workflow.initial.name))")
    for edge in edges {
      lines.append(
        "  \(Self.identifier(edge.from)) --> \(Self.identifier(edge.to)): \(Self.escaped(edge.label).replacingOccurrences(of: ":", with: "꞉"))"
      )
    }
    for state in workflow.states where state.terminal {
      lines.append("  \(Self.identifier(state.name)) --> [*]")
    }
    lines.append("  classDef terminal font-weight:bold,stroke-width:3px")
    lines.append("  classDef optional stroke-dasharray:5 5")
    let terminal = workflow.states.filter(\.terminal).map { Self.identifier($0.name) }
    if !terminal.isEmpty { lines.append("  class \(terminal.joined(separator: ",")) terminal") }
    let optional = workflow.states.filter { optionalStates.contains($0.name) }.map {
      Self.identifier($0.name)
    }
    if !optional.isEmpty { lines.append("  class \(optional.joined(separator: ",")) optional") }
    return lines.joined(separator: "\n")
  }

  /// A Graphviz digraph.
  public var dot: String {
    var lines = ["digraph \"\(Self.escaped(workflow.name))\" {", "  rankdir=LR;", "  node [shape=box, style=rounded];"]
    lines.append("  \"__start\" [shape=point];")
    for state in workflow.states {
      var attributes = ["label=\"\(Self.escaped(state.title))\\n(\(state.name))\""]
      if state.terminal { attributes.append("peripheries=2") }
      if optionalStates.contains(state.name) { attributes.append("style=\"rounded,dashed\"") }
      lines.append("  \"\(state.name)\" [\(attributes.joined(separator: ", "))];")
    }
    lines.append("  \"__start\" -> \"\(workflow.initial.name)\";")
    for edge in edges {
      lines.append("  \"\(edge.from)\" -> \"\(edge.to)\" [label=\"\(Self.escaped(edge.label))\"];")
    }
    lines.append("}")
    return lines.joined(separator: "\n")
  }
}
