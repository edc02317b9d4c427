import GRDB
import Synchronization

/// A statement SQLite runs on every transition (begin, commit, the instance's read, the
/// head's update, the history row), found on a connection by its slot. GRDB's cache finds a
/// statement by hashing its SQL text, a few hundred bytes, five times per transition
/// (docs/benchmarks.md, W4).
final class HotStatement: Sendable {
  /// The statement's SQL, in SQLite's dialect.
  let sql: String
  /// Its place in every connection's `HotStatements`.
  let slot: Int

  private static let slots = Atomic<Int>(0)

  init(_ sql: String) {
    self.sql = sql
    slot = Self.slots.wrappingAdd(1, ordering: .relaxed).oldValue
  }
}

/// The hot statements one connection prepared, by slot. Used only inside the store's
/// serial database queue, which is what makes the unchecked sendability sound.
final class HotStatements: @unchecked Sendable {
  private var prepared: [Statement?] = []
  /// Per slot, the buffer its statement's texts are bound from (grown when a value needs more).
  private var buffers: [BoundTexts?] = []

  /// The statement prepared for `hot` on `db` (once per connection).
  func statement(_ hot: HotStatement, _ db: Database) throws -> Statement {
    if hot.slot < prepared.count, let statement = prepared[hot.slot] { return statement }
    let statement = try db.cachedStatement(sql: hot.sql)
    if hot.slot >= prepared.count {
      prepared += Array(repeating: nil, count: hot.slot - prepared.count + 1)
      buffers += Array(repeating: nil, count: hot.slot - buffers.count + 1)
    }
    prepared[hot.slot] = statement
    return statement
  }

  /// The statement prepared for `hot`, with a buffer of at least `textBytes` bytes to bind its
  /// texts from (nil when there are none). The buffer is the statement's alone: a statement is
  /// bound again only once it is done with its previous values.
  func statement(_ hot: HotStatement, _ db: Database, textBytes: Int) throws -> (Statement, BoundTexts?) {
    let statement = try statement(hot, db)
    guard textBytes > 0 else { return (statement, nil) }
    if let buffer = buffers[hot.slot], buffer.room >= textBytes { return (statement, buffer) }
    // Room for the next few values that are a little longer, so it is rarely grown again.
    let buffer = BoundTexts.holding(textBytes + textBytes / 2 + 64)
    buffers[hot.slot] = buffer
    return (statement, buffer)
  }
}
