import Foundation
import PostgresNIO
import RunwayEngine
import RunwayModel
import RunwaySQL

extension PostgresInstanceStore {
  public func create(
    _ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry],
    definition: StoredDefinition?
  ) async throws(StoreError) {
    let logger = logger
    try await transaction { connection in
      if let definition { try await connection.query(Self.saving(definition), logger: logger) }
      try await StoreWrites.insertInstance(instance, position: "DEFAULT").run(connection, logger)
      for key in uniqueKeys {
        // A concurrent create holding the same key makes this wait for it, then see it.
        guard try await StoreWrites.insertUniqueKey(key, instance.id).run(connection, logger).isEmpty else { continue }
        let owner = try await SQLStatement(StoreWrites.uniqueKeyOwner, [.text(key)]).run(connection, logger)
        let id = try owner.first.map { try PostgresPositions($0).text(0) } ?? "?"
        throw StoreError.duplicate(key: key, existingInstance: id)
      }
      try await Self.index(instance.id, InstanceIndex.entries(instance.fields), connection, logger)
      try await Self.append(history, outbox, connection, logger)
    }
  }

  public func commit(_ commit: InstanceCommit) async throws(StoreError) {
    let logger = logger
    try await transaction { connection in try await Self.apply(commit, connection, logger) }
  }

  public func snapshot(_ request: SnapshotRequest) async throws(StoreError) -> StoreSnapshot {
    let logger = logger
    let name = location.description
    return try await transaction { connection in
      try await PostgresSnapshotQueries(connection: connection, logger: logger).assemble(request, store: name)
    }
  }

  /// One read transaction, the decision, then one compare-and-swap write transaction (a
  /// concurrent writer makes the engine try again).
  public func decideAndWrite(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?
  ) async throws {
    if let commit = try decide(try await snapshot(request)) { try await self.commit(commit) }
  }

  /// Writes one commit inside a transaction: compare-and-swap, index, history, outbox.
  static func apply(_ commit: InstanceCommit, _ connection: PostgresConnection, _ logger: Logger) async throws {
    let id = commit.instance.id
    var update = StoreWrites.updateInstance(commit)
    update.sql += " RETURNING id"
    guard try await !update.run(connection, logger).isEmpty else {
      let current = try await SQLStatement(StoreWrites.revisionOf, [.text(id)]).run(connection, logger)
      let actual = try current.first.map { try PostgresPositions($0).integer(0) }.map(Int.init)
      throw StoreError.revisionMismatch(instance: id, expected: commit.expectedRevision, actual: actual)
    }
    if let entries = commit.index {
      try await SQLStatement(StoreSQL.deleteIndex, [.text(id)]).run(connection, logger)
      try await index(id, entries, connection, logger)
    }
    try await StoreWrites.taskLease(commit.taskLease, of: id)?.run(connection, logger)
    for statement in StoreWrites.timers(commit.timers, of: id) { try await statement.run(connection, logger) }
    try await append(commit.history, commit.outbox, connection, logger)
  }

  static func append(
    _ history: HistoryEntry, _ outbox: [OutboxEntry], _ connection: PostgresConnection, _ logger: Logger
  ) async throws {
    try await StoreWrites.insertHistory(history).run(connection, logger)
    for entry in outbox { try await StoreWrites.insertOutbox(entry).run(connection, logger) }
  }

  /// Positional values for a shared statement.
  static func binds(_ values: [String]) -> PostgresBindings {
    var binds = PostgresBindings()
    for value in values { binds.append(value) }
    return binds
  }

  /// Records an instance's indexed field values.
  static func index(
    _ id: String, _ entries: [InstanceIndex.Entry], _ connection: PostgresConnection, _ logger: Logger
  ) async throws {
    for entry in entries {
      try await connection.query(
        PostgresQuery(
          unsafeSQL: StoreSQL.postgres(StoreSQL.insertIndex), binds: binds([entry.field, entry.value, id])),
        logger: logger)
    }
  }

  public func claimTask(_ id: String, revision: Int, until: Date, now: Date, force: Bool) async throws(StoreError)
    -> TaskClaim
  {
    let logger = logger
    return try await transaction { connection -> TaskClaim in
      // FOR UPDATE: two processes resuming at once take turns, and the second sees the claim.
      let current = try await SQLStatement(StoreWrites.revisionOf + " FOR UPDATE", [.text(id)]).run(connection, logger)
      guard try current.first.map({ try PostgresPositions($0).integer(0) }) == Int64(revision) else { return .moved }
      let lease = try await SQLStatement(StoreSQL.taskLease, [.text(id)]).run(connection, logger)
      if let held = try lease.first.map({ try PostgresPositions($0).integer(0) }), held > Timestamp.milliseconds(now),
        !force
      {
        return .held(until: Timestamp.date(milliseconds: held))
      }
      try await StoreWrites.taskLease(.claim(until: until), of: id)?.run(connection, logger)
      return .claimed
    }
  }

  public func instance(_ id: String) async throws(StoreError) -> Instance? {
    try await rows(
      SQLStatement("SELECT \(StoreRows.instanceColumns) FROM instances WHERE id = ?", [.text(id)]).postgres
    )
    .first.map { row throws(StoreError) in try Self.instance(row) }
  }

  public func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance] {
    let (fields, rest) = query.indexedConditions
    let select = InstanceQuerySQL(
      columns: StoreRows.instanceColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: ", "), workflow: query.workflow, states: query.states, fields: fields,
      limit: rest ? nil : query.limit)
    var binds = PostgresBindings()
    for argument in select.arguments {
      switch argument {
      case .text(let text): binds.append(text)
      case .integer(let number): binds.append(Int64(number))
      }
    }
    let rows = try await self.rows(PostgresQuery(unsafeSQL: StoreSQL.postgres(select.sql), binds: binds))
    return query.select(try rows.map { row throws(StoreError) in try Self.instance(row) })
  }

  static func instance(_ row: PostgresRow) throws(StoreError) -> Instance {
    try StoreRows.instance(PostgresPositions(row))
  }

  public func history(of id: String, last: Int?) async throws(StoreError) -> [HistoryEntry] {
    try await rows(StoreSQL.history(of: id, last: last).postgres).map { row throws(StoreError) in
      try Self.historyEntry(row)
    }
  }

  static func historyEntry(_ row: PostgresRow) throws(StoreError) -> HistoryEntry {
    try StoreRows.history(PostgresPositions(row))
  }
}
