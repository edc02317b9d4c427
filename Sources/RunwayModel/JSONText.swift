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
  public enum Style: Sendable {
    /// Sets as sorted arrays: what webhooks and logs read.
    case plain
    /// Sets as `{"$set": [...]}` and maps with a `$` key as `{"$map": {...}}`, so every value
    /// reads back as the case it was (see `StoredValueCoding`).
    case tagged
  }

  public init() { bytes.reserveCapacity(256) }

  /// A writer with room for `capacity` bytes.
  public init(capacity: Int) { bytes.reserveCapacity(capacity) }

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
      // A set of one (a tester, a tag) needs no sorted copy.
      if set.count == 1, let only = set.first {
        bytes.append(UInt8(ascii: "["))
        string(only)
        bytes.append(UInt8(ascii: "]"))
      } else {
        array(set.sorted()) { $0.string($1) }
      }
      if style == .tagged { bytes.append(UInt8(ascii: "}")) }
    case .list(let list): array(list) { $0.value($1, style: style) }
    case .map(let map):
      let wrapped = Self.wraps(map, style: style)
      if wrapped { raw("{\"$map\":") }
      object(map) { $0.value($1, style: style) }
      if wrapped { bytes.append(UInt8(ascii: "}")) }
    }
  }

  /// Whether `style` writes `map` wrapped as `{"$map": {...}}` (tagged, with a key starting
  /// with `$`), so that it reads back as a map.
  public static func wraps(_ map: [String: some Any], style: Style) -> Bool {
    style == .tagged && map.keys.contains { $0.utf8.first == UInt8(ascii: "$") }
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
    // One member (most params) needs no order.
    if members.count == 1, let (key, member) = members.first {
      string(key)
      bytes.append(UInt8(ascii: ":"))
      write(&self, member)
      bytes.append(UInt8(ascii: "}"))
      return
    }
    // The members' positions sorted by key: no lookup by key afterwards (a hash each), no
    // copy of a value while sorting (a retain each), and a concrete sort, not the unspecialised
    // generic `Sequence.sorted` (docs/benchmarks.md, W4 and W7).
    var positions: [Dictionary<String, Member>.Index] = []
    positions.reserveCapacity(members.count)
    var position = members.startIndex
    while position != members.endIndex {
      positions.append(position)
      members.formIndex(after: &position)
    }
    positions.sort { members.keys[$0] < members.keys[$1] }
    var first = true
    for position in positions {
      let (key, member) = members[position]
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      string(key)
      bytes.append(UInt8(ascii: ":"))
      write(&self, member)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  /// Appends `fragment` as it is: JSON punctuation and keys the caller knows are clean, copied
  /// from the binary's constant bytes (a third cheaper than through a `String` literal's
  /// UTF-8 view, docs/benchmarks.md, the twelfth pass).
  public mutating func raw(_ fragment: StaticString) {
    fragment.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends `fragment` as it is: JSON the caller made (a number among punctuation).
  public mutating func raw(text fragment: String) {
    // The string's own bytes when it has them in one piece (native strings do): a copy at once.
    if fragment.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
      bytes.append(contentsOf: fragment.utf8)
    }
  }

  /// Appends bytes that are JSON already.
  public mutating func raw(_ fragment: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: fragment) }

  /// Appends what `other` wrote.
  public mutating func raw(_ other: JSONText) { bytes.append(contentsOf: other.bytes) }

  /// Appends `number` in decimal, digit by digit (no string made for it).
  public mutating func integer(_ number: Int) {
    if number < 0 { bytes.append(UInt8(ascii: "-")) }
    // The magnitude as unsigned, so that Int.min has one too.
    var magnitude = number.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude != 0
      bytes.append(contentsOf: buffer[(24 - count)...])
    }
  }

  /// Appends `string` quoted, escaping what JSON requires.
  public mutating func string(_ string: String) {
    bytes.append(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { escaped($0) }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends `utf8` escaped: runs of clean bytes in one copy each.
  private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
    guard let base = utf8.baseAddress else { return }
    var clean = 0
    var index = 0
    let count = utf8.count
    // Eight bytes at a time while none needs escaping (most text): a word with no byte below
    // 0x20, no `"` and no `\` is skipped whole.
    while index + 8 <= count {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      if !Self.needsEscape(word) {
        index += 8
        continue
      }
      for offset in index..<index + 8 { escapeByte(at: offset, in: base, clean: &clean) }
      index += 8
    }
    while index < count {
      escapeByte(at: index, in: base, clean: &clean)
      index += 1
    }
    bytes.append(contentsOf: UnsafeBufferPointer(start: base + clean, count: count - clean))
  }

  /// Writes the clean run before `index` and the escape of the byte there, when it needs one.
  private mutating func escapeByte(at index: Int, in base: UnsafePointer<UInt8>, clean: inout Int) {
    let byte = base[index]
    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { return }
    bytes.append(contentsOf: UnsafeBufferPointer(start: base + clean, count: index - clean))
    raw(text: Self.escape(byte))
    clean = index + 1
  }

  /// Whether any of the eight bytes of `word` is below 0x20, a `"` or a `\` (the classic
  /// "has a zero byte" test on the word and on its XORs with the two quotes).
  private static func needsEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    // Bytes at or above 0x80 (UTF-8 beyond ASCII) never need escaping; they are masked out.
    let ascii = ~word & highs
    let below = (word &- ones &* 0x20) & ascii
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let quoteZero = (quote &- ones) & ~quote & highs
    let backslashZero = (backslash &- ones) & ~backslash & highs
    return (below | quoteZero | backslashZero) != 0
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
