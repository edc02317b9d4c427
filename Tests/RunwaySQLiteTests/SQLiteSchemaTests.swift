import CSQLiteOptions
import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import Testing

@testable import RunwaySQLite

/// The schema's migrations on a real file: a database written by an older Runway keeps
/// everything when a newer one opens it.
@Suite("SQLite schema")
struct SQLiteSchemaTests {
  /// A version-1 file (history and outbox with rowids) opened by today's store: its rows read
  /// back, the tables are keyed (no rowid), and new transitions append after the old ones.
  @Test func aVersion1DatabaseKeepsItsHistoryAndOutbox() async throws {
    let path = try SQLiteFileTests.path()
    do {
      let queue = try DatabaseQueue(path: path)
      try SQLiteSchema.migrator.migrate(queue, upTo: "v1")
      try await queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO definitions VALUES ('d1', 'w', '{}', 'w.yaml', 'workflow: w', 0, 0);
            INSERT INTO instances VALUES ('r-1', 'w', 'd1', 'selected', 2, '{}', 'alice', 0, 2000, 1);
            INSERT INTO history VALUES ('r-1', 1, 'start', NULL, 'selected', 'alice', 1000, '{}', NULL);
            INSERT INTO history VALUES ('r-1', 2, 'e', 'selected', 'selected', 'alice', 2000, '{"n":2}', 'kept');
            INSERT INTO outbox VALUES ('r-1-2-mail', 'r-1', 2, 'mail', '[{"actor":"alice","email":"a@x.example"}]',
              's', 'b', '{}', 2000, 'pending', 0, 2000, NULL);
            """)
      }
    }
    let store = try SQLiteInstanceStore(path: path)
    let history = try await store.history(of: "r-1")
    #expect(history.map(\.revision) == [1, 2])
    #expect(history.last?.params == ["n": .int(2)])
    #expect(history.last?.note == "kept")
    let outbox = try await store.notifications(statuses: nil)
    #expect(outbox.map(\.deliveryID) == ["r-1-2-mail"])
    #expect(outbox.first?.recipients == [OutboxEntry.Recipient(actor: "alice", email: "a@x.example")])
    try store.read { db in
      #expect(throws: DatabaseError.self) { try Row.fetchAll(db, sql: "SELECT rowid FROM history") }
      #expect(throws: DatabaseError.self) { try Row.fetchAll(db, sql: "SELECT rowid FROM outbox") }
    }

    // A transition that changes state after the migration: found by its new state.
    var next = try #require(try await store.instance("r-1"))
    next.revision = 3
    next.state = "done"
    try await store.commit(
      next, expectedRevision: 2,
      history: HistoryEntry(
        instanceID: "r-1", revision: 3, event: "finish", from: "selected", to: "done", actor: "alice",
        at: Date(timeIntervalSince1970: 3), params: [:]),
      outbox: [])
    #expect(try await store.history(of: "r-1").map(\.revision) == [1, 2, 3])
    #expect(try await store.instances(matching: InstanceQuery(states: ["done"])).map(\.id) == ["r-1"])
    #expect(try await store.instances(matching: InstanceQuery(states: ["selected"])).isEmpty)
  }

  /// A file at the current schema is told so by its recorded migrations (GRDB's migrator is
  /// then not run); one behind, or with another set of migrations, is not.
  @Test func theRecordedMigrationsTellACurrentFile() throws {
    let path = try SQLiteFileTests.path()
    let queue = try DatabaseQueue(path: path)
    let all = SQLiteSchema.migrator.migrations
    func recorded(_ names: [String]) -> Int32 {
      queue.inDatabase { runway_sqlite_migrations_are($0.sqliteConnection, names.map { $0 + "\n" }.joined()) }
    }
    #expect(recorded(all) == 0, "no table yet")
    try SQLiteSchema.migrator.migrate(queue, upTo: "v1")
    #expect(recorded(["v1"]) == 1)
    #expect(recorded(all) == 0, "only v1 applied")
    try SQLiteSchema.migrate(queue)
    #expect(
      try queue.inDatabase { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }.sorted()
        == all.sorted())
    #expect(recorded(all) == 1)
    #expect(recorded(all.reversed()) == 1, "order does not matter")
    #expect(recorded(Array(all.dropLast())) == 0, "one missing from the list")
    #expect(recorded(all + ["v99-from-the-future"]) == 0, "one the file lacks")
    #expect(
      queue.inDatabase { runway_sqlite_migrations_are($0.sqliteConnection, all.joined(separator: "\n")) } == 1,
      "without a final line break")
    // Opening the current file again changes nothing.
    _ = try SQLiteInstanceStore(path: path)
    #expect(
      try queue.inDatabase { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }.count == all.count
    )
  }
}
