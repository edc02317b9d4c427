/// A way out of one or more states, taken when an allowed actor fires its event. Its lists
/// keep a single element in place (`InlineList`): a large workflow's transitions each held
/// four arrays of one (W3, docs/benchmarks.md).
public struct Transition: Hashable, Sendable, Codable {
  /// Where a transition may be fired from.
  public enum Sources: Hashable, Sendable, Codable {
    /// `*`: every non-terminal state.
    case anyState
    case states(InlineList<Reference>)
  }

  public var event: String
  public var title: String?
  public var description: String?
  public var from: Sources
  /// Target choices, first match wins; only the last may (and must) have no `when`.
  public var to: InlineList<Choice>
  public var allow: InlineList<Reference>
  public var params: [Param]
  /// Field assignments, in order; each value is an expression.
  public var set: InlineList<Assignment>
  public var notify: [Reference]
  public var location: SourceLocation

  public init(
    event: String, title: String? = nil, description: String? = nil, from: Sources,
    to: InlineList<Choice>, allow: InlineList<Reference>, params: [Param] = [], set: InlineList<Assignment> = [],
    notify: [Reference] = [], location: SourceLocation
  ) {
    self.event = event
    self.title = title
    self.description = description
    self.from = from
    self.to = to
    self.allow = allow
    self.params = params
    self.set = set
    self.notify = notify
    self.location = location
  }

  /// Whether this transition may fire from `state` in `workflow`.
  public func leaves(_ state: State) -> Bool {
    switch from {
    case .anyState: return !state.terminal
    case .states(let names): return names.contains { $0.name == state.name }
    }
  }
}

/// One possible target of a transition.
public struct Choice: Hashable, Sendable, Codable {
  public var state: Reference
  /// A bool expression; `nil` means "otherwise".
  public var when: ExpressionSource?
  public var location: SourceLocation

  public init(state: Reference, when: ExpressionSource? = nil, location: SourceLocation) {
    self.state = state
    self.when = when
    self.location = location
  }
}

/// `field: expression` in a transition's `set`.
public struct Assignment: Hashable, Sendable, Codable {
  public var field: Reference
  public var value: ExpressionSource

  public init(field: Reference, value: ExpressionSource) {
    self.field = field
    self.value = value
  }
}
