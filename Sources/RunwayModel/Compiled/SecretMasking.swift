/// Declared secrets (`secret:` keys of map fields) masked wherever values leave the instance:
/// history params, views, notifications, webhooks (docs/workflow-format.md, "`overlay` and
/// `secret`"). The instance itself keeps them, for the tasks that need them.
public enum SecretMasking {
  /// What a secret value is shown as.
  public static let mask = "••••••"

  /// `values` with every secret key of every map replaced by the mask, at any depth.
  public static func masked(_ values: [String: Value], keys: Set<String>) -> [String: Value] {
    guard !keys.isEmpty else { return values }
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

extension CompiledWorkflow {
  /// `values` (fields or params) with the workflow's secrets masked.
  public func maskingSecrets(_ values: [String: Value]) -> [String: Value] {
    SecretMasking.masked(values, keys: secretKeys)
  }
}
