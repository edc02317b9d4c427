import Foundation
import GRDB
import RunwayEngine
import RunwaySQL

extension SQLiteInstanceStore {
  public func saveToken(_ token: APIToken) async throws(StoreError) {
    try await write { db in
      try db.execute(
        sql: StoreSQL.insertToken,
        arguments: [
          token.id, token.hash, token.actor, token.scopeList, Timestamp.milliseconds(token.createdAt),
          token.expiresAt.map(Timestamp.milliseconds),
        ])
    }
  }

  public func token(id: String) async throws(StoreError) -> APIToken? {
    // A cached statement: every API request looks its token up (GRDB prepares a fresh one through its authorizer).
    let row = try await read { db in try Row.fetchOne(db.cachedStatement(sql: StoreSQL.tokenByID), arguments: [id]) }
    return try row.map { row throws(StoreError) in try Self.token(row) }
  }

  public func tokens() async throws(StoreError) -> [APIToken] {
    let rows = try await read { db in try Row.fetchAll(db, sql: StoreSQL.allTokens) }
    return try rows.map { row throws(StoreError) in try Self.token(row) }
  }

  public func revokeToken(id: String, at: Date) async throws(StoreError) -> Bool {
    try await write { db in
      try db.execute(sql: StoreSQL.revokeToken, arguments: [Timestamp.milliseconds(at), id])
      return db.changesCount > 0
    }
  }

  static func token(_ row: Row) throws(StoreError) -> APIToken {
    let expires: Int64? = row[5]
    let revoked: Int64? = row[6]
    return APIToken(
      id: row[0], hash: row[1], actor: row[2], scopes: try APIToken.scopes(stored: row[3]),
      createdAt: Timestamp.date(milliseconds: row[4]), expiresAt: expires.map(Timestamp.date(milliseconds:)),
      revokedAt: revoked.map(Timestamp.date(milliseconds:)))
  }
}
