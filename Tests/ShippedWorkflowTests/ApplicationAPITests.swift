import Foundation
import RunwayEngine
import RunwayModel
import RunwaySQLite
import Testing

/// The application API every front end calls: what an operation costs in transactions, the
/// blockers of refused events, and settings and directory changes as audited operations.
@Suite struct ApplicationAPITests {
  /// A fixture whose engine goes through a counting store.
  static func counted(cached: Bool) async throws -> (ReleaseFixture, CountingStore, Runway) {
    var fixture = try await ReleaseFixture()
    let counting = CountingStore(fixture.store)
    let catalog = try ReleaseFixture.catalog()
    fixture.engine =
      cached ? try await Engine.open(catalog: catalog, store: counting) : Engine(catalog: catalog, store: counting)
    return (fixture, counting, Runway(engine: fixture.engine))
  }

  @Test(arguments: [false, true])
  func aFireIsOneTransactionAndReadsNothingElse(cached: Bool) async throws {
    let (fixture, counting, runway) = try await Self.counted(cached: cached)
    let instance = try await fixture.release(in: "ready")
    counting.reset()
    let outcome = try await runway.fire(instance.id, "apply", params: [:], caller: Caller(actor: "dev-admin"))
    #expect(counting.calls == ["update": 1])
    #expect(outcome.instance.state == "under-review")
    // The outcome carries what a printer needs: the view of the new state, with its events.
    #expect(outcome.view?.instance == outcome.instance)
    #expect(outcome.view?.lastEntry?.event == "apply")
    #expect(outcome.notifications.map(\.notification) == ["review-requested"])
    #expect(Set(outcome.notifications.first?.recipients.map(\.actor) ?? []) == ["ws-admin", "ws-dev-assigned"])

    counting.reset()
    let approved = try await runway.fire(instance.id, "approve", params: [:], caller: Caller(actor: "ws-admin"))
    #expect(counting.calls == ["update": 1])
    // `review-result` goes to whoever applied, found in the same read.
    #expect(approved.notifications.first?.recipients.map(\.actor) == ["dev-admin"])
  }

  @Test func aTaskStateCostsOneTransactionPerStep() async throws {
    let (fixture, counting, runway) = try await Self.counted(cached: false)
    let instance = try await fixture.start()
    counting.reset()
    let outcome = try await runway.fire(instance.id, "release", params: [:], caller: Caller(actor: "dev-admin"))
    #expect(outcome.instance.state == "ready")
    #expect(counting.calls == ["update": 2])  // release, then the build's success
  }

  @Test func aViewIsOneRead() async throws {
    let (fixture, counting, runway) = try await Self.counted(cached: false)
    let instance = try await fixture.release(in: "under-review")
    counting.reset()
    let view = try await runway.view(instance.id, caller: Caller(actor: "ws-admin"))
    #expect(counting.calls == ["snapshot": 1])
    #expect(view.events == ["approve", "reject"])
    #expect(view.lastEntry?.event == "apply")
  }

  @Test func aRefusalWritesNothing() async throws {
    let (fixture, counting, runway) = try await Self.counted(cached: false)
    let instance = try await fixture.release(in: "under-review")
    let before = try await fixture.snapshot(instance.id)
    counting.reset()
    await #expect {
      _ = try await runway.fire(instance.id, "approve", params: [:], caller: Caller(actor: "dev-admin"))
    } throws: { ($0 as? EngineError)?.code == .forbidden }
    #expect(counting.calls == ["update": 1])
    let after = try await fixture.snapshot(instance.id)
    #expect(after.0 == before.0 && after.1 == before.1)
  }

  @Test func everyRefusedEventNamesItsBlockers() async throws {
    let fixture = try await ReleaseFixture()
    let runway = Runway(engine: fixture.engine)
    let instance = try await fixture.release(in: "under-review")

    let reviewer = try await runway.events(instance.id, caller: Caller(actor: "ws-admin"))
    let allowed = reviewer.filter(\.allowed).map(\.event)
    #expect(allowed == ["approve", "reject"])
    let reject = try #require(reviewer.first { $0.event == "reject" })
    #expect(reject.params.map(\.name) == ["reason"] && reject.params.first?.required == true)
    let apply = try #require(reviewer.first { $0.event == "apply" })
    #expect(apply.blockers.map(\.code) == [.role, .state])
    #expect(
      apply.blockers.last?.message.contains("apply is not possible while \(instance.id) is in under-review") == true)

    let unassigned = try await runway.events(instance.id, caller: Caller(actor: "ws-dev-unassigned"))
    let approve = try #require(unassigned.first { $0.event == "approve" })
    #expect(!approve.allowed)
    #expect(approve.blockers.map(\.code) == [.role])
    #expect(approve.blockers.first?.message.contains("shop is not assigned to ws-dev-unassigned") == true)
    #expect(unassigned.allSatisfy { !$0.allowed })

    let stranger = try await runway.events(instance.id, caller: Caller(actor: "ghost"))
    #expect(stranger.allSatisfy { $0.blockers.contains { $0.code == .actor } })
    // Task outcomes are the system's and are not listed.
    #expect(!reviewer.contains { $0.event == "success" || $0.event == "failure" })
  }

  @Test func settingsAndDirectoryChangesNeedAdministrationAndAreAudited() async throws {
    let fixture = try await ReleaseFixture()
    let runway = Runway(engine: fixture.engine)
    let auditBefore = try await fixture.store.auditEntries()

    await #expect {
      _ = try await runway.setSetting(
        "pilotTestingRequired", text: "true", scope: "superpay", caller: Caller(actor: "ws-admin"))
    } throws: { ($0 as? EngineError)?.code == .forbidden }
    await #expect {
      try await runway.importDirectory(
        Directory(records: ["apps": ["evil": ["name": .string("Evil")]]]), from: "x.yaml",
        caller: Caller(actor: "ws-admin"))
    } throws: { ($0 as? EngineError)?.code == .forbidden }
    #expect(try await fixture.store.settings().isEmpty)
    #expect(try await fixture.store.directory().record("apps", "evil") == nil)
    #expect(try await fixture.store.auditEntries() == auditBefore)

    await #expect {
      _ = try await runway.setSetting(
        "pilotTestingRequired", text: "maybe", scope: nil, caller: .storeOperator(as: "ops"))
    } throws: { ($0 as? EngineError)?.code == .invalidInput }
    await #expect {
      _ = try await runway.setSetting(
        "pilotTestingRequired", text: "true", scope: "nowhere", caller: .storeOperator(as: "ops"))
    } throws: { ($0 as? EngineError)?.code == .notFound }
    #expect(try await fixture.store.settings().isEmpty)

    let stored = try await runway.setSetting(
      "pilotTestingRequired", text: "true", scope: "superpay", caller: .storeOperator(as: "ops"))
    #expect(stored == SettingValue(key: "pilotTestingRequired", scope: "superpay", value: .bool(true)))
    try await runway.importDirectory(
      Directory(records: ["apps": ["newapp": ["name": .string("New")]]]), from: "more.yaml",
      caller: .storeOperator(as: nil))
    let audit = try await runway.audit(caller: .storeOperator(as: nil)).dropFirst(auditBefore.count)
    #expect(audit.map(\.operation) == [AuditEntry.settingsSet, AuditEntry.directoryImport])
    #expect(audit.map(\.actor) == ["ops", AuditEntry.storeOperator])
    #expect(audit.first?.summary == "pilotTestingRequired = true for superpay")
    #expect(audit.last?.summary.contains("1 apps") == true)
  }

  @Test func aLongLivedEngineSeesAnotherWritersSettingsChange() async throws {
    let fixture = try await ReleaseFixture(cached: true)
    let instance = try await fixture.release(in: "under-review")
    // Another process (here another application over the same file) requires pilot testing.
    let other = Runway(catalog: fixture.engine.catalog, store: try SQLiteInstanceStore(path: fixture.store.path))
    _ = try await other.setSetting(
      "pilotTestingRequired", text: "true", scope: "superpay", caller: .storeOperator(as: "ops"))
    let approved = try await fixture.engine.fire(instance.id, "approve", as: "ws-admin")
    #expect(approved.instance.state == "pilot-testing")
  }

  @Test func paramsAreTypedByOneRuleFromText() async throws {
    let fixture = try await ReleaseFixture()
    let runway = Runway(engine: fixture.engine)
    let instance = try await fixture.release(in: "release-preparation")
    let caller = Caller(actor: "dev-admin")
    await #expect {
      _ = try await runway.fire(instance.id, "grayscale", params: ["percent": .text("ten")], caller: caller)
    } throws: {
      ($0 as? EngineError)?.code == .invalidInput && ($0 as? EngineError)?.message.hasSuffix("not \"ten\"") == true
    }
    let raised = try await runway.fire(instance.id, "grayscale", params: ["percent": .text("10")], caller: caller)
    #expect(raised.instance.fields["grayscalePercent"] == .int(10))
    #expect(raised.entries.first?.params == ["percent": .int(10)])
  }
}
