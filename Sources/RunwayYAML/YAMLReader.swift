import RunwayModel

/// Reads located YAML nodes into typed values, collecting a diagnostic for every problem
/// instead of stopping at the first.
struct YAMLReader {
  typealias Pairs = [(key: String, keyLocation: SourceLocation, value: YAMLNode)]

  var diagnostics: [Diagnostic] = []

  mutating func error(_ message: String, at location: SourceLocation) {
    diagnostics.append(.error(message, at: location))
  }

  /// The pairs of a mapping, or an error naming what was expected.
  mutating func mapping(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Pairs? {
    guard case .mapping(let pairs, _) = node else {
      error("\(what()) must be a mapping, not \(node.kindDescription)", at: node.location)
      return nil
    }
    return pairs
  }

  /// Reports unknown keys (with a hint) and missing required ones.
  mutating func checkKeys(
    _ pairs: Pairs, allowed: [String], required: [String] = [], in context: @autoclosure () -> String,
    at location: SourceLocation
  ) {
    for pair in pairs where !allowed.contains(pair.key) {
      error(
        "unknown key \"\(pair.key)\" in \(context())" + Suggestion.hint(for: pair.key, among: allowed),
        at: pair.keyLocation)
    }
    for key in required where !pairs.contains(where: { $0.key == key }) {
      error("\"\(key)\" is required in \(context())", at: location)
    }
  }

  func value(_ pairs: Pairs, _ key: String) -> YAMLNode? {
    pairs.first { $0.key == key }?.value
  }

  mutating func string(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> String? {
    guard let node else { return nil }
    guard case .scalar(let text, _, _, _) = node else {
      error("\"\(what())\" must be text, not \(node.kindDescription)", at: node.location)
      return nil
    }
    return text
  }

  mutating func bool(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Bool? {
    guard let node else { return nil }
    if case .scalar(let text, false, _, _) = node {
      if text == "true" { return true }
      if text == "false" { return false }
    }
    error("\"\(what())\" must be true or false, not \(node.kindDescription)", at: node.location)
    return nil
  }

  mutating func int(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Int? {
    guard let node else { return nil }
    if case .scalar(let text, false, _, _) = node, let value = Int(text) { return value }
    error("\"\(what())\" must be an integer, not \(node.kindDescription)", at: node.location)
    return nil
  }

  /// Names of states, events, roles and workflows: lower-case words joined by hyphens.
  static func isKebab(_ name: String) -> Bool {
    // Bytes, not Characters: every name in a file passes here, and Character's Unicode
    // properties were 8 % of loading a large workflow (W3).
    let bytes = name.utf8
    guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
      bytes.last != UInt8(ascii: "-")
    else { return false }
    var previous: UInt8 = 0
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
      case UInt8(ascii: "-") where previous != UInt8(ascii: "-"): break
      default: return false
      }
      previous = byte
    }
    return true
  }

  /// Names of fields, params and settings: identifiers expressions can use.
  static func isIdentifier(_ name: String) -> Bool {
    let bytes = name.utf8
    guard let first = bytes.first, Self.isLetter(first) || first == UInt8(ascii: "_") else { return false }
    return bytes.allSatisfy {
      Self.isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
    }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }

  mutating func checkName(_ name: String, kebab: Bool, _ what: @autoclosure () -> String, at location: SourceLocation) {
    let valid = kebab ? Self.isKebab(name) : Self.isIdentifier(name)
    if !valid {
      let rule =
        kebab
        ? "lower-case letters, digits and single hyphens, starting with a letter"
        : "letters, digits and _, starting with a letter (expressions use it as a name)"
      error("\(what()) name \"\(name)\" is not valid: use \(rule)", at: location)
    }
  }

  /// A reference written as a scalar.
  mutating func reference(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Reference? {
    guard let node else { return nil }
    guard case .scalar(let text, _, _, let content) = node else {
      error("\(what()) must be a name, not \(node.kindDescription)", at: node.location)
      return nil
    }
    return Reference(text, at: content)
  }

  /// One name or a list of names.
  mutating func references(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [Reference] {
    referenceList(node, what())
  }

  /// One name or a list of names, as an array or a transition's `InlineList` (which keeps
  /// a single name without allocating).
  mutating func referenceList<List: RangeReplaceableCollection<Reference>>(
    _ node: YAMLNode?, _ what: @autoclosure () -> String
  ) -> List {
    var list = List()
    guard let node else { return list }
    switch node {
    case .scalar: if let reference = reference(node, what()) { list.append(reference) }
    case .sequence(let items, _):
      for item in items { if let reference = reference(item, what()) { list.append(reference) } }
    case .mapping: error("\(what()) must be a name or a list of names, not a mapping", at: node.location)
    }
    return list
  }

  mutating func expression(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> ExpressionSource? {
    guard let node else { return nil }
    guard case .scalar(let text, _, _, let content) = node else {
      error("\"\(what())\" must be an expression, not \(node.kindDescription)", at: node.location)
      return nil
    }
    return ExpressionSource(text, at: content)
  }

  mutating func template(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> TemplateSource? {
    guard let node else { return nil }
    guard case .scalar(let text, _, _, let content) = node else {
      error("\"\(what())\" must be text, not \(node.kindDescription)", at: node.location)
      return nil
    }
    return TemplateSource(text, at: content)
  }

  /// A YAML value as a `Value`: plain integers and booleans typed, `null`/`~` null.
  func value(_ node: YAMLNode) -> Value {
    switch node {
    case .scalar(let text, let quoted, _, _):
      if !quoted {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if text == "null" || text == "~" || text.isEmpty { return .null }
        if let int = Int(text) { return .int(int) }
      }
      return .string(text)
    case .sequence(let items, _): return .list(items.map(value))
    case .mapping(let pairs, _):
      var map: [String: Value] = [:]
      for pair in pairs { map[pair.key] = value(pair.value) }
      return .map(map)
    }
  }
}
