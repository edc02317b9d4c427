import Foundation

/// A signed-in console browser: the token it signed in with (read again on every request, so
/// revoking the token ends the session), the actor, the CSRF token every form carries and when
/// it ends. The store keeps it by the SHA-256 of its id; the id itself lives only in the
/// browser's cookie (docs/console.md, "Sessions").
public struct ConsoleSession: Sendable, Hashable {
  /// The lowercase hex SHA-256 of the session's id: what the store finds it by.
  public var idHash: String
  /// The public id of the API token the session was made from.
  public var tokenID: String
  public var actor: String
  /// The value every form of this session carries in its `csrf` field.
  public var csrf: String
  public var expiresAt: Date

  public init(idHash: String, tokenID: String, actor: String, csrf: String, expiresAt: Date) {
    self.idHash = idHash
    self.tokenID = tokenID
    self.actor = actor
    self.csrf = csrf
    self.expiresAt = expiresAt
  }
}
