import Foundation
import GRDB
import RunwayEngine
import RunwaySQL

extension SQLiteInstanceStore {
  public func openConsoleSession(_ session: ConsoleSession, now: Date, limit: Int) async throws(StoreError) {
    try await write { db in
      for statement in StoreWrites.openConsoleSession(session, now: now, limit: limit) { try statement.execute(db) }
    }
  }

  public func consoleSession(idHash: String) async throws(StoreError) -> ConsoleSession? {
    try await read { db in
      try BoundStatement(db, sql: StoreSQL.consoleSessionByHash, values: [.text(idHash)]).first(
        StoreRows.consoleSession)
    }
  }

  public func closeConsoleSession(idHash: String) async throws(StoreError) {
    try await write { db in try SQLStatement(StoreSQL.deleteConsoleSession, [.text(idHash)]).execute(db) }
  }
}
