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
    try await transaction { connection in
      if let definition { try await connection.query(Self.saving(definition), logger: logger) }
      try await connection.query(
        """
        INSERT INTO instances (id, workflow, definition_digest, state, revision, fields, initiator, created_at, updated_at)
        VALUES (\(instance.id), \(instance.workflow), \(instance.definitionDigest), \(instance.state),
          \(Int32(instance.revision)), \(StoredValueCoding.encode(instance.fields)), \(instance.initiator),
          \(Timestamp.milliseconds(instance.createdAt)), \(Timestamp.milliseconds(instance.updatedAt)))
        """, logger: logger)
      for key in uniqueKeys {
        // A concurrent create holding the same key makes this wait for it, then see it.
        let taken = try await Self.all(
          connection.query(
            """
            INSERT INTO unique_keys (key, instance_id) VALUES (\(key), \(instance.id))
            ON CONFLICT (key) DO NOTHING RETURNING key
            """, logger: logger))
        if taken.isEmpty {
          let existing = try await Self.all(
            connection.query("SELECT instance_id FROM unique_keys WHERE key = \(key)", logger: logger))
          let id = try existing.first.map { try PostgresColumns($0).string("instance_id") } ?? "?"
          throw StoreError.duplicate(key: key, existingInstance: id)
        }
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
  public func update<T: Sendable>(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> StoreDecision<T>
  ) async throws -> T {
    let decision = try decide(try await snapshot(request))
    if let commit = decision.commit { try await self.commit(commit) }
    return decision.result
  }

  /// Writes one commit inside a transaction: compare-and-swap, index, history, outbox.
  static func apply(_ commit: InstanceCommit, _ connection: PostgresConnection, _ logger: Logger) async throws {
      let instance = commit.instance
      let expectedRevision = commit.expectedRevision
      let history = commit.history
      let outbox = commit.outbox
      let updated = try await Self.all(
        connection.query(
          """
          UPDATE instances SET definition_digest = \(instance.definitionDigest), state = \(instance.state),
            revision = \(Int32(instance.revision)), fields = \(StoredValueCoding.encode(instance.fields)),
            updated_at = \(Timestamp.milliseconds(instance.updatedAt))
          WHERE id = \(instance.id) AND revision = \(Int32(expectedRevision)) RETURNING id
          """, logger: logger))
      guard !updated.isEmpty else {
        let current = try await Self.all(
          connection.query("SELECT revision FROM instances WHERE id = \(instance.id)", logger: logger))
        let actual = try current.first.map { try PostgresColumns($0).int("revision") }
        throw StoreError.revisionMismatch(instance: instance.id, expected: expectedRevision, actual: actual)
      }
      if let entries = commit.index {
        try await connection.query(
          PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.deleteIndex), binds: binds([instance.id])),
          logger: logger)
        try await index(instance.id, entries, connection, logger)
      }
      try await Self.append(history, outbox, connection, logger)
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
        PostgresQuery(unsafeSQL: StoreSQL.postgres(StoreSQL.insertIndex), binds: binds([entry.field, entry.value, id])),
        logger: logger)
    }
  }

  static func append(
    _ history: HistoryEntry, _ outbox: [OutboxEntry], _ connection: PostgresConnection, _ logger: Logger
  )
    async throws
  {
    try await connection.query(
      """
      INSERT INTO history (instance_id, revision, event, from_state, to_state, actor, at, params, note)
      VALUES (\(history.instanceID), \(Int32(history.revision)), \(history.event), \(history.from), \(history.to),
        \(history.actor), \(Timestamp.milliseconds(history.at)), \(StoredValueCoding.encode(history.params)), \(history.note))
      """, logger: logger)
    for entry in outbox {
      let recipients = entry.recipientsJSON
      try await connection.query(
        """
        INSERT INTO outbox (delivery_id, instance_id, revision, notification, recipients, subject, body, payload,
          created_at, status, attempts, next_attempt_at, last_error)
        VALUES (\(entry.deliveryID), \(entry.instanceID), \(Int32(entry.revision)), \(entry.notification), \(recipients),
          \(entry.subject), \(entry.body), \(entry.payload), \(Timestamp.milliseconds(entry.createdAt)),
          \(entry.status.rawValue), \(Int32(entry.attempts)), \(Timestamp.milliseconds(entry.nextAttemptAt)), \(entry.lastError))
        """, logger: logger)
    }
  }

  public func instance(_ id: String) async throws(StoreError) -> Instance? {
    try await rows("SELECT * FROM instances WHERE id = \(id)").first.map { row throws(StoreError) in
      try Self.instance(row)
    }
  }

  public func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance] {
    let (fields, rest) = query.indexedConditions
    let select = InstanceQuerySQL(
      columns: "i.*", workflow: query.workflow, states: query.states, fields: fields,
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
    let c = PostgresColumns(row)
    return Instance(
      id: try c.string("id"), workflow: try c.string("workflow"), definitionDigest: try c.string("definition_digest"),
      state: try c.string("state"), revision: try c.int("revision"),
      fields: try StoredValueCoding.decode(try c.string("fields")),
      initiator: try c.string("initiator"), createdAt: Timestamp.date(milliseconds: try c.int64("created_at")),
      updatedAt: Timestamp.date(milliseconds: try c.int64("updated_at")))
  }

  public func history(of id: String) async throws(StoreError) -> [HistoryEntry] {
    try await rows("SELECT * FROM history WHERE instance_id = \(id) ORDER BY revision").map { row throws(StoreError) in
      try Self.historyEntry(row)
    }
  }

  static func historyEntry(_ row: PostgresRow) throws(StoreError) -> HistoryEntry {
    let c = PostgresColumns(row)
    return HistoryEntry(
      instanceID: try c.string("instance_id"), revision: try c.int("revision"), event: try c.string("event"),
      from: try c.optionalString("from_state"), to: try c.string("to_state"), actor: try c.string("actor"),
      at: Timestamp.date(milliseconds: try c.int64("at")),
      params: try StoredValueCoding.decode(try c.string("params")),
      note: try c.optionalString("note"))
  }
}
