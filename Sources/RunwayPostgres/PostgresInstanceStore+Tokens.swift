import Foundation
import PostgresNIO
import RunwayEngine
import RunwaySQL

extension PostgresInstanceStore {
  public func saveToken(_ token: APIToken) async throws(StoreError) {
    var binds = PostgresBindings()
    binds.append(token.id)
    binds.append(token.hash)
    binds.append(token.actor)
    binds.append(token.scopeList)
    binds.append(Timestamp.milliseconds(token.createdAt))
    if let expiry = token.expiresAt { binds.append(Timestamp.milliseconds(expiry)) } else { binds.appendNull() }
    _ = try await rows(PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.insertToken), binds: binds))
  }

  public func token(id: String) async throws(StoreError) -> APIToken? {
    var binds = PostgresBindings()
    binds.append(id)
    let found = try await rows(PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.tokenByID), binds: binds))
    return try found.first.map { row throws(StoreError) in try Self.token(row) }
  }

  public func tokens() async throws(StoreError) -> [APIToken] {
    try await rows(PostgresQuery(unsafeSQL: StoreSQL.allTokens)).map { row throws(StoreError) in try Self.token(row) }
  }

  public func revokeToken(id: String, at: Date) async throws(StoreError) -> Bool {
    var binds = PostgresBindings()
    binds.append(Timestamp.milliseconds(at))
    binds.append(id)
    let changed = try await rows(
      PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.revokeToken) + " RETURNING id", binds: binds))
    return !changed.isEmpty
  }

  static func token(_ row: PostgresRow) throws(StoreError) -> APIToken {
    let c = PostgresColumns(row)
    let expires: Int64?
    let revoked: Int64?
    do {
      let random = row.makeRandomAccess()
      expires = try random["expires_at"].decode(Int64?.self)
      revoked = try random["revoked_at"].decode(Int64?.self)
    } catch { throw .corrupt("a stored token's times cannot be read back") }
    return APIToken(
      id: try c.string("id"), hash: try c.string("hash"), actor: try c.string("actor"),
      scopes: try APIToken.scopes(stored: try c.string("scopes")),
      createdAt: Timestamp.date(milliseconds: try c.int64("created_at")),
      expiresAt: expires.map(Timestamp.date(milliseconds:)), revokedAt: revoked.map(Timestamp.date(milliseconds:)))
  }
}
