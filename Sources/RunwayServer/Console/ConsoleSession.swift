import Foundation

/// A signed-in browser: the token it signed in with (read again on every request, so revoking
/// the token ends the session), the actor, the CSRF token every form carries and when it ends
/// (docs/console.md, "Sessions").
struct ConsoleSession: Sendable {
  /// The public id of the API token the session was made from.
  var tokenID: String
  var actor: String
  /// The value every form of this session carries in its `csrf` field.
  var csrf: String
  var expiresAt: Date
}
