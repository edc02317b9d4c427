import RunwayModel

/// A filter for listing instances; every given condition must hold.
public struct InstanceQuery: Hashable, Sendable {
  public var workflow: String?
  public var states: Set<String>?
  /// Top-level field values that must be equal (a string field against `.string`, and so on).
  public var fieldEquals: [String: Value]
  public var limit: Int?
  /// Field names in the order a store should match them, the most selective first (rollout:
  /// the program before the app); fields not named follow in name order.
  public var fieldOrder: [String] = []

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

extension InstanceQuery {
  /// The string field conditions a store's index answers, in `fieldOrder`, and whether any
  /// condition is left for matching after reading.
  public var indexedConditions: (fields: [(name: String, value: String)], rest: Bool) {
    let names =
      fieldOrder.filter { fieldEquals[$0] != nil }
      + fieldEquals.keys.filter { !fieldOrder.contains($0) }.sorted()
    var fields: [(name: String, value: String)] = []
    var rest = false
    for name in names {
      guard let value = fieldEquals[name], InstanceIndex.indexes(value), let text = value.stringValue else {
        rest = true
        continue
      }
      fields.append((name, text))
    }
    return (fields, rest)
  }
}
