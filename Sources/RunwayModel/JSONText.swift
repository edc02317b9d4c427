/// A compact JSON writer for values, with object keys sorted. The engine writes a JSON text on
/// every transition (stored fields, notification payloads), and Foundation's `JSONEncoder`
/// spends most of its time on reflection and dynamic casts; this writes the bytes directly.
public struct JSONText {
  /// The text written so far.
  public private(set) var text = ""

  /// How sets and `$`-keyed maps are written.
  public enum Style {
    /// Sets as sorted arrays: what webhooks and logs read.
    case plain
    /// Sets as `{"$set": [...]}` and maps with a `$` key as `{"$map": {...}}`, so every value
    /// reads back as the case it was (see `StoredValueCoding`).
    case tagged
  }

  public init() {}

  /// `value` as one JSON text.
  public static func encode(_ value: Value, style: Style = .plain) -> String {
    var writer = JSONText()
    writer.value(value, style: style)
    return writer.text
  }

  /// Appends `value`.
  public mutating func value(_ value: Value, style: Style = .plain) {
    switch value {
    case .null: text += "null"
    case .bool(let flag): text += flag ? "true" : "false"
    case .int(let number): text += String(number)
    case .string(let string): self.string(string)
    case .set(let set):
      if style == .tagged { text += "{\"$set\":" }
      array(set.sorted()) { $0.string($1) }
      if style == .tagged { text += "}" }
    case .list(let list): array(list) { $0.value($1, style: style) }
    case .map(let map):
      let wrapped = style == .tagged && map.keys.contains { $0.hasPrefix("$") }
      if wrapped { text += "{\"$map\":" }
      object(map) { $0.value($1, style: style) }
      if wrapped { text += "}" }
    }
  }

  /// Appends an array of `items`, each written by `write`.
  public mutating func array<Item>(_ items: some Sequence<Item>, _ write: (inout JSONText, Item) -> Void) {
    text += "["
    var first = true
    for item in items {
      if !first { text += "," }
      first = false
      write(&self, item)
    }
    text += "]"
  }

  /// Appends an object of `members` with sorted keys, each value written by `write`.
  public mutating func object<Member>(_ members: [String: Member], _ write: (inout JSONText, Member) -> Void) {
    text += "{"
    var first = true
    // Sorted as a [String]: `members.keys.sorted()` sorted through the unspecialised generic
    // `Sequence.sorted`, a quarter of writing a fire's answer (docs/benchmarks.md, W7).
    var keys: [String] = []
    keys.reserveCapacity(members.count)
    for key in members.keys { keys.append(key) }
    keys.sort()
    for key in keys {
      guard let member = members[key] else { continue }
      if !first { text += "," }
      first = false
      string(key)
      text += ":"
      write(&self, member)
    }
    text += "}"
  }

  /// Appends `fragment` as it is: JSON the caller wrote (punctuation, keys it knows are clean).
  public mutating func raw(_ fragment: String) { text += fragment }

  /// Appends `string` quoted, escaping what JSON requires.
  public mutating func string(_ string: String) {
    text += "\""
    var clean = string.utf8.startIndex
    let utf8 = string.utf8
    var index = clean
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        text.append(contentsOf: string[clean..<index])
        text += Self.escape(byte)
        clean = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    text.append(contentsOf: string[clean..<utf8.endIndex])
    text += "\""
  }

  private static func escape(_ byte: UInt8) -> String {
    switch byte {
    case UInt8(ascii: "\""): return "\\\""
    case UInt8(ascii: "\\"): return "\\\\"
    case UInt8(ascii: "\n"): return "\\n"
    case UInt8(ascii: "\r"): return "\\r"
    case UInt8(ascii: "\t"): return "\\t"
    case 0x08: return "\\b"
    case 0x0C: return "\\f"
    default:
      let hex = String(byte, radix: 16)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
  }
}
