import CSQLiteOptions
import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

/// The embedded store: one SQLite file in WAL mode. Several processes may share the file;
/// every write is one immediate transaction, and `commit` is a compare-and-swap on the
/// instance's revision.
public final class SQLiteInstanceStore: Store, @unchecked Sendable {
  let queue: DatabaseQueue
  public let path: String
  /// The instances this connection last read or wrote, so a transition does not decode again
  /// what the previous one wrote.
  let storedInstances = StoredInstanceCache()
  /// The statements of a transition, prepared once on this store's connection.
  let hotStatements = HotStatements()
  /// Tasks take the connection in turn, suspended rather than blocked while another has it.
  let turns = ConnectionTurns()
  /// Transitions that arrive while one is written are written together (a group commit).
  let transitionBatches = TransitionBatches()

  /// Opens (creating and migrating when needed) the database at `path`. With
  /// `checkpointEvery`, for a short-lived process, a commit that leaves that many pages in the
  /// WAL checkpoints it and truncates it: every process that opens the file first rebuilds the
  /// WAL's index by reading each frame, and forgets what an earlier process checkpointed, so
  /// SQLite's own checkpoint would let the WAL grow without end (docs/deployment.md).
  public init(path: String, checkpointEvery pages: Int? = nil) throws(StoreError) {
    _ = Self.libraryConfigured
    self.path = path
    var configuration = Configuration()
    // Opening and migrating wait for a lock the whole budget, in SQLite; afterwards SQLite
    // waits a slice and the store's operations suspend between slices (LockWait).
    configuration.busyMode = .timeout(LockWait.budget)
    configuration.foreignKeysEnabled = true
    configuration.prepareDatabase { db in
      // WAL lets readers and one writer work at once; NORMAL syncs at checkpoints, which
      // survives a crashed process (not a power cut) — see docs/deployment notes.
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // A command is a short process: checkpointing the WAL as it closes cost four fsyncs,
      // most of a `runway fire` (W2). The WAL stays, and the next automatic checkpoint (every
      // 1,000 pages) takes it; a crash loses nothing a checkpoint would have kept.
      _ = runway_sqlite_skip_checkpoint_on_close(db.sqliteConnection)
      if let pages {
        _ = runway_sqlite_truncate_wal_at(
          db.sqliteConnection, Int32(clamping: max(pages, 1)), LockWait.sliceMilliseconds)
      }
    }
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
      try SQLiteSchema.migrate(queue)
      queue.inDatabase { db in _ = sqlite3_busy_timeout(db.sqliteConnection, LockWait.sliceMilliseconds) }
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// SQLite set up for the store's use (`runway_sqlite_configure_library`) before the first
  /// connection of the process opens (docs/benchmarks.md, W4).
  static let libraryConfigured: Bool = runway_sqlite_configure_library() == SQLITE_OK

  static func storeError(_ error: any Error, path: String) -> StoreError {
    if let error = error as? StoreError { return error }
    if let database = error as? DatabaseError {
      switch database.resultCode {
      case .SQLITE_BUSY, .SQLITE_LOCKED:
        return .unavailable("the database \(path) stayed locked by another process; try again")
      case .SQLITE_NOTADB: return .unavailable("\(path) is not a Runway database (not SQLite)")
      case .SQLITE_CANTOPEN: return .unavailable("cannot open the database \(path): \(database.message ?? "")")
      case .SQLITE_READONLY: return .unavailable("the database \(path) is read-only")
      case .SQLITE_FULL: return .unavailable("the disk holding \(path) is full")
      default: return .unavailable("the database \(path) failed: \(database.message ?? "\(database.resultCode)")")
      }
    }
    return .unavailable("the database \(path) failed: \(error)")
  }

  /// Runs `body` in one immediate transaction (the write lock is taken up front, so two
  /// processes never deadlock upgrading a read to a write).
  func write<T>(_ body: (Database) throws -> T) async throws(StoreError) -> T {
    do {
      return try await connection { db in try immediateTransaction(db) { try body(db) } }
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// `body` between BEGIN IMMEDIATE and COMMIT, rolled back when it throws. The two are
  /// cached statements: GRDB's `inTransaction` prepares both again on every transaction, a
  /// few percent of W4 (docs/benchmarks.md).
  /// What the transaction remembered (`storedInstances`) is known once it commits, at the
  /// file's data version then (`transition`: it writes only the instances it remembers), and
  /// what it wrote is forgotten when it rolls back.
  func immediateTransaction<T>(_ db: Database, transition: Bool = false, _ body: () throws -> T) throws -> T {
    do {
      try BoundStatement(db, Self.begin, in: hotStatements, values: []).run()
      storedInstances.begin(at: SQLiteDataVersion.of(db))
      let result = try body()
      try BoundStatement(db, Self.commit, in: hotStatements, values: []).run()
      storedInstances.settle(at: SQLiteDataVersion.of(db), transition: transition)
      return result
    } catch {
      storedInstances.forgetPending()
      // SQLite may have rolled back already (a full disk, say); GRDB's rollback checks.
      try? db.rollback()
      throw error
    }
  }

  /// `body` on the connection, once it is this task's turn (`turns`), tried again while
  /// another process has the file locked (`LockWait`).
  func connection<T>(_ body: (Database) throws -> T) async throws -> T {
    try await turns.run { try await LockWait.retrying { try queue.writeWithoutTransaction(body) } }
  }

  /// `body` in a deferred (read) transaction, between cached BEGIN and COMMIT statements as
  /// `immediateTransaction`'s: GRDB's `inTransaction` parsed and prepared both on every read
  /// (a show, a view, each fire's snapshot on a cold head; docs/benchmarks.md, the ninth pass).
  func deferredTransaction<T>(_ db: Database, _ body: () throws -> T) throws -> T {
    try BoundStatement(db, Self.beginDeferred, in: hotStatements, values: []).run()
    do {
      let result = try body()
      try BoundStatement(db, Self.commit, in: hotStatements, values: []).run()
      return result
    } catch {
      try? db.rollback()
      throw error
    }
  }

  private static let begin = HotStatement("BEGIN IMMEDIATE")
  private static let beginDeferred = HotStatement("BEGIN DEFERRED")
  private static let commit = HotStatement("COMMIT")

  /// Runs `body`, a single statement, which SQLite runs in its own read transaction. Not
  /// `queue.read`: that toggles `PRAGMA query_only`, and a flag pragma expires every prepared
  /// statement, so each transition re-prepared its cached statements (10 % of W4 went to
  /// SQLite's authorizer); and no explicit BEGIN/COMMIT, two more statements per read.
  func read<T>(_ body: (Database) throws -> T) async throws(StoreError) -> T {
    do { return try await connection(body) } catch {
      throw Self.storeError(error, path: path)
    }
  }

  public func saveDefinition(_ definition: StoredDefinition) async throws(StoreError) {
    try await write { db in try Self.save(definition, db) }
  }

  static func save(_ definition: StoredDefinition, _ db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO definitions (digest, workflow, definition_json, source_path, source_text, stored_at, position)
        VALUES (?, ?, ?, ?, ?, ?, (SELECT COUNT(*) FROM definitions))
        ON CONFLICT(digest) DO NOTHING
        """,
      arguments: [
        definition.digest, definition.workflow, definition.definitionJSON, definition.sourcePath,
        definition.sourceText, Timestamp.milliseconds(definition.storedAt),
      ])
  }

  public func pinnedCounts() async throws(StoreError) -> [String: Int] {
    let rows = try await read { db in try Row.fetchAll(db, sql: StoreSQL.pinnedCounts) }
    var counts: [String: Int] = [:]
    for row in rows { counts[row[0]] = row[1] }
    return counts
  }

  public func definition(digest: String) async throws(StoreError) -> StoredDefinition? {
    let row = try await read { db in try Row.fetchOne(db, sql: StoreSQL.definitionByDigest, arguments: [digest]) }
    return try row.map { row throws(StoreError) in try Self.definition(row) }
  }

  public func definitions() async throws(StoreError) -> [StoredDefinition] {
    let rows = try await read { db in
      try Row.fetchAll(db, sql: "SELECT \(StoreRows.definitionColumns) FROM definitions ORDER BY position")
    }
    return try rows.map { row throws(StoreError) in try Self.definition(row) }
  }

  static func definition(_ row: Row) throws(StoreError) -> StoredDefinition { try StoreRows.definition(row) }
}
