import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import Testing

@testable import RunwaySQLite

/// A store remembers the instance it last wrote or read, and serves it again only while the
/// stored row is the same, byte for byte: whatever another connection changes is read afresh.
@Suite("SQLite remembered instances")
struct StoredInstanceCacheTests {
  /// A store holding r-1 at revision 2 with `fields`, written through a transition (so the
  /// store remembers it), definitions d1 and d2, and a second connection to the same file.
  static func storeAfterATransition(fields: [String: Value]) async throws -> (SQLiteInstanceStore, DatabaseQueue) {
    let path = try SQLiteFileTests.path()
    let store = try SQLiteInstanceStore(path: path)
    try await store.saveDefinition(Sample.definition)
    var second = Sample.definition
    second.digest = "d2"
    try await store.saveDefinition(second)
    try await store.create(Sample.instance("r-1"), uniqueKeys: [], history: Sample.entry("r-1", 1), outbox: [])
    try await store.update(SnapshotRequest(instanceID: "r-1", neighbourhood: false)) { snapshot in
      var commit = InstanceCommit(
        instance: Sample.instance("r-1", revision: 2, fields: fields), expectedRevision: 1,
        history: Sample.entry("r-1", 2), outbox: [])
      commit.keepsDefinition = true
      return StoreDecision(commit: commit, result: ())
    }
    return (store, try DatabaseQueue(path: path))
  }

  static func read(_ store: SQLiteInstanceStore) async throws -> Instance? {
    try await store.snapshot(SnapshotRequest(instanceID: "r-1", neighbourhood: false)).instance
  }

  @Test func theWrittenInstanceIsReadBackAsWritten() async throws {
    let fields: [String: Value] = ["version": .string("1.0.0"), "testers": .set(["u-1", "u-2"])]
    let (store, _) = try await Self.storeAfterATransition(fields: fields)
    #expect(try await Self.read(store) == Sample.instance("r-1", revision: 2, fields: fields))
    #expect(try await Self.read(store) == Sample.instance("r-1", revision: 2, fields: fields))
  }

  /// Another connection rewrites a column without moving the revision, keeping the fields' length:
  /// only the bytes tell, and the next read sees the change.
  @Test(arguments: [
    ("fields", #"{"version":"2.0.0"}"#), ("state", "released"), ("definition_digest", "d2"),
    ("initiator", "wendy"), ("workflow", "v"),
  ])
  func aColumnChangedByAnotherConnectionIsReadAfresh(column: String, value: String) async throws {
    let (store, editor) = try await Self.storeAfterATransition(fields: ["version": .string("1.0.0")])
    #expect(try await Self.read(store)?.fields == ["version": .string("1.0.0")])
    try await editor.write { db in
      try db.execute(
        sql: "UPDATE journal SET \(column) = ? WHERE instance_id = 'r-1' AND revision = \(SQLiteJournal.head)",
        arguments: [value])
    }
    let read = try #require(try await Self.read(store))
    #expect(read.revision == 2)
    switch column {
    case "fields": #expect(read.fields == ["version": .string("2.0.0")])
    case "state": #expect(read.state == "released")
    case "definition_digest": #expect(read.definitionDigest == "d2")
    case "initiator": #expect(read.initiator == "wendy")
    default: #expect(read.workflow == "v")
    }
  }

  /// A commit that keeps its definition leaves the stored digest; one that does not (a
  /// migration) writes the new one, and the next read has it.
  @Test(arguments: [true, false])
  func aCommitWritesTheDigestUnlessItKeepsTheDefinition(keeps: Bool) async throws {
    let (store, _) = try await Self.storeAfterATransition(fields: [:])
    var moved = Sample.instance("r-1", revision: 3)
    moved.definitionDigest = "d2"
    var commit = InstanceCommit(instance: moved, expectedRevision: 2, history: Sample.entry("r-1", 3), outbox: [])
    commit.keepsDefinition = keeps
    try await store.commit(commit)
    let stored = try await store.instance("r-1")
    #expect(stored?.definitionDigest == (keeps ? "d1" : "d2"))
    #expect(stored?.revision == 3)
  }
}
