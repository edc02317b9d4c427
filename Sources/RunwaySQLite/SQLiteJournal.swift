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

  /// The compare-and-swap on the head: it changes the row only at the expected revision.
  /// A transition that stays in its state leaves `state` alone, so no index entry moves.
  static func updateHead(_ commit: InstanceCommit) -> SQLStatement {
    SQLStatement(commit.staysInState ? updateInPlace : updateAndMove, StoreWrites.updateValues(commit))
  }

  private static let updateInPlace = """
    UPDATE journal SET definition_digest = ?, head_revision = ?, fields = ?, updated_at = ?
    WHERE instance_id = ? AND revision = \(head) AND head_revision = ?
    """
  private static let updateAndMove = """
    UPDATE journal SET definition_digest = ?, head_revision = ?, fields = ?, updated_at = ?, state = ?
    WHERE instance_id = ? AND revision = \(head) AND head_revision = ?
    """

  private static let insertHistorySQL = """
    INSERT INTO journal (instance_id, revision, event, from_state, to_state, actor, at, params, note)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  static func insertHistory(_ entry: HistoryEntry) -> SQLStatement {
    SQLStatement(
      insertHistorySQL,
      [
        .text(entry.instanceID), .integer(entry.revision), .text(entry.event), .text(entry.from), .text(entry.to),
        .text(entry.actor), .milliseconds(entry.at), .text(StoredValueCoding.encode(entry.params)), .text(entry.note),
      ])
  }
}
