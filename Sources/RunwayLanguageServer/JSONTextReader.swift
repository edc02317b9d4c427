/// A strict JSON parser over UTF-8 bytes. Foundation's JSONSerialization answers booleans as
/// numbers on Linux, and JSON-RPC needs to tell `true` from `1`.
struct JSONTextReader {
  let bytes: [UInt8]
  var index = 0
  /// Nesting allowed before the input is refused: deeper is no LSP message.
  static let maximumDepth = 256

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// The whole input as one value, nil when it is not exactly one JSON value.
  mutating func document() -> JSONValue? {
    guard let value = value(depth: 0) else { return nil }
    skipSpace()
    return index == bytes.count ? value : nil
  }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  private mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
    let expected = Array(word.utf8)
    guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
      return nil
    }
    index += expected.count
    return value
  }

  private mutating func value(depth: Int) -> JSONValue? {
    skipSpace()
    guard index < bytes.count, depth < Self.maximumDepth else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "n"): return literal("null", .null)
    case UInt8(ascii: "t"): return literal("true", .bool(true))
    case UInt8(ascii: "f"): return literal("false", .bool(false))
    case UInt8(ascii: "\""): return string().map(JSONValue.string)
    case UInt8(ascii: "["):
      index += 1
      var items: [JSONValue] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      while true {
        guard let item = value(depth: depth + 1) else { return nil }
        items.append(item)
        skipSpace()
        guard index < bytes.count else { return nil }
        index += 1
        if bytes[index - 1] == UInt8(ascii: "]") { return .array(items) }
        guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
      }
    case UInt8(ascii: "{"):
      index += 1
      var members: [String: JSONValue] = [:]
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let member = value(depth: depth + 1) else { return nil }
        members[key] = member
        skipSpace()
        guard index < bytes.count else { return nil }
        index += 1
        if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
        guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
      }
    default: return number()
    }
  }

  private mutating func number() -> JSONValue? {
    let start = index
    while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
    guard index > start, let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
      return nil
    }
    return .number(value)
  }

  /// A string starting at the opening quote; escapes decoded, surrogate pairs joined.
  private mutating func string() -> String? {
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    func flush(_ reader: JSONTextReader, _ end: Int) {
      scalars.append(contentsOf: String(decoding: reader.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        flush(self, index)
        index += 1
        return String(scalars)
      }
      if byte < 0x20 { return nil }
      if byte != UInt8(ascii: "\\") {
        index += 1
        continue
      }
      flush(self, index)
      guard index + 1 < bytes.count else { return nil }
      let escape = bytes[index + 1]
      index += 2
      switch escape {
      case UInt8(ascii: "\""): scalars.append("\"")
      case UInt8(ascii: "\\"): scalars.append("\\")
      case UInt8(ascii: "/"): scalars.append("/")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "u"):
        guard var code = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        {
          index += 2
          guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
      default: return nil
      }
      runStart = index
    }
    return nil
  }

  private mutating func hex4() -> UInt32? {
    guard index + 4 <= bytes.count,
      let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    else { return nil }
    index += 4
    return code
  }
}
