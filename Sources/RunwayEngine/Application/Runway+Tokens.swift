import Foundation
import RunwayModel

/// A token just made: its record and its text, which is shown this once and kept nowhere.
public struct IssuedToken: Sendable, Hashable {
  public var token: APIToken
  public var text: String
}

extension Runway {
  /// Makes a token acting as `actor` (who must be in the directory) with `scopes` (`operate`
  /// when none), living `lifetime` seconds or until revoked.
  public func createToken(actor: String, scopes: Set<TokenScope>, lifetime: TimeInterval?, caller: Caller)
    async throws(EngineError) -> IssuedToken
  {
    try requireAdministration(caller, "make tokens")
    let snapshot = try await stored { () async throws(StoreError) in
      try await store.snapshot(SnapshotRequest(instanceID: nil, ids: [actor]))
    }
    guard (snapshot.directory ?? Directory()).actors[actor] != nil else {
      throw .notFound("no actor \"\(actor)\" in the directory")
    }
    let now = Timestamp.rounded(engine.clock.now())
    let (id, text) = TokenText.make()
    let token = APIToken(
      id: id, hash: TokenText.hash(text), actor: actor, scopes: scopes.isEmpty ? [.operate] : scopes,
      createdAt: now, expiresAt: lifetime.map { Timestamp.rounded(now + $0) })
    try await self.stored { () async throws(StoreError) in try await store.saveToken(token) }
    return IssuedToken(token: token, text: text)
  }

  /// Every token (never their texts), oldest first.
  public func tokens(caller: Caller) async throws(EngineError) -> [APIToken] {
    try requireAdministration(caller, "list tokens")
    return try await stored { () async throws(StoreError) in try await store.tokens() }
  }

  /// Revokes token `id`: every request with it is refused from now on.
  public func revokeToken(_ id: String, caller: Caller) async throws(EngineError) -> APIToken {
    try requireAdministration(caller, "revoke tokens")
    let now = Timestamp.rounded(engine.clock.now())
    let revoked = try await stored { () async throws(StoreError) in try await store.revokeToken(id: id, at: now) }
    guard revoked, let token = try await stored({ () async throws(StoreError) in try await store.token(id: id) })
    else { throw .notFound("no token \"\(id)\"") }
    return token
  }

  /// The caller a bearer token stands for, or why it is refused: missing, unknown, expired or
  /// revoked. The token's text is hashed and compared in constant time, and never logged.
  public func authenticate(bearer text: String?) async throws -> Authentication {
    guard let text, !text.isEmpty else { throw AuthenticationFailure.missing }
    guard let id = TokenText.id(of: text) else { throw AuthenticationFailure.unknown }
    let found: APIToken?
    do { found = try await store.token(id: id) } catch { throw EngineError.store(error) }
    guard let token = found, TokenText.matches(text, storedHash: token.hash) else {
      throw AuthenticationFailure.unknown
    }
    if token.revokedAt != nil { throw AuthenticationFailure.revoked }
    if let expiry = token.expiresAt, expiry <= engine.clock.now() { throw AuthenticationFailure.expired }
    return Authentication(
      caller: Caller(actor: token.actor, administers: token.grants(.admin)), token: token)
  }
}
