import Foundation
import PostgresNIO
import RunwayEngine
import RunwayModel

extension PostgresInstanceStore {
  public func create(_ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry])
    async throws(StoreError)
  {
    try await transaction { connection in
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
      try await Self.append(history, outbox, connection, logger)
    }
  }

  public func commit(_ instance: Instance, expectedRevision: Int, history: HistoryEntry, outbox: [OutboxEntry])
    async throws(StoreError)
  {
    try await transaction { connection in
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
      try await Self.append(history, outbox, connection, logger)
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
    let rows: [PostgresRow]
    if let workflow = query.workflow {
      rows = try await self.rows("SELECT * FROM instances WHERE workflow = \(workflow) ORDER BY position")
    } else {
      rows = try await self.rows("SELECT * FROM instances ORDER BY position")
    }
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
      let c = PostgresColumns(row)
      return HistoryEntry(
        instanceID: try c.string("instance_id"), revision: try c.int("revision"), event: try c.string("event"),
        from: try c.optionalString("from_state"), to: try c.string("to_state"), actor: try c.string("actor"),
        at: Timestamp.date(milliseconds: try c.int64("at")),
        params: try StoredValueCoding.decode(try c.string("params")),
        note: try c.optionalString("note"))
    }
  }
}
