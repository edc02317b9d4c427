import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import Testing

@testable import RunwaySQLite

/// Transitions that arrive while another is being written are written together in the next
/// transaction, each in its own savepoint (`TransitionBatches`).
@Suite("SQLite transitions written together")
struct TransitionBatchesTests {
  /// A store with releases r-1 … r-`count` in `selected`, at revision 1.
  static func store(releases count: Int) async throws -> (SQLiteInstanceStore, DatabaseQueue) {
    let path = try SQLiteFileTests.path()
    let store = try SQLiteInstanceStore(path: path)
    try await store.saveDefinition(Sample.definition)
    for n in 1...count {
      try await store.create(Sample.instance("r-\(n)"), uniqueKeys: [], history: Sample.entry("r-\(n)", 1), outbox: [])
    }
    return (store, try DatabaseQueue(path: path))
  }

  static func revisions(_ id: String, _ queue: DatabaseQueue) async throws -> [Int] {
    try await queue.read { db in
      try Int.fetchAll(db, sql: "SELECT revision FROM history WHERE instance_id = ? ORDER BY revision", arguments: [id])
    }
  }

  /// Runs `steps` at once while the store's connection is held, so that the first waits for the
  /// connection and the others for the batch after it; then lets the connection go. Each step's
  /// outcome, in order.
  static func whileHeld(
    _ store: SQLiteInstanceStore, _ steps: [@Sendable () async throws -> Void]
  ) async throws -> [Result<Void, any Error>] {
    let (release, releasing) = AsyncStream<Void>.makeStream()
    let (held, holding) = AsyncStream<Void>.makeStream()
    let holder = Task {
      await store.turns.run {
        holding.yield()
        for await _ in release { break }
      }
    }
    for await _ in held { break }
    let first = try #require(steps.first)
    let tasks = [Task { try await first() }]
    // The first has taken the writing (and waits for the connection) before the others arrive.
    while !store.transitionBatches.isWriting { try await Task.sleep(for: .milliseconds(1)) }
    var all = tasks
    // One by one, each queued before the next starts: they arrive, and are written, in order.
    for (index, step) in steps.dropFirst().enumerated() {
      all.append(Task { try await step() })
      while store.transitionBatches.waiting <= index { try await Task.sleep(for: .milliseconds(1)) }
    }
    releasing.yield()
    await holder.value
    var outcomes: [Result<Void, any Error>] = []
    for task in all { outcomes.append(await task.result) }
    return outcomes
  }

  @Test func transitionsThatWaitAreWrittenInOneTransactionEachWithItsHistory() async throws {
    let (store, queue) = try await Self.store(releases: 5)
    let before = store.transitionBatches.written
    let steps: [@Sendable () async throws -> Void] = (1...5).map { n in
      { _ = try await RememberedHeadTests.step(store, to: "ready", fields: ["n": .int(n)], instance: "r-\(n)") }
    }
    let outcomes = try await Self.whileHeld(store, steps)
    for outcome in outcomes { try outcome.get() }
    let after = store.transitionBatches.written
    // The first alone, the four that waited together.
    #expect(after.transactions - before.transactions == 2)
    #expect(after.transitions - before.transitions == 5)
    for n in 1...5 {
      #expect(try await Self.revisions("r-\(n)", queue) == [1, 2])
      let stored = try #require(try await store.instance("r-\(n)"))
      #expect(stored.state == "ready")
      #expect(stored.fields["n"] == .int(n))
    }
  }

  @Test func aRefusalInABatchChangesNothingOfItsOwnAndLetsTheOthersCommit() async throws {
    let (store, queue) = try await Self.store(releases: 4)
    let before = store.transitionBatches.written
    let steps: [@Sendable () async throws -> Void] = [
      { _ = try await RememberedHeadTests.step(store, to: "ready", fields: [:], instance: "r-1") },
      { _ = try await RememberedHeadTests.step(store, to: "ready", fields: ["n": .int(2)], instance: "r-2") },
      {
        _ = try await RememberedHeadTests.step(
          store, to: "ready", fields: ["n": .int(3)], refusingIn: "selected", instance: "r-3")
      },
      { _ = try await RememberedHeadTests.step(store, to: "ready", fields: ["n": .int(4)], instance: "r-4") },
    ]
    let outcomes = try await Self.whileHeld(store, steps)
    #expect(throws: Never.self) { try outcomes[1].get() }
    #expect(throws: Never.self) { try outcomes[3].get() }
    // The refusal comes out as the decision threw it, not as a store failure.
    #expect {
      try outcomes[2].get()
    } throws: { error in
      (error as? EngineError)?.code == .rejected
    }
    #expect(try await Self.revisions("r-3", queue) == [1])
    // Counted as committed: the first alone, and two of the three written together.
    let after = store.transitionBatches.written
    #expect(after.transactions - before.transactions == 2)
    #expect(after.transitions - before.transitions == 3)
    let refused = try #require(try await store.instance("r-3"))
    #expect(refused.state == "selected" && refused.revision == 1 && refused.fields["n"] == nil)
    #expect(try await Self.revisions("r-2", queue) == [1, 2])
    #expect(try await Self.revisions("r-4", queue) == [1, 2])
  }

  @Test func twoTransitionsOfOneReleaseInABatchBothApplyInTurn() async throws {
    let (store, queue) = try await Self.store(releases: 2)
    let steps: [@Sendable () async throws -> Void] = [
      { _ = try await RememberedHeadTests.step(store, to: "ready", fields: [:], instance: "r-1") },
      { _ = try await RememberedHeadTests.step(store, to: "selected", fields: ["a": .int(1)], instance: "r-2") },
      { _ = try await RememberedHeadTests.step(store, to: "ready", fields: ["b": .int(2)], instance: "r-2") },
    ]
    let outcomes = try await Self.whileHeld(store, steps)
    for outcome in outcomes { try outcome.get() }
    // No update lost: the second decided on what the first wrote in the same transaction.
    #expect(try await Self.revisions("r-2", queue) == [1, 2, 3])
    let stored = try #require(try await store.instance("r-2"))
    #expect(stored.revision == 3 && stored.state == "ready")
    #expect(stored.fields["a"] == .int(1) && stored.fields["b"] == .int(2))
  }
}
