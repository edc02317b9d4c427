import Crypto
import Foundation
import RunwayModel

/// The console's sessions, kept in the server's memory by the SHA-256 of their ids: the id
/// itself lives only in the browser's cookie (docs/console.md, "Sessions"). A restart signs
/// everyone out; the tokens they signed in with still work.
actor ConsoleSessions {
  private var sessions: [String: ConsoleSession] = [:]
  /// How long a session lasts at most; never longer than its token.
  let lifetime: TimeInterval
  /// At most this many sessions at once: past it the oldest to expire goes first.
  static let limit = 10_000

  init(lifetime: TimeInterval) { self.lifetime = lifetime }

  /// Opens a session for a token's actor; returns the new session id (for the cookie) and the
  /// session.
  func open(tokenID: String, actor: String, tokenExpiry: Date?, now: Date) -> (id: String, session: ConsoleSession) {
    sessions = sessions.filter { $0.value.expiresAt > now }
    if sessions.count >= Self.limit, let oldest = sessions.min(by: { $0.value.expiresAt < $1.value.expiresAt }) {
      sessions[oldest.key] = nil
    }
    var expiry = now.addingTimeInterval(lifetime)
    if let tokenExpiry, tokenExpiry < expiry { expiry = tokenExpiry }
    let id = Self.randomText()
    let session = ConsoleSession(tokenID: tokenID, actor: actor, csrf: Self.randomText(), expiresAt: expiry)
    sessions[Self.hash(id)] = session
    return (id, session)
  }

  /// The live session with this id, or nil (unknown, or expired: then it is forgotten).
  func session(id: String, now: Date) -> ConsoleSession? {
    let key = Self.hash(id)
    guard let session = sessions[key] else { return nil }
    guard session.expiresAt > now else {
      sessions[key] = nil
      return nil
    }
    return session
  }

  /// Ends the session with this id (sign-out); nothing when there is none.
  func close(id: String) { sessions[Self.hash(id)] = nil }

  /// 32 random bytes as hex: a session id or a CSRF token.
  static func randomText() -> String {
    var generator = SystemRandomNumberGenerator()
    return Hex.string((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
  }

  /// What the table keys a session by: never the id itself.
  static func hash(_ text: String) -> String { Hex.string(SHA256.hash(data: Data(text.utf8))) }

  /// Whether two secrets are equal, comparing every byte whatever the first difference.
  static func same(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    guard a.count == b.count, !a.isEmpty else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}
