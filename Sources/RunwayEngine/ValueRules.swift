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
    case (.duration, .string(let s)):
      return Period(s) == nil ? Period.problem(s) : nil
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
    if let problem = limitProblem(value) { return problem }
    // Most fields and params declare no bounds: a string's characters are not counted then.
    if min == nil && max == nil { return nil }
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

  /// A phrase saying how `value` crosses one of `InputLimits`, whatever the workflow declares
  /// (docs/workflow-format.md, "Limits").
  static func limitProblem(_ value: Value) -> String? {
    switch value {
    case .string(let s) where longerThanLimit(s):
      return "must have at most \(InputLimits.stringLength) characters, not \(s.count)"
    case .set(let elements):
      if elements.count > InputLimits.setElements {
        return "must have at most \(InputLimits.setElements) elements, not \(elements.count)"
      }
      if elements.contains(where: longerThanLimit) {
        return "must not hold an element longer than \(InputLimits.stringLength) characters"
      }
      return nil
    case .map, .list:
      var entries = 0
      return nestingProblem(value, depth: 0, entries: &entries)
    default: return nil
    }
  }

  /// Whether `text` has more characters than `InputLimits.stringLength`. Characters are
  /// counted (grapheme breaking, on every fire) only when its UTF-8 bytes are more: a text
  /// never has more characters than bytes.
  private static func longerThanLimit(_ text: String) -> Bool {
    text.utf8.count > InputLimits.stringLength && text.count > InputLimits.stringLength
  }

  /// Walks a map or list once; the depth is bounded by the readers, which refuse deeper text.
  private static func nestingProblem(_ value: Value, depth: Int, entries: inout Int) -> String? {
    let children: [(key: String?, value: Value)]
    switch value {
    case .map(let map): children = map.map { ($0.key, $0.value) }
    case .list(let items): children = items.map { (nil, $0) }
    case .set(let elements): children = elements.map { (nil, .string($0)) }
    case .string(let s):
      return longerThanLimit(s)
        ? "must not hold text longer than \(InputLimits.stringLength) characters" : nil
    default: return nil
    }
    guard depth < InputLimits.mapDepth else {
      return "must not nest maps and lists more than \(InputLimits.mapDepth) levels deep"
    }
    for child in children {
      entries += 1
      guard entries <= InputLimits.mapEntries else {
        return "must not hold more than \(InputLimits.mapEntries) entries in all"
      }
      if let key = child.key, longerThanLimit(key) {
        return "must not hold a key longer than \(InputLimits.stringLength) characters"
      }
      if let problem = nestingProblem(child.value, depth: depth + 1, entries: &entries) { return problem }
    }
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
    case .duration: return "a duration such as 30m, 24h or 7d"
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
