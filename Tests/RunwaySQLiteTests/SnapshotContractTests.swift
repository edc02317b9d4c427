import Foundation
import RunwayEngine
import RunwayModel
import Testing

/// What every backend must do for the application API: read an instance with the records
/// around it in one snapshot, decide and write in one update, index fields for queries,
/// count pinned definitions and audit settings and directory changes.
@Suite("Snapshot and index contract")
struct SnapshotContractTests {
  static let directory = Directory(
    records: [
      "apps": ["superpay": ["name": .string("SuperPay")], "walletgo": ["name": .string("WalletGo")]],
      "merchants": ["acme": ["name": .string("Acme")], "globex": ["name": .string("Globex")]],
      "miniPrograms": [
        "shop": ["name": .string("Shop"), "merchant": .string("acme"), "versions": .set(["1.0.0"])],
        "trips": ["name": .string("Trips"), "merchant": .string("globex")],
      ],
    ],
    actors: [
      "alice": Actor(name: "Alice", memberships: [Membership(workspace: "acme", role: "developer-admin")]),
      "wendy": Actor(name: "Wendy", memberships: [Membership(workspace: "superpay", role: "workspace-admin")]),
      "olga": Actor(name: "Olga", memberships: [Membership(workspace: "walletgo", role: "workspace-admin")]),
      "gina": Actor(name: "Gina", memberships: [Membership(workspace: "globex", role: "developer-admin")]),
    ])

  static let fields: [String: Value] = [
    "miniProgram": .string("shop"), "targetApp": .string("superpay"), "environment": .string("production"),
    "testers": .set(["u-1"]),
  ]

  static func seeded(_ backend: StoreBackend) async throws -> any Store {
    let store = try await backend.make()
    try await store.importDirectory(directory)
    try await store.setSetting(SettingValue(key: "pilot", scope: nil, value: .bool(false)))
    try await store.setSetting(SettingValue(key: "pilot", scope: "superpay", value: .bool(true)))
    try await store.setSetting(SettingValue(key: "pilot", scope: "walletgo", value: .bool(true)))
    try await store.create(
      Sample.instance("r-1", fields: fields), uniqueKeys: [], history: Sample.entry("r-1", 1), outbox: [],
      definition: Sample.definition)
    return store
  }

  @Test(arguments: StoreBackend.allCases)
  func aSnapshotReadsOnlyTheRecordsAroundTheInstance(_ backend: StoreBackend) async throws {
    let store = try await Self.seeded(backend)
    let snapshot = try await store.snapshot(
      SnapshotRequest(instanceID: "r-1", ids: ["wendy"], actorEvents: ["e"], lastEntry: true))
    #expect(snapshot.instance == Sample.instance("r-1", fields: Self.fields))
    #expect(snapshot.definition == Sample.definition)
    #expect(snapshot.lastEntry == Sample.entry("r-1", 1))
    #expect(snapshot.lastActors == ["e": "alice"])
    let directory = try #require(snapshot.directory)
    // The mini program, its merchant (named by the program), the app, the members of both
    // workspaces and the initiator; nothing of walletgo or globex.
    #expect(Set(directory.ids(of: "miniPrograms")) == ["shop"])
    #expect(Set(directory.ids(of: "merchants")) == ["acme"])
    #expect(Set(directory.ids(of: "apps")) == ["superpay"])
    #expect(Set(directory.actors.keys) == ["alice", "wendy"])
    #expect(directory.record("miniPrograms", "shop") == Self.directory.record("miniPrograms", "shop"))
    #expect(
      Set(snapshot.settings ?? []) == [
        SettingValue(key: "pilot", scope: nil, value: .bool(false)),
        SettingValue(key: "pilot", scope: "superpay", value: .bool(true)),
      ])
    // A digest the caller holds is not read again; a missing instance still reads the caller.
    let known = try await store.snapshot(
      SnapshotRequest(instanceID: "r-1", neighbourhood: false, knownDigests: ["d1"]))
    #expect(known.definition == nil && known.directory == nil && known.instance != nil)
    let missing = try await store.snapshot(SnapshotRequest(instanceID: "r-404", ids: ["olga"]))
    #expect(missing.instance == nil)
    #expect(Set(missing.directory?.actors.keys ?? [:].keys) == ["olga"])
  }

  @Test(arguments: StoreBackend.allCases)
  func everyChangeOfSettingsOrDirectoryBumpsTheGenerationAndIsAudited(_ backend: StoreBackend) async throws {
    let store = try await Self.seeded(backend)
    let before = try await store.snapshot(SnapshotRequest(instanceID: nil)).generation
    let audit = AuditEntry(operation: AuditEntry.settingsSet, actor: "ops", at: Sample.at, summary: "pilot = false")
    try await store.setSetting(SettingValue(key: "pilot", scope: "superpay", value: .bool(false)), audit: audit)
    #expect(try await store.snapshot(SnapshotRequest(instanceID: nil)).generation == before + 1)
    #expect(try await store.auditEntries().last == audit)
    try await store.importDirectory(Directory(records: ["apps": ["x": ["name": .string("X")]]]))
    #expect(try await store.snapshot(SnapshotRequest(instanceID: nil)).generation == before + 2)
    #expect(try await store.auditEntries().count == 6)  // 1 import + 3 settings in setup, then these two
  }

  @Test(arguments: StoreBackend.allCases)
  func anUpdateWritesWhatIsDecidedAndARefusalNothing(_ backend: StoreBackend) async throws {
    let store = try await Self.seeded(backend)
    struct Refused: Error {}
    await #expect(throws: Refused.self) {
      _ = try await store.update(SnapshotRequest(instanceID: "r-1")) { _ -> StoreDecision<Int> in throw Refused() }
    }
    #expect(try await store.history(of: "r-1").count == 1)
    var next = Sample.instance("r-1", revision: 2, state: "ready", fields: Self.fields)
    next.fields["environment"] = .string("sandbox")
    let result = try await store.update(SnapshotRequest(instanceID: "r-1")) { snapshot in
      StoreDecision(
        commit: InstanceCommit(
          instance: next, expectedRevision: snapshot.instance?.revision ?? 0,
          history: Sample.entry("r-1", 2, to: "ready"),
          outbox: [], index: InstanceIndex.changed(from: Self.fields, to: next.fields)),
        result: snapshot.instance?.revision ?? 0)
    }
    #expect(result == 1)
    #expect(try await store.instance("r-1") == next)
    // The index follows the change: the old value no longer finds it, the new one does.
    #expect(
      try await store.instances(matching: InstanceQuery(fieldEquals: ["environment": .string("production")])).isEmpty)
    #expect(
      try await store.instances(matching: InstanceQuery(fieldEquals: ["environment": .string("sandbox")])).map(\.id)
        == ["r-1"])
  }

  /// Texts a transition writes and reads come back byte for byte: an empty text stays empty
  /// (not missing), a missing one missing, and text beyond ASCII whole.
  @Test(arguments: StoreBackend.allCases)
  func textsComeBackFromAnUpdateAsTheyWereWritten(_ backend: StoreBackend) async throws {
    let store = try await Self.seeded(backend)
    var next = Sample.instance("r-1", revision: 2, fields: Self.fields)
    next.fields["environment"] = .string("")
    next.fields["note"] = .string("ünïcode, 漢字 and 🚀 \"quoted\"\n")
    var entry = Sample.entry("r-1", 2)
    entry.note = ""
    entry.params = ["empty": .string(""), "rocket": .string("🚀")]
    try await store.update(SnapshotRequest(instanceID: "r-1")) { snapshot in
      StoreDecision(
        commit: InstanceCommit(
          instance: next, expectedRevision: snapshot.instance?.revision ?? 0, history: entry, outbox: [],
          index: InstanceIndex.changed(from: Self.fields, to: next.fields)),
        result: ())
    }
    let snapshot = try await store.snapshot(SnapshotRequest(instanceID: "r-1", neighbourhood: false))
    #expect(snapshot.instance == next)
    let history = try await store.history(of: "r-1")
    #expect(history.last == entry)
    #expect(history.last?.note == "")
    #expect(history.first?.note == nil)
  }

  @Test(arguments: StoreBackend.allCases)
  func queriesMatchIndexedAndUnindexedFieldsAndCountPins(_ backend: StoreBackend) async throws {
    let store = try await Self.seeded(backend)
    var second = Self.fields
    second["targetApp"] = .string("walletgo")
    second["percent"] = .int(5)
    try await store.create(
      Sample.instance("r-2", fields: second), uniqueKeys: [], history: Sample.entry("r-2", 1), outbox: [])
    let both = InstanceQuery(fieldEquals: ["miniProgram": .string("shop")])
    #expect(try await store.instances(matching: both).map(\.id) == ["r-1", "r-2"])
    var limited = both
    limited.limit = 1
    #expect(try await store.instances(matching: limited).map(\.id) == ["r-1"])
    let app = InstanceQuery(fieldEquals: ["miniProgram": .string("shop"), "targetApp": .string("walletgo")])
    #expect(try await store.instances(matching: app).map(\.id) == ["r-2"])
    // An int is not indexed; the store still answers it exactly.
    let percent = InstanceQuery(fieldEquals: ["percent": .int(5)], limit: 5)
    #expect(try await store.instances(matching: percent).map(\.id) == ["r-2"])
    #expect(
      try await store.instances(
        matching: InstanceQuery(states: ["selected"], fieldEquals: ["targetApp": .string("nowhere")])
      ).isEmpty)
    #expect(try await store.pinnedCounts() == ["d1": 2])
  }
}

/// Claims on task runs: entering a task state claims, leaving releases, a resume claims only
/// what has run out (or with force), and only at the revision it read.
@Suite("Task claim contract")
struct TaskClaimContractTests {
  @Test(arguments: StoreBackend.allCases)
  func claimsRunOutAndAreTakenOnce(_ backend: StoreBackend) async throws {
    let store = try await SnapshotContractTests.seeded(backend)
    let now = Sample.at
    var building = Sample.instance("r-1", revision: 2, state: "building", fields: SnapshotContractTests.fields)
    var commit = InstanceCommit(
      instance: building, expectedRevision: 1, history: Sample.entry("r-1", 2, to: "building"), outbox: [])
    commit.taskLease = .claim(until: now + 60)
    try await store.commit(commit)
    #expect(
      try await store.claimTask("r-1", revision: 2, until: now + 120, now: now, force: false) == .held(until: now + 60))
    #expect(try await store.claimTask("r-1", revision: 1, until: now + 120, now: now + 61, force: false) == .moved)
    #expect(try await store.claimTask("r-1", revision: 2, until: now + 120, now: now + 61, force: false) == .claimed)
    #expect(
      try await store.claimTask("r-1", revision: 2, until: now + 200, now: now + 62, force: false)
        == .held(until: now + 120))
    #expect(try await store.claimTask("r-1", revision: 2, until: now + 200, now: now + 62, force: true) == .claimed)
    // The outcome leaves the task state and releases the claim.
    building.revision = 3
    building.state = "ready"
    var outcome = InstanceCommit(
      instance: building, expectedRevision: 2, history: Sample.entry("r-1", 3, from: "building", to: "ready"),
      outbox: [])
    outcome.taskLease = .release
    try await store.commit(outcome)
    #expect(try await store.claimTask("r-1", revision: 3, until: now + 300, now: now, force: false) == .claimed)
  }
}
