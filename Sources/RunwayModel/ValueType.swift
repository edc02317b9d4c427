/// The type of a field, a param, a setting or an expression.
public enum ValueType: Hashable, Sendable, Codable, CustomStringConvertible {
  case string
  case int
  case bool
  /// A string restricted to the listed values.
  case enumeration([String])
  /// A set of strings.
  case set
  /// A string-keyed map of values.
  case map
  /// The id of a directory record of the named kind (`miniPrograms`; see `Domain`).
  case ref(String)
  /// The type of the `null` literal; only meets other types in `==` and `!=`.
  case null
  /// A length of time (`30m`, `24h`, `7d`; see `Period`), held as its text; read by timers.
  case duration

  /// The name used in workflow files and messages.
  public var description: String {
    switch self {
    case .string: return "string"
    case .int: return "int"
    case .bool: return "bool"
    case .enumeration: return "enum"
    case .set: return "set"
    case .map: return "map"
    case .ref(let kind): return "ref(\(kind))"
    case .null: return "null"
    case .duration: return "duration"
    }
  }

  /// Strings, enums and refs are all strings at run time and compare with each other.
  public var isStringLike: Bool {
    switch self {
    case .string, .enumeration, .ref: return true
    default: return false
    }
  }

  /// Whether a value of type `other` may be stored where this type is expected.
  public func accepts(_ other: ValueType) -> Bool {
    if self == other || other == .null { return true }
    switch (self, other) {
    case (.string, _): return other.isStringLike
    case (.enumeration, .string), (.ref, .string): return true
    case (.enumeration(let mine), .enumeration(let theirs)): return Set(theirs).isSubset(of: mine)
    default: return false
    }
  }
}
