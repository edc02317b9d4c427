import Foundation
import RunwayEngine
import RunwayModel

/// A value bound to a `?` placeholder, the same way on both database stores.
public enum SQLValue: Sendable, Hashable {
  case text(String?)
  case integer(Int64)
  /// Text given as its UTF-8 bytes, as a JSON writer made them: bound without a `String`
  /// made of them first (an allocation and a copy on every transition, docs/benchmarks.md, W4).
  case utf8([UInt8])

  public static func integer(_ value: Int) -> SQLValue { .integer(Int64(value)) }
  public static func milliseconds(_ date: Date) -> SQLValue { .integer(Timestamp.milliseconds(date)) }
}

/// A statement with its values.
public struct SQLStatement: Sendable, Hashable {
  public var sql: String
  public var values: [SQLValue]
  public init(_ sql: String, _ values: [SQLValue]) {
    self.sql = sql
    self.values = values
  }
}

/// A row read back by column position; each backend's row type conforms.
public protocol SQLRow {
  func text(_ index: Int) throws(StoreError) -> String
  func optionalText(_ index: Int) throws(StoreError) -> String?
  func integer(_ index: Int) throws(StoreError) -> Int64
}

extension SQLRow {
  func int(_ index: Int) throws(StoreError) -> Int { Int(try integer(index)) }
  func date(_ index: Int) throws(StoreError) -> Date { Timestamp.date(milliseconds: try integer(index)) }
}

/// The columns both stores select, and how a row of them becomes a value: the mapping is
/// written once (docs/deployment.md).
public enum StoreRows {
  public static let instanceColumns =
    "id, workflow, definition_digest, state, revision, fields, initiator, created_at, updated_at"

  public static func instance(_ row: some SQLRow) throws(StoreError) -> Instance {
    Instance(
      id: try row.text(0), workflow: try row.text(1), definitionDigest: try row.text(2), state: try row.text(3),
      revision: try row.int(4), fields: try StoredValueCoding.decode(try row.text(5)), initiator: try row.text(6),
      createdAt: try row.date(7), updatedAt: try row.date(8))
  }

  public static let historyColumns = "instance_id, revision, event, from_state, to_state, actor, at, params, note"

  public static func history(_ row: some SQLRow) throws(StoreError) -> HistoryEntry {
    HistoryEntry(
      instanceID: try row.text(0), revision: try row.int(1), event: try row.text(2), from: try row.optionalText(3),
      to: try row.text(4), actor: try row.text(5), at: try row.date(6),
      params: try StoredValueCoding.decode(try row.text(7)), note: try row.optionalText(8))
  }

  public static let outboxColumns = """
    delivery_id, instance_id, revision, notification, recipients, subject, body, payload, created_at, status, \
    attempts, next_attempt_at, last_error
    """

  public static func notification(_ row: some SQLRow) throws(StoreError) -> OutboxEntry {
    let id = try row.text(0)
    guard let recipients = OutboxEntry.recipients(fromJSON: try row.text(4)),
      let status = OutboxEntry.Status(rawValue: try row.text(9))
    else { throw .corrupt("the outbox entry \(id) cannot be read back") }
    return OutboxEntry(
      deliveryID: id, instanceID: try row.text(1), revision: try row.int(2), notification: try row.text(3),
      recipients: recipients, subject: try row.text(5), body: try row.text(6), payload: try row.text(7),
      createdAt: try row.date(8), status: status, attempts: try row.int(10), nextAttemptAt: try row.date(11),
      lastError: try row.optionalText(12))
  }

  public static let definitionColumns = "digest, workflow, definition_json, source_path, source_text, stored_at"

  public static func definition(_ row: some SQLRow) throws(StoreError) -> StoredDefinition {
    StoredDefinition(
      digest: try row.text(0), workflow: try row.text(1), definitionJSON: try row.text(2),
      sourcePath: try row.text(3), sourceText: try row.text(4), storedAt: try row.date(5))
  }

  public static func setting(_ row: some SQLRow) throws(StoreError) -> SettingValue {
    let scope = try row.text(1)
    return SettingValue(
      key: try row.text(0), scope: scope.isEmpty ? nil : scope,
      value: try StoredValueCoding.decode(try row.text(2))["value"] ?? .null)
  }

  public static func audit(_ row: some SQLRow) throws(StoreError) -> AuditEntry {
    AuditEntry(operation: try row.text(0), actor: try row.text(1), at: try row.date(2), summary: try row.text(3))
  }

  /// A console session, by the positions `StoreSQL.consoleSessionByHash` selects.
  public static func consoleSession(_ row: some SQLRow) throws(StoreError) -> ConsoleSession {
    ConsoleSession(
      idHash: try row.text(0), tokenID: try row.text(1), actor: try row.text(2), csrf: try row.text(3),
      expiresAt: try row.date(4))
  }
}

/// The writes both stores make, as statements.
public enum StoreWrites {
  /// Opening a console session, in one transaction: expired sessions forgotten, the new one
  /// kept, its token's sessions past `limit` dropped (`ConsoleSessionStore`).
  public static func openConsoleSession(_ session: ConsoleSession, now: Date, limit: Int) -> [SQLStatement] {
    [
      SQLStatement(StoreSQL.deleteExpiredConsoleSessions, [.milliseconds(now)]),
      SQLStatement(
        StoreSQL.insertConsoleSession,
        [
          .text(session.idHash), .text(session.tokenID), .text(session.actor), .text(session.csrf),
          .milliseconds(session.expiresAt),
        ]),
      SQLStatement(
        StoreSQL.deleteConsoleSessionsPastLimit,
        [.text(session.tokenID), .text(session.tokenID), .integer(max(limit, 0))]),
    ]
  }

  public static func insertInstance(_ instance: Instance, position: String) -> SQLStatement {
    SQLStatement(
      """
      INSERT INTO instances (\(StoreRows.instanceColumns), position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \(position))
      """,
      [
        .text(instance.id), .text(instance.workflow), .text(instance.definitionDigest), .text(instance.state),
        .integer(instance.revision), .text(StoredValueCoding.encode(instance.fields)), .text(instance.initiator),
        .milliseconds(instance.createdAt), .milliseconds(instance.updatedAt),
      ])
  }

  /// The compare-and-swap: it changes one row only if the stored revision is the expected one.
  /// A transition that stays in its state leaves `state` alone, so no index entry moves.
  public static func updateInstance(_ commit: InstanceCommit) -> SQLStatement {
    // Both texts written once: a statement's text is its cache key, built on every commit otherwise.
    SQLStatement(commit.staysInState ? updateInPlace : updateAndMove, updateValues(commit))
  }

  /// The values of the compare-and-swap, in the order its statements take them: digest,
  /// revision, fields, time, the state unless it stays, then the id and the expected revision.
  private static func updateValues(_ commit: InstanceCommit) -> [SQLValue] {
    let instance = commit.instance
    var values: [SQLValue] = [
      .text(instance.definitionDigest), .integer(instance.revision), .text(StoredValueCoding.encode(instance.fields)),
      .milliseconds(instance.updatedAt),
    ]
    values.reserveCapacity(7)
    if !commit.staysInState { values.append(.text(instance.state)) }
    values.append(.text(instance.id))
    values.append(.integer(commit.expectedRevision))
    return values
  }

  private static let updateInPlace = """
    UPDATE instances SET definition_digest = ?, revision = ?, fields = ?, updated_at = ?
    WHERE id = ? AND revision = ?
    """
  private static let updateAndMove = """
    UPDATE instances SET definition_digest = ?, revision = ?, fields = ?, updated_at = ?, state = ?
    WHERE id = ? AND revision = ?
    """

  public static let revisionOf = "SELECT revision FROM instances WHERE id = ?"

  private static let insertHistorySQL =
    "INSERT INTO history (\(StoreRows.historyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"

  public static func insertHistory(_ entry: HistoryEntry) -> SQLStatement {
    SQLStatement(
      insertHistorySQL,
      [
        .text(entry.instanceID), .integer(entry.revision), .text(entry.event), .text(entry.from), .text(entry.to),
        .text(entry.actor), .milliseconds(entry.at), .text(StoredValueCoding.encode(entry.params)), .text(entry.note),
      ])
  }

  /// The outbox entry with one delivery id (its key).
  public static let notificationByID = "SELECT \(StoreRows.outboxColumns) FROM outbox WHERE delivery_id = ?"

  private static let insertOutboxSQL =
    "INSERT INTO outbox (\(StoreRows.outboxColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

  public static func insertOutbox(_ entry: OutboxEntry) -> SQLStatement {
    SQLStatement(
      insertOutboxSQL,
      [
        .text(entry.deliveryID), .text(entry.instanceID), .integer(entry.revision), .text(entry.notification),
        .text(entry.recipientsJSON), .text(entry.subject), .text(entry.body), .text(entry.payload),
        .milliseconds(entry.createdAt), .text(entry.status.rawValue), .integer(entry.attempts),
        .milliseconds(entry.nextAttemptAt), .text(entry.lastError),
      ])
  }

  public static func updateNotification(_ entry: OutboxEntry) -> SQLStatement {
    SQLStatement(
      "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE delivery_id = ?",
      [
        .text(entry.status.rawValue), .integer(entry.attempts), .milliseconds(entry.nextAttemptAt),
        .text(entry.lastError), .text(entry.deliveryID),
      ])
  }

  public static func insertUniqueKey(_ key: String, _ instance: String) -> SQLStatement {
    SQLStatement(
      "INSERT INTO unique_keys (key, instance_id) VALUES (?, ?) ON CONFLICT (key) DO NOTHING RETURNING key",
      [
        .text(key), .text(instance),
      ])
  }

  public static let uniqueKeyOwner = "SELECT instance_id FROM unique_keys WHERE key = ?"

  /// The statement that carries out a commit's change of its task claim, if any.
  public static func taskLease(_ change: TaskLeaseChange, of id: String) -> SQLStatement? {
    switch change {
    case .unchanged: return nil
    case .claim(let until): return SQLStatement(StoreSQL.upsertTaskLease, [.text(id), .milliseconds(until)])
    case .release: return SQLStatement(StoreSQL.deleteTaskLease, [.text(id)])
    }
  }

  public static func insertAudit(_ audit: AuditEntry) -> SQLStatement {
    SQLStatement(
      StoreSQL.insertAudit, [.text(audit.operation), .text(audit.actor), .milliseconds(audit.at), .text(audit.summary)])
  }
}
