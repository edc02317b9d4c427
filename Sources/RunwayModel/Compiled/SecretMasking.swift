/// Declared secrets (`secret:` keys of map fields) masked wherever values leave the instance:
/// history params, views, notifications, webhooks (docs/workflow-format.md, "`overlay` and
/// `secret`"). The instance itself keeps them, for the tasks that need them.
public enum SecretMasking {
  /// What a secret value is shown as.
  public static let mask = "••••••"

  /// `values` with every secret key of every map replaced by the mask, at any depth.
  public static func masked(_ values: [String: Value], keys: Set<String>) -> [String: Value] {
    // Only maps hold keys, and only lists hold maps: other values come back as they are, and a
    // fire's params usually have none (a copy of them was most of masking a history entry).
    guard !keys.isEmpty, values.values.contains(where: \.holdsMembers) else { return values }
    return values.mapValues { masked($0, keys: keys) }
  }

  /// One value with its maps' secret keys masked.
  public static func masked(_ value: Value, keys: Set<String>) -> Value {
    switch value {
    case .map(let map):
      var result: [String: Value] = [:]
      for (key, inner) in map { result[key] = keys.contains(key) ? .string(mask) : masked(inner, keys: keys) }
      return .map(result)
    case .list(let items): return .list(items.map { masked($0, keys: keys) })
    default: return value
    }
  }
}

extension Value {
  /// Whether the value is a map or a list, which may hold a map.
  fileprivate var holdsMembers: Bool {
    switch self {
    case .map, .list: return true
    default: return false
    }
  }
}

extension CompiledWorkflow {
  /// `values` (fields or params) with the workflow's secrets masked.
  public func maskingSecrets(_ values: [String: Value]) -> [String: Value] {
    SecretMasking.masked(values, keys: secretKeys)
  }
}

extension JSONText {
  /// Appends `value` with the maps' `keys` masked at any depth: what writing
  /// `SecretMasking.masked(value, keys:)` writes, without building the masked copy.
  public mutating func value(_ value: Value, masking keys: Set<String>) {
    guard !keys.isEmpty else { return self.value(value) }
    switch value {
    case .map(let map):
      raw("{")
      var first = true
      for key in map.keys.sorted() {
        guard let inner = map[key] else { continue }
        if !first { raw(",") }
        first = false
        string(key)
        raw(":")
        if keys.contains(key) { string(SecretMasking.mask) } else { self.value(inner, masking: keys) }
      }
      raw("}")
    case .list(let items): array(items) { $0.value($1, masking: keys) }
    default: self.value(value)
    }
  }

  /// Appends an instance's `fields` as one object with the workflow's secrets masked: what
  /// writing `.map(workflow.maskingSecrets(fields))` writes. Every notifying transition's
  /// webhook payload has it: the instance's few members are sorted where they are, which costs
  /// less than looking each declared field up by name (docs/benchmarks.md, W1).
  public mutating func fields(_ fields: [String: Value], of workflow: CompiledWorkflow) {
    let keys = workflow.secretKeys
    object(fields) { $0.value($1, masking: keys) }
  }
}
