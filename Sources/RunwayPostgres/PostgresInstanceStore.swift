import Foundation
import Logging
import PostgresNIO
import RunwayEngine
import RunwayModel
import RunwaySQL

/// The shared store: PostgreSQL, for many people and hosts on one deployment. Every write is
/// one transaction; `commit` is a compare-and-swap on the instance's revision; the outbox is
/// claimed with `FOR UPDATE SKIP LOCKED` so several delivery workers never send one twice.
public final class PostgresInstanceStore: Store, @unchecked Sendable {
  let client: PostgresClient
  let logger: Logger
  let location: PostgresLocation
  private let running: Task<Void, Never>

  /// Connects (and migrates the schema when needed).
  public init(_ location: PostgresLocation) async throws(StoreError) {
    self.location = location
    var logger = Logger(label: "runway.postgres")
    logger.logLevel = .critical
    self.logger = logger
    try await location.checkReachable(logger: logger)
    let client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
    self.client = client
    running = Task { await client.run() }
    do { try await PostgresSchema.migrate(client, logger: logger) } catch {
      running.cancel()
      throw Self.storeError(error, location)
    }
  }

  deinit { running.cancel() }

  static func storeError(_ error: any Error, _ location: PostgresLocation) -> StoreError {
    if let error = error as? StoreError { return error }
    if let error = error as? PostgresTransactionError {
      // A refusal thrown inside a transaction comes back wrapped; the rollback already ran.
      if let inner = error.closureError { return storeError(inner, location) }
      if let begin = error.beginError { return storeError(begin, location) }
    }
    if let error = error as? PSQLError {
      if let message = error.serverInfo?[.message] {
        return .unavailable("the database \(location) failed: \(message)")
      }
      return .unavailable("cannot reach the database \(location): \(error.code)")
    }
    return .unavailable("the database \(location) failed: \(String(describing: error).prefix(200))")
  }

  /// Runs `body` in one transaction, mapping failures to `StoreError`.
  func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
    do { return try await client.withTransaction(logger: logger) { try await body($0) } } catch {
      throw Self.storeError(error, location)
    }
  }

  /// The rows of one query, outside a transaction.
  func rows(_ query: PostgresQuery) async throws(StoreError) -> [PostgresRow] {
    do {
      var rows: [PostgresRow] = []
      for try await row in try await client.query(query, logger: logger) { rows.append(row) }
      return rows
    } catch {
      throw Self.storeError(error, location)
    }
  }

  static func all(_ sequence: PostgresRowSequence) async throws -> [PostgresRow] {
    var rows: [PostgresRow] = []
    for try await row in sequence { rows.append(row) }
    return rows
  }

  public func saveDefinition(_ definition: StoredDefinition) async throws(StoreError) {
    _ = try await rows(Self.saving(definition))
  }

  static func saving(_ definition: StoredDefinition) -> PostgresQuery {
    """
    INSERT INTO definitions (digest, workflow, definition_json, source_path, source_text, stored_at)
    VALUES (\(definition.digest), \(definition.workflow), \(definition.definitionJSON), \(definition.sourcePath),
      \(definition.sourceText), \(Timestamp.milliseconds(definition.storedAt)))
    ON CONFLICT (digest) DO NOTHING
    """
  }

  public func definition(digest: String) async throws(StoreError) -> StoredDefinition? {
    try await rows(SQLStatement(StoreSQL.definitionByDigest, [.text(digest)]).postgres).first.map {
      row throws(StoreError) in
      try Self.definition(row)
    }
  }

  public func pinnedCounts() async throws(StoreError) -> [String: Int] {
    var counts: [String: Int] = [:]
    for row in try await rows(PostgresQuery(unsafeSQL: StoreSQL.pinnedCounts)) {
      let c = PostgresColumns(row)
      counts[try c.string(0)] = Int(try c.int64(1))
    }
    return counts
  }

  public func definitions() async throws(StoreError) -> [StoredDefinition] {
    try await rows(PostgresQuery(unsafeSQL: "SELECT \(StoreRows.definitionColumns) FROM definitions ORDER BY position"))
      .map { row throws(StoreError) in
        try Self.definition(row)
      }
  }

  static func definition(_ row: PostgresRow) throws(StoreError) -> StoredDefinition {
    try StoreRows.definition(PostgresPositions(row))
  }
}

/// Reads a row's columns by name, as `StoreError.corrupt` when one does not decode.
struct PostgresColumns {
  let row: PostgresRandomAccessRow
  init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

  func string(_ index: Int) throws(StoreError) -> String {
    do { return try row[index].decode(String.self) } catch { throw .corrupt("column \(index) cannot be read back") }
  }
  func int64(_ index: Int) throws(StoreError) -> Int64 {
    do { return try row[index].decode(Int64.self) } catch { throw .corrupt("column \(index) cannot be read back") }
  }

  func string(_ name: String) throws(StoreError) -> String {
    do { return try row[name].decode(String.self) } catch { throw .corrupt("column \(name) cannot be read back") }
  }
  func optionalString(_ name: String) throws(StoreError) -> String? {
    do { return try row[name].decode(String?.self) } catch { throw .corrupt("column \(name) cannot be read back") }
  }
  func int(_ name: String) throws(StoreError) -> Int {
    do { return Int(try row[name].decode(Int32.self)) } catch { throw .corrupt("column \(name) cannot be read back") }
  }
  func int64(_ name: String) throws(StoreError) -> Int64 {
    do { return try row[name].decode(Int64.self) } catch { throw .corrupt("column \(name) cannot be read back") }
  }
}
