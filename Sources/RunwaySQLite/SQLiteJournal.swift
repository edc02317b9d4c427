import GRDB
import RunwayEngine
import RunwaySQL

/// The writes of the SQLite layout that keeps an instance's head and its history in one
/// b-tree (`journal`, schema v8): the head is the row at revision `head`, so it sorts just
/// after the newest history row and a transition usually writes one page (docs/benchmarks.md,
/// W4). Reads go through the `instances` and `history` views, as on PostgreSQL's tables.
enum SQLiteJournal {
  /// The revision key of an instance's head row.
  static let head = Int64.max

  static func insertHead(_ instance: Instance) -> SQLStatement {
    SQLStatement(
      """
      INSERT INTO journal (instance_id, revision, workflow, definition_digest, state, head_revision, fields,
        initiator, created_at, updated_at, position)
      VALUES (?, \(head), ?, ?, ?, ?, ?, ?, ?, ?, (SELECT IFNULL(MAX(position), 0) + 1 FROM instances))
      """,
      [
        .text(instance.id), .text(instance.workflow), .text(instance.definitionDigest), .text(instance.state),
        .integer(instance.revision), .text(StoredValueCoding.encode(instance.fields)), .text(instance.initiator),
        .milliseconds(instance.createdAt), .milliseconds(instance.updatedAt),
      ])
  }

  /// The compare-and-swap on the head, the fields written as `fields`: it changes the row only
  /// at the expected revision. A transition that stays in its state leaves `state` alone, so
  /// no index entry moves; one that keeps its definition leaves `definition_digest` alone, so
  /// SQLite does not look the digest up in `definitions` for its foreign key (docs/benchmarks.md, W4).
  /// A commit that replaces the timers writes their list (`timers`, `SQLiteTimers.encode`) too.
  static func updateHead(
    _ commit: InstanceCommit, fields: StoredFields, timers: String??, _ db: Database, _ statements: HotStatements
  ) throws -> BoundStatement {
    let instance = commit.instance
    return try BoundStatement(
      db, updates[form(commit, timers)], in: statements,
      textBytes: assignedBytes(commit, fields: fields, timers: timers) + instance.id.utf8.count
    ) { values in
      assign(commit, fields: fields, timers: timers, to: &values)
      values.text(instance.id)
      values.integer(commit.expectedRevision)
    }
  }

  /// The compare-and-swap on a head this store only remembers (`StoredInstanceCache`): it
  /// changes the row only while every column the remembered instance was read from, and its
  /// timers, hold what it remembers and the directory is still at `generation`, so a decision
  /// made on the remembered instance without reading the row is written only when that row is
  /// what it was decided on (docs/deployment.md, "What a command reads"). `timers` as in
  /// `updateHead`.
  static func updateRememberedHead(
    _ commit: InstanceCommit, fields: StoredFields, timers: String??, remembered: StoredInstanceCache.Entry,
    storedTimers: StoredInstanceCache.StoredTimers, generation: Int, _ db: Database, _ statements: HotStatements
  ) throws -> BoundStatement {
    let instance = commit.instance
    let before = remembered.instance
    let compared =
      before.state.utf8.count + before.definitionDigest.utf8.count + before.workflow.utf8.count
      + before.initiator.utf8.count
    let bytes =
      assignedBytes(commit, fields: fields, timers: timers) + instance.id.utf8.count + remembered.fieldsBytes.count
      + compared + (storedTimers.text?.utf8.count ?? 0)
    return try BoundStatement(db, rememberedUpdates[form(commit, timers)], in: statements, textBytes: bytes) {
      values in
      assign(commit, fields: fields, timers: timers, to: &values)
      values.text(instance.id)
      values.integer(commit.expectedRevision)
      values.utf8(remembered.fieldsBytes)
      values.text(before.state)
      values.text(before.definitionDigest)
      values.text(before.workflow)
      values.text(before.initiator)
      values.milliseconds(before.createdAt)
      values.milliseconds(before.updatedAt)
      values.text(storedTimers.text)
      values.integer(generation)
    }
  }

  /// Binds the values of the head update's SET clause (`assignments`).
  private static func assign(
    _ commit: InstanceCommit, fields: StoredFields, timers: String??, to values: inout StatementBinder
  ) {
    let instance = commit.instance
    values.integer(instance.revision)
    values.utf8(fields.bytes)
    values.milliseconds(instance.updatedAt)
    if !commit.staysInState { values.text(instance.state) }
    if !commit.keepsDefinition { values.text(instance.definitionDigest) }
    if let timers { values.text(timers) }
  }

  /// The bytes of the texts `assign` binds.
  private static func assignedBytes(_ commit: InstanceCommit, fields: StoredFields, timers: String??) -> Int {
    let instance = commit.instance
    return fields.bytes.count + (commit.staysInState ? 0 : instance.state.utf8.count)
      + (commit.keepsDefinition ? 0 : instance.definitionDigest.utf8.count) + ((timers ?? nil)?.utf8.count ?? 0)
  }

  /// The form of the head's update a commit takes (`assignments`).
  private static func form(_ commit: InstanceCommit, _ timers: String??) -> Int {
    (commit.staysInState ? 0 : 1) + (commit.keepsDefinition ? 0 : 2) + (timers == nil ? 0 : 4)
  }

  /// The SET clause of the head's update for `form`: (moves state) + 2 × (changes definition)
  /// + 4 × (replaces timers).
  private static func assignments(_ form: Int) -> String {
    let state = form & 1 == 0 ? "" : ", state = ?"
    let definition = form & 2 == 0 ? "" : ", definition_digest = ?"
    let timers = form & 4 == 0 ? "" : ", timers = ?"
    return "head_revision = ?, fields = ?, updated_at = ?\(state)\(definition)\(timers)"
  }

  /// The eight forms of the head's update, indexed as `assignments`' forms.
  private static let updates = (0..<8).map { form in
    HotStatement(
      """
      UPDATE journal SET \(assignments(form))
      WHERE instance_id = ? AND revision = \(head) AND head_revision = ?
      """)
  }

  /// The eight forms of the remembered head's update.
  private static let rememberedUpdates = (0..<8).map { form in
    HotStatement(
      """
      UPDATE journal SET \(assignments(form))
      WHERE instance_id = ? AND revision = \(head) AND head_revision = ? AND fields = ? AND state = ?
        AND definition_digest = ? AND workflow = ? AND initiator = ? AND created_at = ? AND updated_at = ?
        AND timers IS ? AND IFNULL((\(StoreSQL.generation)), 0) = ?
      """)
  }

  private static let insertHistoryStatement = HotStatement(
    """
    INSERT INTO journal (instance_id, revision, event, from_state, to_state, actor, at, params, note)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    """)

  static func insertHistory(_ entry: HistoryEntry, _ db: Database, _ statements: HotStatements) throws
    -> BoundStatement
  {
    let params = StoredValueCoding.encodedBytes(entry.params)
    // Summed one by one: a list of the texts would be a heap block on every transition.
    let bytes =
      entry.instanceID.utf8.count + entry.event.utf8.count + (entry.from?.utf8.count ?? 0) + entry.to.utf8.count
      + entry.actor.utf8.count + params.count + (entry.note?.utf8.count ?? 0)
    return try BoundStatement(db, insertHistoryStatement, in: statements, textBytes: bytes) { values in
      values.text(entry.instanceID)
      values.integer(entry.revision)
      values.text(entry.event)
      values.text(entry.from)
      values.text(entry.to)
      values.text(entry.actor)
      values.milliseconds(entry.at)
      values.utf8(params)
      values.text(entry.note)
    }
  }
}
