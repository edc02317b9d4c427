import Foundation
import RunwayModel

/// The random secrets the console hands a browser (a session's id, a form's CSRF value), and
/// how two of them are compared (docs/console.md, "Sessions").
public enum SecretText {
  /// 32 random bytes as lowercase hex.
  public static func random() -> String {
    var generator = SystemRandomNumberGenerator()
    return Hex.string((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
  }

  /// Whether two secrets are equal, comparing every byte whatever the first difference.
  public static func same(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    guard a.count == b.count, !a.isEmpty else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}
