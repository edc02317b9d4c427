/// Reads a JSON text back into a `Value`: the inverse of `JSONText`. Stores read an instance's
/// fields on every transition, and Foundation's `JSONDecoder` spent most of that time on
/// `Codable` containers; this walks the bytes once.
///
/// Numbers must be integers (values have no fractions). In the `.tagged` style an object
/// `{"$set": [...]}` reads as a set and `{"$map": {...}}` as the map inside it.
public struct JSONValueReader {
  /// Why a text is not a value, at a byte offset.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    /// The byte offset of the first unreadable character.
    public var offset: Int
    /// What was wrong there.
    public var reason: String
    public var description: String { "\(reason) at byte \(offset)" }
  }

  private let bytes: [UInt8]
  private let style: JSONText.Style
  private var index = 0
  private var depth = 0
  /// Deeper texts are refused rather than recursed into (no stored value nests this far).
  private static let maximumDepth = 512

  private init(_ text: String, style: JSONText.Style) {
    bytes = Array(text.utf8)
    self.style = style
  }

  /// The value `text` holds, which must be one JSON value and nothing else.
  public static func read(_ text: String, style: JSONText.Style = .plain) throws(Failure) -> Value {
    var reader = JSONValueReader(text, style: style)
    let value = try reader.value()
    reader.skipSpace()
    guard reader.index == reader.bytes.count else { throw reader.failure("unexpected text after the value") }
    return value
  }

  private func failure(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  private mutating func value() throws(Failure) -> Value {
    skipSpace()
    guard index < bytes.count else { throw failure("the text ends where a value was expected") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return .list(try array())
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try integer())
    default: throw failure("unexpected character")
    }
  }

  private mutating func literal(_ word: StaticString) throws(Failure) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw failure("unexpected character") }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
      throw failure("unexpected character")
    }
    index += count
  }

  private mutating func integer() throws(Failure) -> Int {
    let start = index
    let negative = bytes[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    var magnitude: UInt64 = 0
    var digits = 0
    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
      let (times, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflowB) = times.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
      guard !overflowA, !overflowB else {
        index = start
        throw failure("the number is too large")
      }
      magnitude = sum
      digits += 1
      index += 1
    }
    guard digits > 0 else { throw failure("a digit was expected") }
    if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
      index = start
      throw failure("only whole numbers are values")
    }
    let limit = negative ? UInt64(Int.max) + 1 : UInt64(Int.max)
    guard magnitude <= limit else {
      index = start
      throw failure("the number is too large")
    }
    return negative ? Int(truncatingIfNeeded: 0 &- magnitude) : Int(magnitude)
  }

  private mutating func enter() throws(Failure) {
    depth += 1
    guard depth <= Self.maximumDepth else { throw failure("the value nests too deeply") }
    index += 1
  }

  private mutating func array() throws(Failure) -> [Value] {
    try enter()
    defer { depth -= 1 }
    var items: [Value] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return items
    }
    while true {
      items.append(try value())
      skipSpace()
      guard index < bytes.count else { throw failure("the text ends inside an array") }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return items
      }
      guard bytes[index] == UInt8(ascii: ",") else { throw failure("\",\" or \"]\" was expected") }
      index += 1
    }
  }

  /// An object; in the tagged style a one-member `$set` or `$map` object is unwrapped, but
  /// never the object a `$map` wraps (its own keys start with `$`).
  private mutating func object(unwrapping: Bool = true) throws(Failure) -> Value {
    let start = index
    try enter()
    defer { depth -= 1 }
    var members: [String: Value] = [:]
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .map(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw failure("a quoted member name was expected")
      }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("\":\" was expected") }
      index += 1
      skipSpace()
      if unwrapping, key == "$map", index < bytes.count, bytes[index] == UInt8(ascii: "{") {
        members[key] = try object(unwrapping: false)
      } else {
        members[key] = try value()
      }
      skipSpace()
      guard index < bytes.count else { throw failure("the text ends inside an object") }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        break
      }
      guard bytes[index] == UInt8(ascii: ",") else { throw failure("\",\" or \"}\" was expected") }
      index += 1
    }
    guard unwrapping, style == .tagged, members.count == 1, let (key, inner) = members.first else {
      return .map(members)
    }
    switch (key, inner) {
    case ("$set", .list(let items)):
      var set = Set<String>(minimumCapacity: items.count)
      for item in items {
        guard case .string(let member) = item else {
          index = start
          throw failure("a \"$set\" holds strings only")
        }
        set.insert(member)
      }
      return .set(set)
    case ("$map", .map):
      return inner
    default:
      return .map(members)
    }
  }

  private mutating func string() throws(Failure) -> String {
    index += 1
    let start = index
    // Fast path: no escapes, so the bytes between the quotes are the string.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\") { break }
      guard byte >= 0x20 else { throw failure("a control character must be escaped") }
      index += 1
    }
    var scalars = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return String(decoding: scalars, as: UTF8.self)
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { throw failure("the text ends inside a string") }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "u"): scalars.append(contentsOf: try unicodeEscape())
        default:
          index -= 2
          throw failure("unknown escape")
        }
      default:
        guard byte >= 0x20 else { throw failure("a control character must be escaped") }
        scalars.append(byte)
        index += 1
      }
    }
    throw failure("the text ends inside a string")
  }

  /// The UTF-8 bytes of a `\uXXXX` escape (after the `u`), joining surrogate pairs.
  private mutating func unicodeEscape() throws(Failure) -> [UInt8] {
    let high = try hexQuad()
    var code = UInt32(high)
    if (0xD800...0xDBFF).contains(high) {
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      else { throw failure("a lone surrogate in a \\u escape") }
      index += 2
      let low = try hexQuad()
      guard (0xDC00...0xDFFF).contains(low) else { throw failure("a lone surrogate in a \\u escape") }
      code = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(high) {
      throw failure("a lone surrogate in a \\u escape")
    }
    guard let scalar = Unicode.Scalar(code) else { throw failure("not a character") }
    return Array(String(Character(scalar)).utf8)
  }

  private mutating func hexQuad() throws(Failure) -> UInt16 {
    guard index + 4 <= bytes.count else { throw failure("four hex digits were expected") }
    var code: UInt16 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw failure("four hex digits were expected")
      }
      code = code << 4 | UInt16(digit)
      index += 1
    }
    return code
  }
}
