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

  /// The public id inside a token's text, or nil when the text is not shaped like a token.
  static func id(of text: String) -> String? {
    guard text.hasPrefix(prefix), text.utf8.count <= 128 else { return nil }
    let parts = text.dropFirst(prefix.count).split(separator: "_", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
    return String(parts[0])
  }

  /// The lowercase hex SHA-256 of the token's text: what the store keeps.
  static func hash(_ text: String) -> String { Hex.string(SHA256.hash(data: Data(text.utf8))) }

  /// Whether `text` hashes to `storedHash`, comparing every byte whatever the first
  /// difference, so the time taken says nothing about how much matched.
  static func matches(_ text: String, storedHash: String) -> Bool {
    let presented = Array(hash(text).utf8)
    let stored = Array(storedHash.utf8)
    guard presented.count == stored.count else { return false }
    var difference: UInt8 = 0
    for index in presented.indices { difference |= presented[index] ^ stored[index] }
    return difference == 0
  }
}
