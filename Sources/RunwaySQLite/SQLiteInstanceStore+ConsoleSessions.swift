import Foundation
import GRDB
import RunwayEngine
import RunwaySQL

extension SQLiteInstanceStore {
  public func openConsoleSession(_ session: ConsoleSession, now: Date, limit: Int) async throws(StoreError) {
    try await write { db in
      try db.execute(sql: StoreSQL.deleteExpiredConsoleSessions, arguments: [Timestamp.milliseconds(now)])
      try db.execute(
        sql: StoreSQL.insertConsoleSession,
        arguments: [
          session.idHash, session.tokenID, session.actor, session.csrf, Timestamp.milliseconds(session.expiresAt),
        ])
      try db.execute(
        sql: StoreSQL.deleteConsoleSessionsPastLimit, arguments: [session.tokenID, session.tokenID, max(limit, 0)])
    }
  }

  public func consoleSession(idHash: String) async throws(StoreError) -> ConsoleSession? {
    try await read { db in
      try BoundStatement(db, sql: StoreSQL.consoleSessionByHash, values: [.text(idHash)]).first(Self.consoleSession)
    }
  }

  public func closeConsoleSession(idHash: String) async throws(StoreError) {
    try await write { db in try db.execute(sql: StoreSQL.deleteConsoleSession, arguments: [idHash]) }
  }

  static func consoleSession(_ row: StatementRow) throws(StoreError) -> ConsoleSession {
    ConsoleSession(
      idHash: try row.text(0), tokenID: try row.text(1), actor: try row.text(2), csrf: try row.text(3),
      expiresAt: Timestamp.date(milliseconds: try row.integer(4)))
  }
}
