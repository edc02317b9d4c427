import Foundation

extension Runway {
  /// The caller of a token presented before, read again by its public id: a console session
  /// keeps only the token's id and checks it on every request, so revoking the token or its
  /// expiry ends the session too (docs/console.md, "Sessions").
  public func authenticate(tokenID id: String) async throws -> Authentication {
    let found: APIToken?
    do { found = try await store.token(id: id) } catch { throw EngineError.store(error) }
    guard let token = found else { throw AuthenticationFailure.unknown }
    if token.revokedAt != nil { throw AuthenticationFailure.revoked }
    if let expiry = token.expiresAt, expiry <= engine.clock.now() { throw AuthenticationFailure.expired }
    return Authentication(caller: Caller(actor: token.actor, administers: token.grants(.admin)), token: token)
  }
}
