import Foundation
import RunwayEngine

/// A token as `tokens list --json` prints it: never its text nor its hash. `token` (the text)
/// is set only in the answer to `tokens create`, the one time it is shown.
public struct TokenJSON: Encodable, Sendable {
  public var id: String
  public var actor: String
  public var scopes: [String]
  public var createdAt: Date
  public var expiresAt: Date?
  public var revokedAt: Date?
  public var token: String?

  public init(_ token: APIToken, text: String? = nil) {
    id = token.id
    actor = token.actor
    scopes = token.scopes.map(\.rawValue).sorted()
    createdAt = token.createdAt
    expiresAt = token.expiresAt
    revokedAt = token.revokedAt
    self.token = text
  }
}
