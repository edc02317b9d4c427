import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

/// The SQLite layout of timers (schema v9). The table `timers` is keyed in claim order
/// (due_at, instance_id, state, event), with no other index; each instance's timers are also
/// kept in its head row (`journal.timers`, JSON), where a transition reads them beside the
/// instance and finds the rows it replaces by their keys. A fired timer's commit so writes one
/// page of `timers`, next to the one the previous timer's commit wrote, instead of a page of
/// the table and one of its claim-order index (docs/benchmarks.md, W8).
enum SQLiteTimers {
  /// Timers due at the first value and not claimed past the second, earliest first.
  static let due = HotStatement(
    """
    SELECT \(StoreSQL.timerColumns) FROM timers WHERE due_at <= ? AND claimed_until <= ?
    ORDER BY due_at, instance_id, state, event LIMIT ?
    """)
  static let claim = HotStatement(
    "UPDATE timers SET claimed_until = ? WHERE due_at = ? AND instance_id = ? AND state = ? AND event = ?")
  static let running = """
    SELECT \(StoreSQL.timerColumns) FROM timers WHERE due_at < ?
    ORDER BY due_at, instance_id, state, event LIMIT ?
    """
  static let drop =
    "DELETE FROM timers WHERE due_at = ? AND instance_id = ? AND state = ? AND event = ? AND revision = ?"
  private static let delete = HotStatement(
    "DELETE FROM timers WHERE due_at = ? AND instance_id = ? AND state = ? AND event = ?")
  private static let insert = HotStatement(StoreSQL.insertTimer)
  private static let ofHead = HotStatement(
    "SELECT timers FROM journal WHERE instance_id = ? AND revision = \(SQLiteJournal.head)")
  private static let setOfHead = HotStatement(
    "UPDATE journal SET timers = ? WHERE instance_id = ? AND revision = \(SQLiteJournal.head)")

  /// The key of `timer`'s row: due_at (`StoreSQL.never` when paused), instance, state, event.
  static func key(_ timer: ScheduledTimer) -> [SQLValue] {
    [.integer(StoreWrites.dueAt(timer)), .text(timer.instanceID), .text(timer.state), .text(timer.event)]
  }

  /// The timers instance `id`'s head row keeps (none when it has no head).
  static func of(_ id: String, _ db: Database, _ statements: HotStatements) throws -> [ScheduledTimer] {
    let text = try BoundStatement(db, ofHead, in: statements, values: [.text(id)]).first { row in
      try row.optionalText(0)
    }
    return try decode(text ?? nil, of: id)
  }

  /// Replaces the rows of the timers `old` with those of `timers` (the head's list is written
  /// by the head's update, `SQLiteJournal.updateHead`).
  static func replaceRows(
    _ old: [ScheduledTimer], with timers: [ScheduledTimer], _ db: Database, _ statements: HotStatements
  ) throws {
    guard old != timers else { return }
    for timer in old { try BoundStatement(db, delete, in: statements, values: key(timer)).run() }
    for timer in timers {
      try BoundStatement(db, insert, in: statements, values: StoreWrites.insertTimerValues(timer)).run()
    }
  }

  /// Removes `timer` from its instance's head list (its row is gone).
  static func forget(_ timer: ScheduledTimer, _ db: Database, _ statements: HotStatements) throws {
    let kept = try of(timer.instanceID, db, statements).filter { $0 != timer }
    try BoundStatement(
      db, setOfHead, in: statements, values: [.text(encode(kept)), .text(timer.instanceID)]
    ).run()
  }

  /// The head's list as JSON, `[[state, event, revision, due_at, remaining], …]` with the
  /// row's own numbers (nil when there are none). The migration to v9 writes the same form.
  static func encode(_ timers: [ScheduledTimer]) -> String? {
    guard !timers.isEmpty else { return nil }
    return JSONText.encode(
      .list(
        timers.map { timer in
          let values = StoreWrites.insertTimerValues(timer)
          return .list(
            values.dropFirst().map { value in
              switch value {
              case .text(let text): return text.map(Value.string) ?? .null
              case .integer(let number): return .int(Int(number))
              case .utf8(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
              }
            })
        }))
  }

  static func decode(_ text: String?, of id: String) throws(StoreError) -> [ScheduledTimer] {
    guard let text else { return [] }
    guard case .list(let items) = try? JSONValueReader.read(text) else {
      throw .corrupt("the timers of \(id) cannot be read back: \(text.prefix(80))")
    }
    return try items.map { item throws(StoreError) in
      guard case .list(let values) = item, values.count == 5 else {
        throw .corrupt("the timers of \(id) cannot be read back: \(text.prefix(80))")
      }
      return try StoreRows.timer(HeadTimerRow(instanceID: id, values: values))
    }
  }
}

/// One timer of a head's list read as the row `StoreRows.timer` maps: the instance's id, then
/// the list's values.
private struct HeadTimerRow: SQLRow {
  var instanceID: String
  var values: [Value]

  func text(_ index: Int) throws(StoreError) -> String {
    guard let text = try optionalText(index) else { throw .corrupt("a timer of \(instanceID) has no text at \(index)") }
    return text
  }

  func optionalText(_ index: Int) throws(StoreError) -> String? {
    if index == 0 { return instanceID }
    guard case .string(let text) = values[index - 1] else { return nil }
    return text
  }

  func integer(_ index: Int) throws(StoreError) -> Int64 {
    guard index > 0, case .int(let number) = values[index - 1] else {
      throw .corrupt("a timer of \(instanceID) has no number at \(index)")
    }
    return Int64(number)
  }
}
