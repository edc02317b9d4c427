import Foundation
import PostgresNIO
import RunwayEngine
import RunwaySQL

extension PostgresInstanceStore {
  public func openConsoleSession(_ session: ConsoleSession, now: Date, limit: Int) async throws(StoreError) {
    let logger = logger
    try await transaction { connection in
      for statement in StoreWrites.openConsoleSession(session, now: now, limit: limit) {
        try await statement.run(connection, logger)
      }
    }
  }

  public func consoleSession(idHash: String) async throws(StoreError) -> ConsoleSession? {
    let found = try await rows(SQLStatement(StoreSQL.consoleSessionByHash, [.text(idHash)]).postgres)
    return try found.first.map { row throws(StoreError) in try StoreRows.consoleSession(PostgresPositions(row)) }
  }

  public func closeConsoleSession(idHash: String) async throws(StoreError) {
    _ = try await rows(SQLStatement(StoreSQL.deleteConsoleSession, [.text(idHash)]).postgres)
  }
}
