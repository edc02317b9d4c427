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

extension Runway {
  /// How many console sessions one token keeps at most; past it the soonest to expire ends.
  public static let consoleSessionsPerToken = 100

  /// Opens a console session for an authenticated token's actor, lasting `lifetime` seconds
  /// and never past the token's expiry. Returns the session's id, which only the browser's
  /// cookie keeps: the store keeps its SHA-256 (docs/console.md, "Sessions").
  public func openConsoleSession(_ authentication: Authentication, lifetime: TimeInterval) async throws(EngineError)
    -> (id: String, session: ConsoleSession)
  {
    guard let actor = authentication.caller.actor else {
      throw .forbidden("token \(authentication.token.id) acts as nobody, so it cannot sign in")
    }
    let now = engine.clock.now()
    var expiry = Timestamp.rounded(now + lifetime)
    if let tokenExpiry = authentication.token.expiresAt, tokenExpiry < expiry { expiry = tokenExpiry }
    let id = SecretText.random()
    let session = ConsoleSession(
      idHash: TokenText.hash(id), tokenID: authentication.token.id, actor: actor, csrf: SecretText.random(),
      expiresAt: expiry)
    try await stored { () async throws(StoreError) in
      try await store.openConsoleSession(session, now: now, limit: Self.consoleSessionsPerToken)
    }
    return (id, session)
  }

  /// The live console session with this id, or nil: unknown, or expired (then forgotten).
  public func consoleSession(id: String) async throws(EngineError) -> ConsoleSession? {
    let hash = TokenText.hash(id)
    guard
      let session = try await stored({ () async throws(StoreError) in try await store.consoleSession(idHash: hash) })
    else { return nil }
    guard session.expiresAt > engine.clock.now() else {
      try await closeConsoleSession(id: id)
      return nil
    }
    return session
  }

  /// Ends the console session with this id (sign-out, a revoked token); nothing when there is none.
  public func closeConsoleSession(id: String) async throws(EngineError) {
    let hash = TokenText.hash(id)
    try await stored { () async throws(StoreError) in try await store.closeConsoleSession(idHash: hash) }
  }
}
