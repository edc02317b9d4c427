import RunwayModel

/// The rules a value must follow to be stored in a field or passed as a param: its type,
/// its enum values and its bounds (value for int, length for string, size for set).
enum ValueRules {
  /// A phrase saying how `value` breaks `type`, or nil when it fits.
  static func typeProblem(_ value: Value, _ type: ValueType, in domain: Domain = .standard) -> String? {
    switch (type, value) {
    case (_, .null): return nil
    case (.string, .string), (.ref, .string), (.int, .int), (.bool, .bool), (.set, .set),
      (.map, .map):
      return nil
    case (.enumeration(let values), .string(let s)):
      return values.contains(s)
        ? nil
        : "must be one of \(values.joined(separator: ", ")), not \"\(s)\""
          + Suggestion.hint(for: s, among: values)
    default: return "must be \(article(type, in: domain)), not \(describe(value))"
    }
  }

  /// A phrase saying how `value` breaks `min`/`max`, or nil when it is within them.
  static func boundsProblem(_ value: Value, min: Int?, max: Int?) -> String? {
    let measure: Int
    let unit: String
    switch value {
    case .int(let i): (measure, unit) = (i, "")
    case .string(let s): (measure, unit) = (s.count, " characters")
    case .set(let s): (measure, unit) = (s.count, " elements")
    default: return nil
    }
    if case .int = value {
      if let min, let max, measure < min || measure > max {
        return "must be between \(min) and \(max), not \(measure)"
      }
      if let min, measure < min { return "must be at least \(min), not \(measure)" }
      if let max, measure > max { return "must be at most \(max), not \(measure)" }
      return nil
    }
    if let min, measure < min {
      return min == 1 && measure == 0 ? "must not be empty" : "must have at least \(min)\(unit)"
    }
    if let max, measure > max { return "must have at most \(max)\(unit), not \(measure)" }
    return nil
  }

  static func article(_ type: ValueType, in domain: Domain = .standard) -> String {
    switch type {
    case .int: return "an integer"
    case .bool: return "true or false"
    case .string: return "a string"
    case .enumeration(let values): return "one of \(values.joined(separator: ", "))"
    case .set: return "a set of strings"
    case .map: return "a map"
    case .ref(let kind): return "the id of a \(domain.noun(of: kind))"
    case .null: return "null"
    }
  }

  static func describe(_ value: Value) -> String {
    switch value {
    case .null: return "nothing"
    case .bool(let b): return String(b)
    case .int(let i): return String(i)
    case .string(let s): return "\"\(s)\""
    case .set: return "a set"
    case .map: return "a map"
    case .list: return "a list"
    }
  }
}
