import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import Synchronization
import Testing

@testable import RunwaySQLite

/// A long-lived store decides a transition on the instance it remembers without reading its
/// row, and writes that decision only while the row still holds what it remembers under the
/// same directory generation; anything else is decided again on what is stored.
@Suite("SQLite remembered head")
struct RememberedHeadTests {
  /// Two stores on one file (two processes, as far as the file can tell), r-1 created by the
  /// first and moved to revision 2 by it, so the first remembers it.
  static func twoStores() async throws -> (SQLiteInstanceStore, SQLiteInstanceStore, DatabaseQueue) {
    let path = try SQLiteFileTests.path()
    let first = try SQLiteInstanceStore(path: path)
    try await first.saveDefinition(Sample.definition)
    try await first.create(Sample.instance("r-1"), uniqueKeys: [], history: Sample.entry("r-1", 1), outbox: [])
    _ = try await step(first, to: "selected", fields: ["by": .string("first")])
    return (first, try SQLiteInstanceStore(path: path), try DatabaseQueue(path: path))
  }

  /// What one decision saw.
  struct Seen: Sendable, Equatable {
    var revision: Int
    var state: String
    var fields: [String: Value]
    var generation: Int
    var timers: [ScheduledTimer]
  }

  /// One transition on r-1 as the engine asks for it (a long-lived engine: no neighbourhood,
  /// the definition known): moves to `state`, sets `fields` over the stored ones, and returns
  /// what every decision made for it saw, the last one being the one written.
  static func step(
    _ store: SQLiteInstanceStore, to state: String, fields: [String: Value],
    refusingIn refused: String? = nil, timers: [ScheduledTimer]? = nil, instance id: String = "r-1"
  ) async throws -> [Seen] {
    let seen = Mutex<[Seen]>([])
    var request = SnapshotRequest(instanceID: id, neighbourhood: false, knownDigests: ["d1"])
    request.timers = timers != nil
    try await store.update(request) { snapshot in
      let instance = try #require(snapshot.instance)
      seen.withLock {
        $0.append(
          Seen(
            revision: instance.revision, state: instance.state, fields: instance.fields,
            generation: snapshot.generation, timers: snapshot.timers))
      }
      if instance.state == refused { throw EngineError.rejected("not from \(instance.state)") }
      var next = instance
      next.revision += 1
      next.state = state
      next.fields.merge(fields) { _, new in new }
      next.updatedAt = Sample.at + Double(next.revision)
      var commit = InstanceCommit(
        instance: next, expectedRevision: instance.revision,
        history: Sample.entry(id, next.revision, from: instance.state, to: state), outbox: [])
      commit.keepsDefinition = true
      commit.timers = timers
      return StoreDecision(commit: commit, result: ())
    }
    return seen.withLock { $0 }
  }

  static func revisions(_ queue: DatabaseQueue) async throws -> [Int] {
    try await queue.read { db in
      try Int.fetchAll(db, sql: "SELECT revision FROM history WHERE instance_id = 'r-1' ORDER BY revision")
    }
  }

  @Test func aRememberedHeadIsWrittenWithoutReadingTheRowAgain() async throws {
    let (first, _, queue) = try await Self.twoStores()
    let seen = try await Self.step(first, to: "selected", fields: ["n": .int(3)])
    // One decision, on the instance the store wrote last.
    #expect(seen.map(\.revision) == [2])
    let stored = try #require(try await first.instance("r-1"))
    #expect(stored.revision == 3)
    #expect(stored.fields == ["by": .string("first"), "n": .int(3)])
    #expect(try await Self.revisions(queue) == [1, 2, 3])
  }

  /// Another process commits in between: the remembered head is stale, nothing is written
  /// from it, and the transition is decided again on the stored revision.
  @Test func anotherWritersCommitIsDecidedOnAfresh() async throws {
    let (first, second, queue) = try await Self.twoStores()
    _ = try await Self.step(second, to: "review", fields: ["by": .string("second")])
    let seen = try await Self.step(first, to: "review", fields: ["n": .int(4)])
    #expect(seen.map(\.revision) == [2, 3])
    #expect(seen.last?.state == "review")
    let stored = try #require(try await second.instance("r-1"))
    #expect(stored.revision == 4)
    #expect(stored.fields == ["by": .string("second"), "n": .int(4)])
    #expect(try await Self.revisions(queue) == [1, 2, 3, 4])
  }

  /// A column changed without a new revision (a hand edit) is not written over: each column
  /// the remembered instance came from is part of the check.
  @Test(arguments: [
    ("fields", #"{"by":"hand"}"#), ("state", "released"), ("initiator", "wendy"), ("workflow", "v"),
  ])
  func aHandEditWithoutANewRevisionIsDecidedOnAfresh(column: String, value: String) async throws {
    let (first, _, queue) = try await Self.twoStores()
    try await queue.write { db in
      try db.execute(
        sql: "UPDATE journal SET \(column) = ? WHERE instance_id = 'r-1' AND revision = \(SQLiteJournal.head)",
        arguments: [value])
    }
    let seen = try await Self.step(first, to: "selected", fields: ["n": .int(3)])
    #expect(seen.count == 2)
    let stored = try #require(try await first.instance("r-1"))
    #expect(stored.revision == 3)
    switch column {
    case "fields": #expect(stored.fields == ["by": .string("hand"), "n": .int(3)])
    case "state": #expect(seen.last?.state == "released")
    case "initiator": #expect(stored.initiator == "wendy")
    default: #expect(stored.workflow == "v")
    }
  }

  /// The directory changed since the store last read it: the decision made under the old
  /// generation is not written; the one written saw the new generation.
  @Test func aNewDirectoryGenerationIsDecidedOnAfresh() async throws {
    let (first, second, _) = try await Self.twoStores()
    let before = try await first.snapshot(SnapshotRequest(instanceID: "r-1", neighbourhood: false)).generation
    _ = try await Self.step(first, to: "selected", fields: ["n": .int(3)])
    try await second.importDirectory(Directory(records: ["apps": ["superpay": ["name": .string("SuperPay")]]]))
    let seen = try await Self.step(first, to: "selected", fields: ["n": .int(4)])
    #expect(seen.map(\.generation) == [before, before + 1])
    #expect(try await first.instance("r-1")?.revision == 4)
  }

  /// A refusal decided on the remembered head is not the answer when the row moved on: the
  /// transition is decided again on the stored state, where it is allowed.
  @Test func aRefusalOnAStaleHeadIsDecidedAgain() async throws {
    let (first, second, _) = try await Self.twoStores()
    _ = try await Self.step(second, to: "review", fields: [:])
    let seen = try await Self.step(first, to: "approved", fields: [:], refusingIn: "selected")
    #expect(seen.map(\.state) == ["selected", "review"])
    #expect(try await first.instance("r-1")?.state == "approved")
  }

  /// A refusal on a current head stays a refusal, and nothing is written.
  @Test func aRefusalOnACurrentHeadWritesNothing() async throws {
    let (first, _, queue) = try await Self.twoStores()
    await #expect(throws: EngineError.self) {
      try await Self.step(first, to: "approved", fields: ["n": .int(9)], refusingIn: "selected")
    }
    let stored = try #require(try await first.instance("r-1"))
    #expect(stored.revision == 2)
    #expect(stored.fields == ["by": .string("first")])
    #expect(try await Self.revisions(queue) == [1, 2])
  }

  static func timer(_ event: String, revision: Int) -> ScheduledTimer {
    ScheduledTimer(
      instanceID: "r-1", state: "selected", event: event, revision: revision, dueAt: Sample.at + 60)
  }

  /// A timed transition reads the remembered head's timers and replaces them, rows included;
  /// a timer dropped by another process (the head's list changed, not its revision) is not
  /// written over: the transition is decided again on the stored list.
  @Test func timersTravelWithTheRememberedHead() async throws {
    let (first, second, _) = try await Self.twoStores()
    let ring = Self.timer("ring", revision: 3)
    _ = try await Self.step(first, to: "selected", fields: [:], timers: [ring])
    #expect(try await second.scheduledTimers(limit: nil) == [ring])
    let knock = Self.timer("knock", revision: 4)
    let seen = try await Self.step(first, to: "selected", fields: [:], timers: [knock])
    #expect(seen.map(\.timers) == [[ring]])
    #expect(try await second.scheduledTimers(limit: nil) == [knock])
    try await second.dropTimer(knock)
    let afterDrop = try await Self.step(first, to: "selected", fields: [:], timers: [])
    #expect(afterDrop.map(\.timers) == [[knock], []])
    #expect(try await second.scheduledTimers(limit: nil) == [])
    #expect(try await first.instance("r-1")?.revision == 5)
  }

  /// Whether `store` would write its remembered r-1 on the revision alone now: the file is at
  /// the data version the head and the generation are known at. Asked in a transaction
  /// rolled back, so nothing changes.
  static func isQuiet(_ store: SQLiteInstanceStore) throws -> Bool {
    try store.queue.inDatabase { db in
      try db.execute(sql: "BEGIN IMMEDIATE")
      defer { try? db.execute(sql: "ROLLBACK") }
      guard let entry = store.storedInstances.remembered("r-1") else { return false }
      return store.storedInstances.isQuiet(entry, at: SQLiteDataVersion.of(db))
    }
  }

  /// After its own transition nothing else has written the file, so the store writes the next
  /// one on the revision alone; any other connection's commit, even to another table, ends that.
  @Test func aQuietFileIsWrittenOnTheRevisionAloneUntilAnotherConnectionWrites() async throws {
    let (first, _, queue) = try await Self.twoStores()
    #expect(try Self.isQuiet(first))
    _ = try await Self.step(first, to: "selected", fields: ["n": .int(3)])
    #expect(try Self.isQuiet(first))
    try await queue.write { db in try db.execute(sql: "UPDATE runway_meta SET value = value WHERE 0") }
    #expect(try Self.isQuiet(first))  // an empty commit changes nothing
    try await queue.write { db in try db.execute(sql: "CREATE TABLE elsewhere (x)") }
    #expect(try !Self.isQuiet(first))
    let seen = try await Self.step(first, to: "selected", fields: ["n": .int(4)])
    #expect(seen.map(\.revision) == [3])
    #expect(try Self.isQuiet(first))
    #expect(try await Self.revisions(queue) == [1, 2, 3, 4])
  }

  /// The store's own write of anything but a transition (the directory here) may change what
  /// a remembered head was decided with: the next transition is checked column by column and
  /// decided again under the new generation.
  @Test func theStoresOwnDirectoryWriteEndsTheQuiet() async throws {
    let (first, _, _) = try await Self.twoStores()
    let before = try await first.snapshot(SnapshotRequest(instanceID: "r-1", neighbourhood: false)).generation
    _ = try await Self.step(first, to: "selected", fields: ["n": .int(3)])
    try await first.importDirectory(Directory(records: ["apps": ["superpay": ["name": .string("SuperPay")]]]))
    #expect(try !Self.isQuiet(first))
    let seen = try await Self.step(first, to: "selected", fields: ["n": .int(4)])
    #expect(seen.map(\.generation) == [before, before + 1])
    #expect(try await first.instance("r-1")?.revision == 4)
  }

  /// A head read outside a write (a snapshot) is not known to stay the row: another process
  /// may write it while it is read, or after. A hand edit after such a read, followed by the
  /// store's own transitions of another instance, is still seen.
  @Test func aHeadReadByASnapshotIsNotTakenAsKnown() async throws {
    let (first, _, queue) = try await Self.twoStores()
    try await first.create(Sample.instance("r-2"), uniqueKeys: [], history: Sample.entry("r-2", 1), outbox: [])
    _ = try await first.snapshot(SnapshotRequest(instanceID: "r-1", neighbourhood: false, knownDigests: ["d1"]))
    try await queue.write { db in
      try db.execute(
        sql:
          "UPDATE journal SET fields = '{\"by\":\"hand\"}' WHERE instance_id = 'r-1' AND revision = \(SQLiteJournal.head)"
      )
    }
    _ = try await Self.step(first, to: "selected", fields: [:], instance: "r-2")
    let seen = try await Self.step(first, to: "selected", fields: ["n": .int(3)])
    #expect(seen.count == 2)
    #expect(try await first.instance("r-1")?.fields == ["by": .string("hand"), "n": .int(3)])
  }

  /// A commit that fails after its head was written (its history row collides here) rolls
  /// back, and the store forgets the head it wrote: the next transition is decided once, on
  /// the stored row.
  @Test func aRolledBackCommitIsForgotten() async throws {
    let (first, _, queue) = try await Self.twoStores()
    let request = SnapshotRequest(instanceID: "r-1", neighbourhood: false, knownDigests: ["d1"])
    await #expect(throws: (any Error).self) {
      try await first.update(request) { snapshot in
        var next = try #require(snapshot.instance)
        next.revision += 1
        next.fields["n"] = .int(9)
        var commit = InstanceCommit(
          instance: next, expectedRevision: next.revision - 1, history: Sample.entry("r-1", 2), outbox: [])
        commit.keepsDefinition = true
        return StoreDecision(commit: commit, result: ())
      }
    }
    #expect(first.storedInstances.remembered("r-1") == nil)
    let seen = try await Self.step(first, to: "selected", fields: ["n": .int(3)])
    #expect(seen.map(\.revision) == [2])
    #expect(try await first.instance("r-1")?.fields == ["by": .string("first"), "n": .int(3)])
    #expect(try await Self.revisions(queue) == [1, 2, 3])
  }

  /// A commit naming the fields it changed has only those written again over the remembered
  /// head's stored text: what is stored is the text of the whole new fields, a removed field
  /// gone, twice in a row.
  @Test func changedFieldsAreWrittenOverTheRememberedText() async throws {
    let (first, _, queue) = try await Self.twoStores()
    let request = SnapshotRequest(instanceID: "r-1", neighbourhood: false, knownDigests: ["d1"])
    for (name, value) in [("by", Value.string("second")), ("n", .int(7)), ("by", .null)] {
      try await first.update(request) { snapshot in
        var next = try #require(snapshot.instance)
        next.revision += 1
        next.fields[name] = value.isNull ? nil : value
        var commit = InstanceCommit(
          instance: next, expectedRevision: next.revision - 1, history: Sample.entry("r-1", next.revision), outbox: [])
        commit.keepsDefinition = true
        commit.changedFields = [name]
        return StoreDecision(commit: commit, result: ())
      }
    }
    let stored = try await queue.read { db in
      try String.fetchOne(
        db, sql: "SELECT fields FROM journal WHERE instance_id = 'r-1' AND revision = \(SQLiteJournal.head)")
    }
    #expect(stored == StoredValueCoding.encode(["n": .int(7)]))
    #expect(try await first.instance("r-1")?.fields == ["n": .int(7)])
  }
}
