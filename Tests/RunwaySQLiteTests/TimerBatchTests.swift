import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwayYAML
import Testing

@testable import RunwaySQLite

/// A worker fires the timers it claimed together in one store transaction (SQLite), each
/// decided on its own snapshot and written on its own compare-and-swap: one that is refused,
/// or whose instance moved on, or whose writes fail, leaves the others (docs/deployment.md).
@Suite("timers fired in one batch")
struct TimerBatchTests {
  /// `ring` fires a second after `wait`; an instance named `stuck` has no target for it.
  static let bell = """
    workflow: bell
    fields:
      name: { type: string, required: true }
    roles:
      developer-admin: { workspace: "'acme'" }
    start: { allow: [developer-admin] }
    initial: open
    states:
      open: {}
      waiting:
        timers:
          - { after: 1s, fire: ring }
      done: { terminal: true }
      hushed: { terminal: true }
    transitions:
      wait: { from: open, to: waiting, allow: [developer-admin] }
      ring:
        from: waiting
        to:
          - { state: done, when: "name != 'stuck'" }
        allow: [system]
      hush: { from: waiting, to: hushed, allow: [developer-admin] }
    """

  static let directory = Directory(actors: [
    "alice": Actor(
      name: "Alice", email: "alice@acme.example", memberships: [Membership(workspace: "acme", role: "developer-admin")])
  ])

  static func engine(_ backend: StoreBackend, clock: FixedClock) async throws -> (Engine, any Store) {
    let loaded = try WorkflowLoader.parse(bell, file: "bell.yaml")
    let compiled = try #require(loaded.compile().workflow)
    let catalog = WorkflowCatalog(
      [WorkflowCatalog.Entry(workflow: compiled, sourcePath: "bell.yaml", sourceText: bell)], domain: .standard)
    let store = try await backend.make()
    try await store.importDirectory(directory)
    return (try await Engine.open(catalog: catalog, store: store, clock: clock), store)
  }

  /// Four bells waiting, one named `stuck`, one hushed after its timer was claimed: one
  /// round fires the two others, drops the hushed one's timer and reports the stuck one,
  /// whose instance and timer stay as they were.
  @Test(arguments: StoreBackend.allCases)
  func aBatchFiresEachTimerOnItsOwn(_ backend: StoreBackend) async throws {
    let clock = FixedClock(Date(timeIntervalSince1970: 1_780_000_000))
    let (engine, store) = try await Self.engine(backend, clock: clock)
    var ids: [String: String] = [:]
    for name in ["first", "stuck", "hushed", "last"] {
      let id = try await engine.start("bell", as: "alice", fields: ["name": .string(name)]).instance.id
      _ = try await engine.fire(id, "wait", as: "alice")
      ids[name] = id
    }
    clock.advance(by: 2)
    let due = try await store.claimTimers(now: clock.now(), lease: 60, limit: 10)
    #expect(due.count == 4)
    let hushed = try #require(ids["hushed"])
    _ = try await engine.fire(hushed, "hush", as: "alice")
    let outcomes = await engine.fireTimers(due)
    for (timer, outcome) in zip(due, outcomes) {
      switch (timer.instanceID, outcome) {
      case (ids["first"], .success(.fired(let fired))), (ids["last"], .success(.fired(let fired))):
        #expect(fired.instance.state == "done")
        #expect(fired.entries.map(\.event) == ["ring"])
      case (ids["stuck"], .failure(let refusal)):
        #expect(refusal.code == .rejected)
        #expect(refusal.message.contains("no target of ring"))
      case (hushed, .success(.dropped)):
        break
      default:
        Issue.record("unexpected outcome for \(timer.instanceID): \(outcome)")
      }
    }
    let stuckID = try #require(ids["stuck"])
    let stuck = try #require(try await store.instance(stuckID))
    #expect(stuck.state == "waiting")
    #expect(stuck.revision == 2)
    #expect(try await store.history(of: stuck.id).map(\.event) == ["start", "wait"])
    #expect(try await store.scheduledTimers(limit: nil).map(\.instanceID) == [stuck.id])
    for name in ["first", "last"] {
      let id = try #require(ids[name])
      #expect(try await store.history(of: id).map(\.event) == ["start", "wait", "ring"])
    }
    #expect(try await store.history(of: hushed).map(\.event) == ["start", "wait", "hush"])
  }

  /// On SQLite the pieces share one transaction, each in a savepoint: a piece whose writes
  /// fail half way (its history entry's revision is taken) is undone alone, head included,
  /// while the pieces around it are written.
  @Test func aPieceThatFailsHalfWayIsUndoneAlone() async throws {
    let path = try SQLiteFileTests.path()
    let store = try SQLiteInstanceStore(path: path)
    try await store.saveDefinition(Sample.definition)
    for id in ["r-1", "r-2", "r-3"] {
      try await store.create(Sample.instance(id), uniqueKeys: [], history: Sample.entry(id, 1), outbox: [])
    }
    let requests = ["r-1", "r-2", "r-3"].map { SnapshotRequest(instanceID: $0, neighbourhood: false) }
    let results = try await store.updateEach(requests) { index, snapshot in
      let instance = try #require(snapshot.instance)
      var next = instance
      next.revision += 1
      next.fields = ["n": .int(index)]
      // The middle one's history entry reuses revision 1, which its instance already has.
      let entry = Sample.entry(instance.id, index == 1 ? 1 : next.revision)
      return StoreDecision(
        commit: InstanceCommit(instance: next, expectedRevision: instance.revision, history: entry, outbox: []),
        result: instance.id)
    }
    #expect(results.count == 3)
    #expect((try? results[0].get()) == "r-1")
    #expect((try? results[2].get()) == "r-3")
    #expect(throws: StoreError.self) { try results[1].get() }
    #expect(try await store.instance("r-1")?.revision == 2)
    #expect(try await store.instance("r-3")?.fields == ["n": .int(2)])
    let middle = try #require(try await store.instance("r-2"))
    #expect(middle.revision == 1)
    #expect(middle.fields == [:])
    #expect(try await store.history(of: "r-2").map(\.revision) == [1])
    // The undone piece's head was remembered before its history failed: the next transition
    // is decided on what is stored, revision 1, not on the revision that never committed.
    let request = SnapshotRequest(instanceID: "r-2", neighbourhood: false, knownDigests: ["d1"])
    let seen = try await store.update(request) { snapshot in
      let instance = try #require(snapshot.instance)
      var next = instance
      next.revision += 1
      return StoreDecision(
        commit: InstanceCommit(
          instance: next, expectedRevision: instance.revision, history: Sample.entry("r-2", next.revision),
          outbox: []),
        result: instance.revision)
    }
    #expect(seen == 1)
    #expect(try await store.history(of: "r-2").map(\.revision) == [1, 2])
  }
}
