/// Lower-case hexadecimal text of bytes, for digests.
public enum Hex {
  /// The sixteen digits' UTF-8 bytes, by value: `digits[0xA]` is `a`.
  public static let digits = Array("0123456789abcdef".utf8)

  /// Two characters a byte: `[0xAB, 0x01]` is `ab01`.
  public static func string(_ bytes: some Sequence<UInt8>) -> String {
    var text: [UInt8] = []
    // A digest's 32 bytes at least: the text grown append by append was six allocations.
    text.reserveCapacity(max(bytes.underestimatedCount, 32) * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
