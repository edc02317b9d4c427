import Foundation
import GRDB
import RunwayEngine
import RunwayModel

extension SQLiteInstanceStore {
  public func create(
    _ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry]
  ) async throws(StoreError) {
    try write { db in
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
      try Self.append(history, outbox, db)
    }
  }

  public func commit(
    _ instance: Instance, expectedRevision: Int, history: HistoryEntry, outbox: [OutboxEntry]
  ) async throws(StoreError) {
    try write { db in
      // Cached statements: these run on every transition, so each is prepared once per connection.
      // A transition that stays in its state leaves `state` out of the SET list, so SQLite does
      // not rewrite the instance's entry in instances_by_workflow_state (one page fewer).
      let stays = history.from == history.to
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
      try Self.append(history, outbox, db)
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
    var conditions: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let workflow = query.workflow {
      conditions.append("workflow = ?")
      arguments.append(workflow)
    }
    if let states = query.states {
      conditions.append("state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
      arguments += states.sorted()
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let rows = try read { db in
      try Row.fetchAll(
        db, sql: "SELECT \(Self.instanceColumns) FROM instances \(filter) ORDER BY position",
        arguments: StatementArguments(arguments))
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
        db, sql: "SELECT * FROM history WHERE instance_id = ? ORDER BY revision", arguments: [id])
    }
    var entries: [HistoryEntry] = []
    for row in rows {
      entries.append(
        HistoryEntry(
          instanceID: row["instance_id"], revision: row["revision"], event: row["event"],
          from: row["from_state"], to: row["to_state"], actor: row["actor"],
          at: Timestamp.date(milliseconds: row["at"]), params: try StoredValueCoding.decode(row["params"]),
          note: row["note"]))
    }
    return entries
  }
}
