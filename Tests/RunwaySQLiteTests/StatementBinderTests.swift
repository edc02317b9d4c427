import Foundation
import GRDB
import RunwayEngine
import Testing

@testable import RunwaySQLite

/// The store's hot statements bind their values straight into a buffer kept with the prepared
/// statement (`StatementBinder`): every kind of value reads back as bound, a longer text than
/// the buffer held grows it, and a binding that does not match its statement is refused with
/// nothing written.
@Suite("SQLite statement binder")
struct StatementBinderTests {
  static let insert = HotStatement("INSERT INTO t (a, b, c, d, e) VALUES (?, ?, ?, ?, ?)")

  /// A real file with an empty table `t` and the connection's hot statements.
  static func table() throws -> (DatabaseQueue, HotStatements) {
    let queue = try DatabaseQueue(path: try SQLiteFileTests.path())
    try queue.write { db in try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c INTEGER, d TEXT, e TEXT)") }
    return (queue, HotStatements())
  }

  /// Binds the five columns, `announced` bytes of text in all (nil: what they hold).
  static func insert(
    _ a: String, _ b: [UInt8], _ c: Int64, _ d: String?, _ e: String, announced: Int? = nil,
    _ db: Database, _ statements: HotStatements
  ) throws {
    let bytes = a.utf8.count + b.count + (d?.utf8.count ?? 0) + e.utf8.count
    try BoundStatement(db, insert, in: statements, textBytes: announced ?? bytes) { values in
      values.text(a)
      values.utf8(b)
      values.integer(c)
      values.text(d)
      values.text(e)
    }.run()
  }

  static func rows(_ queue: DatabaseQueue) throws -> [[DatabaseValue]] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT a, b, c, d, e FROM t ORDER BY rowid").map { row in
        (0..<5).map { row[$0] as DatabaseValue }
      }
    }
  }

  @Test func everyKindOfValueReadsBackAsBound() throws {
    let (queue, statements) = try Self.table()
    try queue.writeWithoutTransaction { db in
      try Self.insert("Bücher ✓", Array(#"{"testers":["u-1"]}"#.utf8), -42, nil, "", db, statements)
    }
    let rows = try Self.rows(queue)
    #expect(rows.count == 1)
    #expect(rows.first?[0] == "Bücher ✓".databaseValue)
    #expect(rows.first?[1] == #"{"testers":["u-1"]}"#.databaseValue)
    #expect(rows.first?[2] == Int64(-42).databaseValue)
    #expect(rows.first?[3] == .null)
    // An empty text stays a text, not NULL.
    #expect(rows.first?[4] == "".databaseValue)
  }

  @Test func aLongerTextThanTheBufferHeldGrowsItAndEveryRowKeepsItsOwn() throws {
    let (queue, statements) = try Self.table()
    let long = String(repeating: "x", count: 20_000) + "end"
    try queue.writeWithoutTransaction { db in
      try Self.insert("short", [], 1, "one", "a", db, statements)
      try Self.insert(long, Array(long.utf8), 2, long, "b", db, statements)
      try Self.insert("short again", Array("s".utf8), 3, nil, "c", db, statements)
    }
    let rows = try Self.rows(queue)
    #expect(rows.map { String.fromDatabaseValue($0[0]) } == ["short", long, "short again"])
    #expect(rows.map { String.fromDatabaseValue($0[1]) } == ["", long, "s"])
    #expect(rows.map { String.fromDatabaseValue($0[3]) } == ["one", long, nil])
    #expect(rows.map { String.fromDatabaseValue($0[4]) } == ["a", "b", "c"])
  }

  /// None announced (no buffer at all), or fewer than the texts hold.
  @Test(arguments: [0, 4])
  func moreTextThanAnnouncedIsRefusedAndWritesNothing(announced: Int) throws {
    let (queue, statements) = try Self.table()
    #expect(throws: DatabaseError.self) {
      try queue.writeWithoutTransaction { db in
        try Self.insert("abc", Array("defgh".utf8), 1, "ij", "k", announced: announced, db, statements)
      }
    }
    #expect(try Self.rows(queue).isEmpty)
  }

  @Test func fewerValuesThanPlaceholdersIsRefusedAndWritesNothing() throws {
    let (queue, statements) = try Self.table()
    #expect(throws: StoreError.self) {
      try queue.writeWithoutTransaction { db in
        try BoundStatement(db, Self.insert, in: statements, textBytes: 1) { values in
          values.text("a")
          values.integer(1)
        }.run()
      }
    }
    #expect(try Self.rows(queue).isEmpty)
  }
}
