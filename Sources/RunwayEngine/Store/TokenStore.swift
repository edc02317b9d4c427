import Foundation

/// The API tokens of `runway serve` (docs/api.md, "Tokens"): only each token's SHA-256 is kept,
/// never the token itself.
public protocol TokenStore: Sendable {
  /// Keeps a new token; an id already taken throws `StoreError.duplicate`.
  func saveToken(_ token: APIToken) async throws(StoreError)
  /// The token with public id `id`, revoked or not.
  func token(id: String) async throws(StoreError) -> APIToken?
  /// Every token, oldest first.
  func tokens() async throws(StoreError) -> [APIToken]
  /// Marks token `id` revoked at `at`; false when there is no such token. Revoking twice
  /// keeps the first time.
  func revokeToken(id: String, at: Date) async throws(StoreError) -> Bool
}
