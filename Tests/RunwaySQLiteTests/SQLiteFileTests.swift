import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwayTestSupport
import Testing

@testable import RunwaySQLite

/// What only a file store can show: durability across opens, several connections at once,
/// and clear errors for a bad file.
@Suite("SQLite file")
struct SQLiteFileTests {
  static func path() throws -> String {
    let folder = try ScratchFolder.make("runway-sqlite")
    return folder.appendingPathComponent("runway.db").path
  }

  @Test func theFileSurvivesReopening() async throws {
    let path = try Self.path()
    do {
      let store = try SQLiteInstanceStore(path: path)
      try await store.saveDefinition(Sample.definition)
      try await store.create(
        Sample.instance("r-1", fields: Sample.everyKindOfValue), uniqueKeys: ["k"], history: Sample.entry("r-1", 1),
        outbox: [])
    }
    let reopened = try SQLiteInstanceStore(path: path)
    #expect(try await reopened.instance("r-1") == Sample.instance("r-1", fields: Sample.everyKindOfValue))
    await #expect(throws: StoreError.self) {
      try await reopened.create(Sample.instance("r-2"), uniqueKeys: ["k"], history: Sample.entry("r-2", 1), outbox: [])
    }
  }

  @Test func concurrentWritersOnOneFileLoseNothing() async throws {
    let path = try Self.path()
    let setup = try SQLiteInstanceStore(path: path)
    try await setup.saveDefinition(Sample.definition)
    try await setup.create(Sample.instance("r-1"), uniqueKeys: [], history: Sample.entry("r-1", 1), outbox: [])
    let writers = 4
    let commitsEach = 25
    let stores = try (0..<writers).map { _ in try SQLiteInstanceStore(path: path) }
    let successes = try await withThrowingTaskGroup(of: Int.self) { group in
      for store in stores {
        group.addTask {
          var done = 0
          while done < commitsEach {
            guard let current = try await store.instance("r-1") else { return done }
            var next = current
            next.revision += 1
            do {
              try await store.commit(
                next, expectedRevision: current.revision, history: Sample.entry("r-1", next.revision), outbox: [])
              done += 1
            } catch StoreError.revisionMismatch {
              continue  // another writer won; read again
            }
          }
          return done
        }
      }
      return try await group.reduce(0, +)
    }
    #expect(successes == writers * commitsEach)
    let history = try await setup.history(of: "r-1")
    #expect(history.map(\.revision) == Array(1...(1 + writers * commitsEach)))
    #expect(try await setup.instance("r-1")?.revision == 1 + writers * commitsEach)
  }

  /// A row whose number column holds text (a file edited by hand) stops a transition with a
  /// clear error instead of a crash or a guess, and the transition writes nothing.
  @Test func aCorruptInstanceRowIsAClearErrorAndNothingIsWritten() async throws {
    let path = try Self.path()
    let store = try SQLiteInstanceStore(path: path)
    try await store.saveDefinition(Sample.definition)
    try await store.create(Sample.instance("r-1"), uniqueKeys: [], history: Sample.entry("r-1", 1), outbox: [])
    let editor = try DatabaseQueue(path: path)
    try await editor.write { db in
      try db.execute(sql: "UPDATE journal SET head_revision = 'two' WHERE head_revision = 1")
    }
    await #expect {
      try await store.update(SnapshotRequest(instanceID: "r-1")) { snapshot in
        StoreDecision(
          commit: InstanceCommit(
            instance: Sample.instance("r-1", revision: 2), expectedRevision: 1, history: Sample.entry("r-1", 2),
            outbox: []),
          result: ())
      }
    } throws: { error in
      guard case .corrupt(let message) = error as? StoreError else { return false }
      return message.contains("column 4") && message.contains("number")
    }
    #expect(try await store.history(of: "r-1").map(\.revision) == [1])
    let revision = try await editor.read { db in try String.fetchOne(db, sql: "SELECT revision FROM instances") }
    #expect(revision == "two")
  }

  @Test func aFileThatIsNotADatabaseIsAClearError() throws {
    let path = try Self.path()
    try "this is not sqlite, just text that is long enough to look like a header.........".write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect {
      try SQLiteInstanceStore(path: path)
    } throws: { error in
      guard case .unavailable(let message) = error as? StoreError else { return false }
      return message.contains(path) && message.contains("not")
    }
  }

  @Test func anUnreachablePathIsAClearError() {
    #expect {
      try SQLiteInstanceStore(path: "/proc/no/such/folder/runway.db")
    } throws: { error in
      guard case .unavailable(let message) = error as? StoreError else { return false }
      return message.contains("/proc/no/such/folder/runway.db")
    }
  }
}

/// A store for short-lived processes truncates its WAL once a commit leaves the pages asked
/// for; a long-lived one leaves it to SQLite's own checkpoint, every 1,000 pages.
@Suite("SQLite WAL truncation")
struct SQLiteWALTruncationTests {
  @Test(arguments: [(Int?.none, 40, Int.max), (10, 0, 14)])
  func theWALStaysBelowThePagesAsked(asked: Int?, atLeast: Int, atMost: Int) async throws {
    let path = try SQLiteFileTests.path()
    let store = try SQLiteInstanceStore(path: path, checkpointEvery: asked)
    for index in 0..<40 {
      try await store.setSetting(SettingValue(key: "s\(index)", scope: "global", value: .int(index)))
    }
    let size = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    let frames = max(size - 32, 0) / (4096 + 24)
    #expect(frames >= atLeast, "\(frames) frames")
    #expect(frames <= atMost, "\(frames) frames")
    #expect(try await store.settings().count == 40)
  }
}
