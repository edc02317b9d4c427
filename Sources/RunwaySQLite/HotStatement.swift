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

  /// The statement prepared for `hot` on `db` (once per connection).
  func statement(_ hot: HotStatement, _ db: Database) throws -> Statement {
    if hot.slot < prepared.count, let statement = prepared[hot.slot] { return statement }
    let statement = try db.cachedStatement(sql: hot.sql)
    if hot.slot >= prepared.count { prepared += Array(repeating: nil, count: hot.slot - prepared.count + 1) }
    prepared[hot.slot] = statement
    return statement
  }
}
