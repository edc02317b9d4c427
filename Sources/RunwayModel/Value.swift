/// A value held by a field, a param, a setting or computed by an expression.
public enum Value: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  /// A set of strings (testers, versions).
  case set(Set<String>)
  /// A string-keyed map (configuration, basic information).
  case map([String: Value])
  /// A list; appears only inside maps read from YAML or JSON.
  case list([Value])

  public var isNull: Bool { if case .null = self { return true } else { return false } }

  public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
  public var intValue: Int? { if case .int(let i) = self { return i } else { return nil } }
  public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
  public var setValue: Set<String>? { if case .set(let s) = self { return s } else { return nil } }
  public var mapValue: [String: Value]? { if case .map(let m) = self { return m } else { return nil } }

  /// A short human form for messages: `"1.0.0"`, `42`, `{a, b}`.
  public var display: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return String(b)
    case .int(let i): return String(i)
    case .string(let s): return s
    case .set(let s): return "{" + s.sorted().joined(separator: ", ") + "}"
    case .map(let m):
      return "{" + m.keys.sorted().map { "\($0): \(m[$0]!.display)" }.joined(separator: ", ") + "}"
    case .list(let l): return "[" + l.map(\.display).joined(separator: ", ") + "]"
    }
  }
}

extension Value: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? container.decode(Int.self) {
      self = .int(i)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let l = try? container.decode([Value].self) {
      self = .list(l)
    } else {
      self = .map(try container.decode([String: Value].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let b): try container.encode(b)
    case .int(let i): try container.encode(i)
    case .string(let s): try container.encode(s)
    case .set(let s): try container.encode(s.sorted())
    case .map(let m): try container.encode(m)
    case .list(let l): try container.encode(l)
    }
  }
}
