/// A compact JSON writer for values, with object keys sorted. The engine writes a JSON text on
/// every transition (stored fields, notification payloads), and Foundation's `JSONEncoder`
/// spends most of its time on reflection and dynamic casts; this writes the bytes directly,
/// into a byte buffer that becomes a `String` once at the end (appending small strings to a
/// `String` piece by piece was a tenth of a persisted transition, docs/benchmarks.md, W4).
public struct JSONText {
  /// The bytes written so far (UTF-8).
  public private(set) var bytes: [UInt8] = []

  /// The text written so far.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// How sets and `$`-keyed maps are written.
  public enum Style {
    /// Sets as sorted arrays: what webhooks and logs read.
    case plain
    /// Sets as `{"$set": [...]}` and maps with a `$` key as `{"$map": {...}}`, so every value
    /// reads back as the case it was (see `StoredValueCoding`).
    case tagged
  }

  public init() { bytes.reserveCapacity(256) }

  /// `value` as one JSON text.
  public static func encode(_ value: Value, style: Style = .plain) -> String {
    var writer = JSONText()
    writer.value(value, style: style)
    return writer.text
  }

  /// Appends `value`.
  public mutating func value(_ value: Value, style: Style = .plain) {
    switch value {
    case .null: raw("null")
    case .bool(let flag): raw(flag ? "true" : "false")
    case .int(let number): integer(number)
    case .string(let string): self.string(string)
    case .set(let set):
      if style == .tagged { raw("{\"$set\":") }
      array(set.sorted()) { $0.string($1) }
      if style == .tagged { bytes.append(UInt8(ascii: "}")) }
    case .list(let list): array(list) { $0.value($1, style: style) }
    case .map(let map):
      let wrapped = style == .tagged && map.keys.contains { $0.hasPrefix("$") }
      if wrapped { raw("{\"$map\":") }
      object(map) { $0.value($1, style: style) }
      if wrapped { bytes.append(UInt8(ascii: "}")) }
    }
  }

  /// Appends an array of `items`, each written by `write`.
  public mutating func array<Item>(_ items: some Sequence<Item>, _ write: (inout JSONText, Item) -> Void) {
    bytes.append(UInt8(ascii: "["))
    var first = true
    for item in items {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      write(&self, item)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// Appends an object of `members` with sorted keys, each value written by `write`.
  public mutating func object<Member>(_ members: [String: Member], _ write: (inout JSONText, Member) -> Void) {
    bytes.append(UInt8(ascii: "{"))
    var first = true
    // Sorted as a [String]: `members.keys.sorted()` sorted through the unspecialised generic
    // `Sequence.sorted`, a quarter of writing a fire's answer (docs/benchmarks.md, W7).
    var keys: [String] = []
    keys.reserveCapacity(members.count)
    for key in members.keys { keys.append(key) }
    keys.sort()
    for key in keys {
      guard let member = members[key] else { continue }
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      string(key)
      bytes.append(UInt8(ascii: ":"))
      write(&self, member)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  /// Appends `fragment` as it is: JSON the caller wrote (punctuation, keys it knows are clean).
  public mutating func raw(_ fragment: String) {
    // The string's own bytes when it has them in one piece (native strings do): a copy at once.
    if fragment.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
      bytes.append(contentsOf: fragment.utf8)
    }
  }

  /// Appends what `other` wrote.
  public mutating func raw(_ other: JSONText) { bytes.append(contentsOf: other.bytes) }

  /// Appends `number` in decimal.
  public mutating func integer(_ number: Int) { raw(String(number)) }

  /// Appends `string` quoted, escaping what JSON requires.
  public mutating func string(_ string: String) {
    bytes.append(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { escaped($0) }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends `utf8` escaped: runs of clean bytes in one copy each.
  private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
    var clean = utf8.startIndex
    var index = clean
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
        raw(Self.escape(byte))
        clean = index + 1
      }
      index += 1
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<utf8.endIndex]))
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
