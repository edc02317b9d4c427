import RunwayModel

/// A filter for listing instances; every given condition must hold.
public struct InstanceQuery: Hashable, Sendable {
  public var workflow: String?
  public var states: Set<String>?
  /// Top-level field values that must be equal (a string field against `.string`, and so on).
  public var fieldEquals: [String: Value]
  public var limit: Int?

  public init(
    workflow: String? = nil, states: Set<String>? = nil, fieldEquals: [String: Value] = [:],
    limit: Int? = nil
  ) {
    self.workflow = workflow
    self.states = states
    self.fieldEquals = fieldEquals
    self.limit = limit
  }
}

extension InstanceQuery {
  /// Whether an instance meets every condition (what a store could not match in SQL).
  public func matches(_ instance: Instance) -> Bool {
    if let workflow, instance.workflow != workflow { return false }
    if let states, !states.contains(instance.state) { return false }
    for (name, value) in fieldEquals where (instance.fields[name] ?? .null) != value { return false }
    return true
  }
}
