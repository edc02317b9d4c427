import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

extension SQLiteInstanceStore {
  public func create(
    _ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry],
    definition: StoredDefinition?
  ) async throws(StoreError) {
    try write { db in
      if let definition { try Self.save(definition, db) }
      for key in uniqueKeys {
        if let existing = try String.fetchOne(
          db, sql: "SELECT instance_id FROM unique_keys WHERE key = ?", arguments: [key])
        {
          throw StoreError.duplicate(key: key, existingInstance: existing)
        }
      }
      try db.execute(
        sql: """
          INSERT INTO instances (id, workflow, definition_digest, state, revision, fields, initiator,
            created_at, updated_at, position)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT IFNULL(MAX(position), 0) + 1 FROM instances))
          """,
        arguments: [
          instance.id, instance.workflow, instance.definitionDigest, instance.state,
          instance.revision, StoredValueCoding.encode(instance.fields), instance.initiator,
          Timestamp.milliseconds(instance.createdAt), Timestamp.milliseconds(instance.updatedAt),
        ])
      for key in uniqueKeys {
        try db.execute(
          sql: "INSERT INTO unique_keys (key, instance_id) VALUES (?, ?)", arguments: [key, instance.id])
      }
      try Self.index(instance.id, InstanceIndex.entries(instance.fields), db)
      try Self.append(history, outbox, db)
    }
  }

  public func commit(_ commit: InstanceCommit) async throws(StoreError) {
    try write { db in try Self.apply(commit, db) }
  }

  public func snapshot(_ request: SnapshotRequest) async throws(StoreError) -> StoreSnapshot {
    try readSnapshot(request)
  }

  /// The snapshot in one deferred (read) transaction; synchronous, as GRDB's queue is.
  private func readSnapshot(_ request: SnapshotRequest) throws(StoreError) -> StoreSnapshot {
    do {
      return try queue.writeWithoutTransaction { db in
        var snapshot: StoreSnapshot?
        try db.inTransaction(.deferred) {
          snapshot = try StoreSnapshot.assemble(request, from: SQLiteSnapshotQueries(db: db, path: path))
          return .commit
        }
        guard let snapshot else { throw StoreError.corrupt("a snapshot read returned nothing") }
        return snapshot
      }
    } catch { throw Self.storeError(error, path: path) }
  }

  /// One immediate transaction: the snapshot, the decision and its commit. A refusal thrown
  /// by `decide` rolls back (nothing was written) and comes out unchanged.
  public func update<T: Sendable>(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> StoreDecision<T>
  ) async throws -> T {
    try decideAndWrite(request, decide)
  }

  private func decideAndWrite<T>(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> StoreDecision<T>
  ) throws -> T {
    var refusal: (any Error)?
    do {
      return try queue.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          let snapshot = try StoreSnapshot.assemble(request, from: SQLiteSnapshotQueries(db: db, path: path))
          let decision: StoreDecision<T>
          do { decision = try decide(snapshot) } catch {
            refusal = error
            return .rollback
          }
          if let commit = decision.commit { try Self.apply(commit, db) }
          result = decision.result
          return .commit
        }
        guard let result else { throw refusal ?? StoreError.corrupt("a transaction returned nothing") }
        return result
      }
    } catch {
      if let refusal { throw refusal }
      throw Self.storeError(error, path: path)
    }
  }

  /// Writes one commit inside a transaction: compare-and-swap, index, history, outbox.
  static func apply(_ commit: InstanceCommit, _ db: Database) throws {
      let instance = commit.instance
      let expectedRevision = commit.expectedRevision
      let history = commit.history
      let outbox = commit.outbox
      // Cached statements: these run on every transition, so each is prepared once per connection.
      // A transition that stays in its state leaves `state` out of the SET list, so SQLite does
      // not rewrite the instance's entry in instances_by_workflow_state (one page fewer).
      let stays = commit.staysInState
      try db.cachedStatement(
        sql: """
          UPDATE instances SET definition_digest = ?, revision = ?, fields = ?, updated_at = ?\(stays ? "" : ", state = ?")
          WHERE id = ? AND revision = ?
          """
      ).execute(
        arguments: [
          instance.definitionDigest, instance.revision, StoredValueCoding.encode(instance.fields),
          Timestamp.milliseconds(instance.updatedAt),
        ] + (stays ? [] : [instance.state]) + [instance.id, expectedRevision])
      guard db.changesCount == 1 else {
        let actual = try Int.fetchOne(
          db, sql: "SELECT revision FROM instances WHERE id = ?", arguments: [instance.id])
        throw StoreError.revisionMismatch(instance: instance.id, expected: expectedRevision, actual: actual)
      }
      if let entries = commit.index {
        try db.cachedStatement(sql: StoreSQL.deleteIndex).execute(arguments: [instance.id])
        try index(instance.id, entries, db)
      }
      try Self.append(history, outbox, db)
  }

  /// Records an instance's indexed field values.
  static func index(_ id: String, _ entries: [InstanceIndex.Entry], _ db: Database) throws {
    for entry in entries {
      try db.cachedStatement(sql: StoreSQL.insertIndex).execute(arguments: [entry.field, entry.value, id])
    }
  }

  static func append(_ history: HistoryEntry, _ outbox: [OutboxEntry], _ db: Database) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO history (instance_id, revision, event, from_state, to_state, actor, at, params, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        history.instanceID, history.revision, history.event, history.from, history.to,
        history.actor, Timestamp.milliseconds(history.at), StoredValueCoding.encode(history.params),
        history.note,
      ])
    for entry in outbox {
      try db.cachedStatement(
        sql: """
          INSERT INTO outbox (delivery_id, instance_id, revision, notification, recipients, subject, body,
            payload, created_at, status, attempts, next_attempt_at, last_error)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(
        arguments: [
          entry.deliveryID, entry.instanceID, entry.revision, entry.notification, entry.recipientsJSON,
          entry.subject, entry.body, entry.payload, Timestamp.milliseconds(entry.createdAt),
          entry.status.rawValue, entry.attempts, Timestamp.milliseconds(entry.nextAttemptAt),
          entry.lastError,
        ])
    }
  }

  public func instance(_ id: String) async throws(StoreError) -> Instance? {
    let row = try read { db in
      try Row.fetchOne(
        db.cachedStatement(sql: "SELECT \(Self.instanceColumns) FROM instances WHERE id = ?"), arguments: [id])
    }
    return try row.map { row throws(StoreError) in try Self.instance(row) }
  }

  public func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance] {
    let (fields, rest) = query.indexedConditions
    let select = InstanceQuerySQL(
      columns: Self.instanceColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: ", "),
      workflow: query.workflow, states: query.states, fields: fields, limit: rest ? nil : query.limit)
    let arguments: [any DatabaseValueConvertible] = select.arguments.map { argument in
      switch argument {
      case .text(let text): return text
      case .integer(let number): return number
      }
    }
    let rows = try read { db in
      try Row.fetchAll(db, sql: StoreSQL.sqlite(select.sql), arguments: StatementArguments(arguments))
    }
    return query.select(try rows.map { row throws(StoreError) in try Self.instance(row) })
  }

  /// The columns `instance(_:)` reads, by position: a lookup by name compares every column's
  /// name for every value, and the instance is read on every transition.
  static let instanceColumns =
    "id, workflow, definition_digest, state, revision, fields, initiator, created_at, updated_at"

  static func instance(_ row: Row) throws(StoreError) -> Instance {
    Instance(
      id: row[0], workflow: row[1], definitionDigest: row[2], state: row[3], revision: row[4],
      fields: try StoredValueCoding.decode(row[5]), initiator: row[6],
      createdAt: Timestamp.date(milliseconds: row[7]), updatedAt: Timestamp.date(milliseconds: row[8]))
  }

  public func history(of id: String) async throws(StoreError) -> [HistoryEntry] {
    let rows = try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT instance_id, revision, event, from_state, to_state, actor, at, params, note
          FROM history WHERE instance_id = ? ORDER BY revision
          """, arguments: [id])
    }
    return try rows.map { row throws(StoreError) in try Self.historyEntry(row) }
  }

  /// A history row, by column position (as `StoreSQL.lastEntry` selects them).
  static func historyEntry(_ row: Row) throws(StoreError) -> HistoryEntry {
    HistoryEntry(
      instanceID: row[0], revision: row[1], event: row[2], from: row[3], to: row[4], actor: row[5],
      at: Timestamp.date(milliseconds: row[6]), params: try StoredValueCoding.decode(row[7]), note: row[8])
  }
}
