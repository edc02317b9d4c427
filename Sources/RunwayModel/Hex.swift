import Foundation

/// Lower-case hexadecimal text of bytes, for digests.
public enum Hex {
  /// The sixteen digits' UTF-8 bytes, by value: `digits[0xA]` is `a`.
  public static let digits = Array("0123456789abcdef".utf8)

  /// Two characters a byte: `[0xAB, 0x01]` is `ab01`.
  public static func string(_ bytes: some Sequence<UInt8>) -> String {
    let array = Array(bytes)
    return array.withUnsafeBytes { string($0) }
  }

  /// Two characters a byte of a digest, read in place: the generic path iterated a digest
  /// through protocol witnesses and dynamic casts, a third of `build-package` (docs/benchmarks.md, W1).
  public static func string(contiguous bytes: some ContiguousBytes) -> String {
    bytes.withUnsafeBytes { string($0) }
  }

  /// Two characters a byte of `bytes`, written straight into the string's storage.
  public static func string(_ bytes: UnsafeRawBufferPointer) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { text in
      for (index, byte) in bytes.enumerated() {
        text[2 * index] = digits[Int(byte >> 4)]
        text[2 * index + 1] = digits[Int(byte & 0x0F)]
      }
      return bytes.count * 2
    }
  }
}
