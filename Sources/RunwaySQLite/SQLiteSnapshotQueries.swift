import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

/// The snapshot reads on one SQLite connection inside a transaction, on cached statements.
struct SQLiteSnapshotQueries: SnapshotQueries {
  let db: Database
  let path: String
  let storedInstances: StoredInstanceCache
  let hotStatements: HotStatements

  private func statement(_ sql: String) throws -> Statement { try db.cachedStatement(sql: StoreSQL.sqlite(sql)) }

  private func run<T>(_ body: () throws -> T) throws(StoreError) -> T {
    do { return try body() } catch { throw SQLiteInstanceStore.storeError(error, path: path) }
  }

  func instance(_ id: String) throws(StoreError) -> (instance: Instance?, generation: Int) {
    // One statement: the generation as a scalar subquery beside the instance's columns, read
    // on every transition through SQLite's C API (`BoundStatement`).
    var generation: Int64 = 0
    let found = try run {
      try BoundStatement(db, Self.instanceWithGeneration, in: hotStatements, values: [.text(id)]).first { row in
        generation = try row.optionalInteger(9) ?? 0
        return try storedInstances.instance(id, in: row)
      }
    }
    guard let found else { return (nil, try self.generation()) }
    storedInstances.read(generation: Int(generation))
    return (found, Int(generation))
  }

  /// The head's columns as `StoreRows.instanceColumns`, the generation, then its timers
  /// (`StoredInstanceCache.timersColumn`).
  private static let instanceWithGeneration = HotStatement(
    """
    SELECT instance_id, workflow, definition_digest, state, head_revision, fields, initiator, created_at,
      updated_at, (\(StoreSQL.generation)), timers
    FROM journal WHERE instance_id = ? AND revision = \(SQLiteJournal.head)
    """)

  func generation() throws(StoreError) -> Int {
    try run { try Int.fetchOne(statement(StoreSQL.generation)) ?? 0 }
  }

  func definition(digest: String) throws(StoreError) -> StoredDefinition? {
    let row = try run { try Row.fetchOne(statement(StoreSQL.definitionByDigest), arguments: [digest]) }
    return try row.map { row throws(StoreError) in try SQLiteInstanceStore.definition(row) }
  }

  func records(_ ids: Set<String>) throws(StoreError) -> Directory {
    guard !ids.isEmpty else { return Directory() }
    let rows = try run { try Row.fetchAll(statement(StoreSQL.recordsByID), arguments: [StoreSQL.jsonList(ids)]) }
    return try DirectoryRecords.directory(
      rows.map { (kind: $0[0] as String, id: $0[1] as String, body: $0[2] as String) }, store: path)
  }

  func members(of workspaces: Set<String>) throws(StoreError) -> Set<String> {
    guard !workspaces.isEmpty else { return [] }
    return Set(
      try run { try String.fetchAll(statement(StoreSQL.membersOf), arguments: [StoreSQL.jsonList(workspaces)]) })
  }

  func settings(scopes: Set<String>) throws(StoreError) -> [SettingValue] {
    let rows = try run {
      try Row.fetchAll(statement(StoreSQL.settingsInScopes), arguments: [StoreSQL.jsonList(scopes)])
    }
    return try rows.map { row throws(StoreError) in try SQLiteInstanceStore.setting(row) }
  }

  func lastActors(_ instanceID: String, events: Set<String>) throws(StoreError) -> [String: String] {
    let rows = try run {
      try Row.fetchAll(statement(StoreSQL.lastActors), arguments: [instanceID, StoreSQL.jsonList(events)])
    }
    var actors: [String: String] = [:]
    for row in rows { actors[row[0]] = row[1] }
    return actors
  }

  func lastEntry(_ instanceID: String) throws(StoreError) -> HistoryEntry? {
    let row = try run { try Row.fetchOne(statement(StoreSQL.lastEntry), arguments: [instanceID]) }
    return try row.map { row throws(StoreError) in try SQLiteInstanceStore.historyEntry(row) }
  }

  func timers(_ instanceID: String) throws(StoreError) -> [ScheduledTimer] {
    // Read on every fire of a timed event (W8): the head's own list (`SQLiteTimers`), as
    // `instance(_:)` read it with the head just before in this transaction.
    if let known = storedInstances.remembered(instanceID)?.timers {
      return try SQLiteTimers.decode(known.text, of: instanceID)
    }
    return try run { try SQLiteTimers.of(instanceID, db, hotStatements) }
  }
}
