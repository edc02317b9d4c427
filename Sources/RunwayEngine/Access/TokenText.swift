import Crypto
import Foundation
import RunwayModel

/// The text of a bearer token, `rw_<id>_<secret>` (docs/api.md, "Tokens"): the id finds the
/// stored record, the SHA-256 of the whole text is compared with the stored hash in constant
/// time. The text itself is shown once, when the token is made, and kept nowhere.
enum TokenText {
  static let prefix = "rw_"
  private static let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")

  /// A new token: its public id and its whole text (32 random characters, 160 bits of secret).
  static func make() -> (id: String, text: String) {
    var generator = SystemRandomNumberGenerator()
    func random(_ count: Int) -> String {
      String((0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
    let id = "t" + random(9)
    return (id, prefix + id + "_" + random(32))
  }

  /// The public id inside a token's text, or nil when the text is not shaped like a token
  /// (one `_` between a non-empty id and a non-empty secret).
  static func id(of text: String) -> String? {
    guard text.hasPrefix(prefix), text.utf8.count <= 128 else { return nil }
    let rest = text.utf8.dropFirst(prefix.utf8.count)
    let separator = UInt8(ascii: "_")
    guard let end = rest.firstIndex(of: separator), end != rest.startIndex else { return nil }
    let secret = rest[rest.index(after: end)...]
    guard !secret.isEmpty, !secret.contains(separator) else { return nil }
    return String(decoding: rest[..<end], as: UTF8.self)
  }

  /// The lowercase hex SHA-256 of the token's text: what the store keeps.
  static func hash(_ text: String) -> String { Hex.string(contiguous: digest(text)) }

  /// The SHA-256 of the text's UTF-8 bytes, hashed in place.
  private static func digest(_ text: String) -> SHA256.Digest {
    var text = text
    return text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
  }

  /// Whether `text` hashes to `storedHash`, comparing every byte whatever the first
  /// difference, so the time taken says nothing about how much matched. Every request with
  /// a token checks one: the digest is compared as hex digits in place, no text made.
  static func matches(_ text: String, storedHash: String) -> Bool {
    var stored = storedHash.utf8.makeIterator()
    var difference: UInt8 = storedHash.utf8.count == 2 * SHA256.byteCount ? 0 : 1
    for byte in digest(text) {
      difference |= (stored.next() ?? 0) ^ Hex.digits[Int(byte >> 4)]
      difference |= (stored.next() ?? 0) ^ Hex.digits[Int(byte & 0x0F)]
    }
    return difference == 0
  }
}
