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
    // A hot statement read by position: every API request looks its token up, and GRDB's rows
    // were a fifth of the store's work in a fire over HTTP (docs/benchmarks.md, W7).
    try await read { db in
      try BoundStatement(db, Self.tokenByID, in: hotStatements, values: [.text(id)]).first(Self.token)
    }
  }

  public func tokens() async throws(StoreError) -> [APIToken] {
    try await read { db in try BoundStatement(db, sql: StoreSQL.allTokens, values: []).all(Self.token) }
  }

  private static let tokenByID = HotStatement(StoreSQL.tokenByID)

  public func revokeToken(id: String, at: Date) async throws(StoreError) -> Bool {
    try await write { db in
      try db.execute(sql: StoreSQL.revokeToken, arguments: [Timestamp.milliseconds(at), id])
      return db.changesCount > 0
    }
  }

  static func token(_ row: StatementRow) throws(StoreError) -> APIToken {
    APIToken(
      id: try row.text(0), hash: try row.text(1), actor: try row.text(2),
      scopes: try APIToken.scopes(stored: row.text(3)),
      createdAt: Timestamp.date(milliseconds: try row.integer(4)),
      expiresAt: try row.optionalInteger(5).map(Timestamp.date(milliseconds:)),
      revokedAt: try row.optionalInteger(6).map(Timestamp.date(milliseconds:)))
  }
}
