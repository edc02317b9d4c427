import Foundation
import PostgresNIO
import RunwayEngine
import RunwaySQL

extension PostgresInstanceStore {
  public func openConsoleSession(_ session: ConsoleSession, now: Date, limit: Int) async throws(StoreError) {
    let logger = logger
    try await transaction { connection in
      var expired = PostgresBindings()
      expired.append(Timestamp.milliseconds(now))
      _ = try await Self.all(
        connection.query(
          PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.deleteExpiredConsoleSessions), binds: expired),
          logger: logger))
      var values = PostgresBindings()
      values.append(session.idHash)
      values.append(session.tokenID)
      values.append(session.actor)
      values.append(session.csrf)
      values.append(Timestamp.milliseconds(session.expiresAt))
      _ = try await Self.all(
        connection.query(
          PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.insertConsoleSession), binds: values), logger: logger))
      var past = PostgresBindings()
      past.append(session.tokenID)
      past.append(session.tokenID)
      past.append(Int64(max(limit, 0)))
      _ = try await Self.all(
        connection.query(
          PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.deleteConsoleSessionsPastLimit), binds: past),
          logger: logger))
    }
  }

  public func consoleSession(idHash: String) async throws(StoreError) -> ConsoleSession? {
    var binds = PostgresBindings()
    binds.append(idHash)
    let found = try await rows(
      PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.consoleSessionByHash), binds: binds))
    return try found.first.map { row throws(StoreError) in
      let c = PostgresColumns(row)
      return ConsoleSession(
        idHash: try c.string("id_hash"), tokenID: try c.string("token_id"), actor: try c.string("actor"),
        csrf: try c.string("csrf"), expiresAt: Timestamp.date(milliseconds: try c.int64("expires_at")))
    }
  }

  public func closeConsoleSession(idHash: String) async throws(StoreError) {
    var binds = PostgresBindings()
    binds.append(idHash)
    _ = try await rows(PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.deleteConsoleSession), binds: binds))
  }
}
