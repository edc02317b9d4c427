/// Whole numbers as Runway reads them from text: an optional `-` and decimal digits, without
/// a `+`, a leading zero or surrounding spaces, so that `010`, `+10` and ` 10` are refused
/// rather than quietly read as 10 (docs/cli.md, "Values").
public enum IntegerText {
  /// The number `text` writes, or nil when it is not written that way or does not fit an Int.
  public static func value(_ text: some StringProtocol) -> Int? {
    let bytes = Array(text.utf8)
    let digits = bytes.first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
    guard let first = digits.first, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    if first == UInt8(ascii: "0") && digits.count > 1 { return nil }
    return Int(String(decoding: bytes, as: UTF8.self))
  }
}
