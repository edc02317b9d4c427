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
    try await store.read { db in
      #expect(throws: DatabaseError.self) { try Row.fetchAll(db, sql: "SELECT rowid FROM journal") }
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

  /// A version-6 file's timers after v7 and v9 (keyed in claim order, no rowid, no other
  /// index): all kept, a claim takes them earliest first, then by instance and event, up to
  /// its limit, and SQLite answers it from the table's key without sorting.
  @Test func aVersion6DatabaseClaimsItsTimersInOrderFromTheIndex() async throws {
    let path = try SQLiteFileTests.path()
    do {
      let queue = try DatabaseQueue(path: path)
      try SQLiteSchema.migrator.migrate(queue, upTo: "v6-timers")
      try await queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO timers VALUES ('r-2', 'waiting', 'ring', 3, 5000, 0, 0);
            INSERT INTO timers VALUES ('r-1', 'waiting', 'ring', 2, 5000, 0, 0);
            INSERT INTO timers VALUES ('r-3', 'waiting', 'ring', 2, 1000, 0, 0);
            INSERT INTO timers VALUES ('r-4', 'waiting', 'ring', 2, 9000, 0, 0);
            """)
      }
    }
    let store = try SQLiteInstanceStore(path: path)
    let now = Date(timeIntervalSince1970: 6)
    let claimed = try await store.claimTimers(now: now, lease: 60, limit: 2)
    #expect(claimed.map(\.instanceID) == ["r-3", "r-1"])
    #expect(try await store.claimTimers(now: now, lease: 60, limit: 2).map(\.instanceID) == ["r-2"])
    #expect(try await store.scheduledTimers(limit: nil).map(\.instanceID) == ["r-3", "r-1", "r-2", "r-4"])
    try await store.read { db in
      // The claim's query (SQLiteTimers.due), as SQLite plans it.
      let plan = try Row.fetchAll(
        db, sql: "EXPLAIN QUERY PLAN " + SQLiteTimers.due.sql, arguments: [0, 0, 1]
      ).map { $0["detail"] as String }
      #expect(plan.contains { $0.contains("PRIMARY KEY") })
      #expect(!plan.contains { $0.contains("TEMP B-TREE") })
      let indexes = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'timers'")
      #expect(indexes.isEmpty)
      #expect(throws: DatabaseError.self) { try Row.fetchAll(db, sql: "SELECT rowid FROM timers") }
    }
  }

  /// A version-7 file (instances and history in two tables) opened by today's store: the
  /// instances, their history, unique keys and outbox read back through the one-tree journal;
  /// the compare-and-swap still refuses a stale writer and writes nothing; a new transition
  /// and a new instance take their places (after the old in position order); and a key an
  /// old instance holds is still refused.
  @Test func aVersion7DatabaseMovesIntoTheJournalWithNothingLost() async throws {
    let path = try SQLiteFileTests.path()
    do {
      let queue = try DatabaseQueue(path: path)
      try SQLiteSchema.migrator.migrate(queue, upTo: "v7-keyed-timers-in-claim-order")
      try await queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO definitions VALUES ('d1', 'w', '{}', 'w.yaml', 'workflow: w', 0, 0);
            INSERT INTO instances VALUES ('r-1', 'w', 'd1', 'selected', 2, '{"n":{"$set":["a"]}}', 'alice', 0, 2000, 1);
            INSERT INTO instances VALUES ('r-2', 'w', 'd1', 'done', 1, '{}', 'bob', 0, 1000, 2);
            INSERT INTO unique_keys VALUES ('k-1', 'r-1');
            INSERT INTO history VALUES ('r-1', 1, 'start', NULL, 'selected', 'alice', 1000, '{}', NULL);
            INSERT INTO history VALUES ('r-1', 2, 'e', 'selected', 'selected', 'alice', 2000, '{"n":2}', 'kept');
            INSERT INTO history VALUES ('r-2', 1, 'start', NULL, 'done', 'bob', 1000, '{}', NULL);
            INSERT INTO outbox VALUES ('r-1-2-mail', 'r-1', 2, 'mail', '[{"actor":"alice","email":"a@x.example"}]',
              's', 'b', '{}', 2000, 'pending', 0, 2000, NULL);
            """)
      }
    }
    let store = try SQLiteInstanceStore(path: path)
    let first = try #require(try await store.instance("r-1"))
    #expect(first.revision == 2 && first.state == "selected" && first.fields == ["n": .set(["a"])])
    #expect(try await store.history(of: "r-1").map(\.revision) == [1, 2])
    #expect(try await store.history(of: "r-1").last?.note == "kept")
    #expect(try await store.history(of: "r-2").map(\.event) == ["start"])
    #expect(try await store.notifications(statuses: nil).map(\.deliveryID) == ["r-1-2-mail"])
    #expect(try await store.instances(matching: InstanceQuery(states: ["done"])).map(\.id) == ["r-2"])

    func entry(_ revision: Int, to: String) -> HistoryEntry {
      HistoryEntry(
        instanceID: "r-1", revision: revision, event: "finish", from: "selected", to: to, actor: "alice",
        at: Date(timeIntervalSince1970: Double(revision)), params: [:])
    }
    var next = first
    next.revision = 3
    next.state = "done"
    try await store.commit(next, expectedRevision: 2, history: entry(3, to: "done"), outbox: [])
    var stale = first
    stale.revision = 3
    stale.state = "cancelled"
    await #expect(throws: StoreError.revisionMismatch(instance: "r-1", expected: 2, actual: 3)) {
      try await store.commit(stale, expectedRevision: 2, history: entry(3, to: "cancelled"), outbox: [])
    }
    #expect(try await store.instance("r-1") == next)
    #expect(try await store.history(of: "r-1").map(\.to) == ["selected", "selected", "done"])
    #expect(try await store.instances(matching: InstanceQuery(states: ["done"])).map(\.id) == ["r-1", "r-2"])

    let third = Instance(
      id: "r-3", workflow: "w", definitionDigest: "d1", state: "selected", revision: 1, fields: [:],
      initiator: "alice", createdAt: Date(timeIntervalSince1970: 4), updatedAt: Date(timeIntervalSince1970: 4))
    let start = HistoryEntry(
      instanceID: "r-3", revision: 1, event: "start", from: nil, to: "selected", actor: "alice",
      at: Date(timeIntervalSince1970: 4), params: [:])
    await #expect(throws: StoreError.duplicate(key: "k-1", existingInstance: "r-1")) {
      try await store.create(third, uniqueKeys: ["k-1"], history: start, outbox: [])
    }
    #expect(try await store.instance("r-3") == nil)
    try await store.create(third, uniqueKeys: ["k-3"], history: start, outbox: [])
    #expect(try await store.instances(matching: InstanceQuery()).map(\.id) == ["r-1", "r-2", "r-3"])
    #expect(try await store.pinnedCounts() == ["d1": 3])
  }

  /// A version-8 file's timers after v9 (keyed in claim order, each instance's list beside its
  /// head): a transition reads them back as they were, paused ones included; a claim takes the
  /// due one only; a commit that replaces an instance's timers leaves no row of the old ones;
  /// a dropped timer leaves neither its row nor its place in the list.
  @Test func aVersion8DatabaseKeepsItsTimersBesideTheHeads() async throws {
    let path = try SQLiteFileTests.path()
    do {
      let queue = try DatabaseQueue(path: path)
      try SQLiteSchema.migrator.migrate(queue, upTo: "v8-instances-and-history-in-one-tree")
      try await queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO definitions VALUES ('d1', 'w', '{}', 'w.yaml', 'workflow: w', 0, 0);
            INSERT INTO journal (instance_id, revision, workflow, definition_digest, state, head_revision, fields,
              initiator, created_at, updated_at, position)
              VALUES ('r-1', \(SQLiteJournal.head), 'w', 'd1', 'waiting', 2, '{}', 'alice', 0, 2000, 1),
                     ('r-2', \(SQLiteJournal.head), 'w', 'd1', 'halted', 3, '{}', 'alice', 0, 3000, 2);
            INSERT INTO timers VALUES ('r-1', 'waiting', 'ring', 2, 5000, 0, 0);
            INSERT INTO timers VALUES ('r-1', 'waiting', 'remind', 2, 9000, 0, 0);
            INSERT INTO timers VALUES ('r-2', 'halted', 'step', 3, \(Int64.max), 30000, 0);
            """)
      }
    }
    let store = try SQLiteInstanceStore(path: path)
    func timers(_ id: String) async throws -> [ScheduledTimer] {
      var request = SnapshotRequest(instanceID: id, neighbourhood: false)
      request.timers = true
      return try await store.snapshot(request).timers
    }
    let ring = ScheduledTimer(
      instanceID: "r-1", state: "waiting", event: "ring", revision: 2, dueAt: Date(timeIntervalSince1970: 5))
    let remind = ScheduledTimer(
      instanceID: "r-1", state: "waiting", event: "remind", revision: 2, dueAt: Date(timeIntervalSince1970: 9))
    let paused = ScheduledTimer(
      instanceID: "r-2", state: "halted", event: "step", revision: 3, dueAt: nil, remaining: 30)
    #expect(try await timers("r-1") == [remind, ring])
    #expect(try await timers("r-2") == [paused])
    #expect(try await store.claimTimers(now: Date(timeIntervalSince1970: 6), lease: 60, limit: 10) == [ring])
    #expect(try await store.scheduledTimers(limit: nil) == [ring, remind])

    let moved = Instance(
      id: "r-1", workflow: "w", definitionDigest: "d1", state: "done", revision: 3, fields: [:],
      initiator: "alice", createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 6))
    var commit = InstanceCommit(
      instance: moved, expectedRevision: 2,
      history: HistoryEntry(
        instanceID: "r-1", revision: 3, event: "ring", from: "waiting", to: "done", actor: "system",
        at: Date(timeIntervalSince1970: 6), params: [:]),
      outbox: [])
    commit.timers = []
    try await store.commit(commit)
    #expect(try await timers("r-1") == [])
    #expect(try await store.scheduledTimers(limit: nil) == [])

    try await store.dropTimer(paused)
    #expect(try await timers("r-2") == [])
    let rows = try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM timers") }
    #expect(rows == 0)
  }
}
