import Foundation
import RunwayEngine
import RunwayModel
import RunwayPostgres
import RunwaySQLite
import RunwayTestSupport
import Testing

/// The store backends; a new backend adds a case and must pass every contract test.
/// PostgreSQL takes part when `RUNWAY_TEST_POSTGRES_URL` names a server (`.ci/run` and
/// `scripts/postgres-dev.sh start` set it).
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case memory, sqlite, postgres

  var testDescription: String { rawValue }

  /// The backends this run can test.
  static var allCases: [StoreBackend] {
    PostgresScratch.serverURL == nil ? [.memory, .sqlite] : [.memory, .sqlite, .postgres]
  }

  func make() async throws -> any Store {
    switch self {
    case .memory: return MemoryInstanceStore()
    case .sqlite:
      let folder = try ScratchFolder.make("runway-store")
      return try SQLiteInstanceStore(path: folder.appendingPathComponent("runway.db").path)
    case .postgres:
      return try await PostgresInstanceStore(try await PostgresScratch.database())
    }
  }
}

/// Sample records.
enum Sample {
  static let at = Timestamp.rounded(Date(timeIntervalSince1970: 1_780_000_000.123))
  static let definition = StoredDefinition(
    digest: "d1", workflow: "w", definitionJSON: "{}", sourcePath: "w.yaml", sourceText: "workflow: w\n",
    storedAt: at)

  static func instance(_ id: String, revision: Int = 1, state: String = "selected", fields: [String: Value] = [:])
    -> Instance
  {
    Instance(
      id: id, workflow: "w", definitionDigest: "d1", state: state, revision: revision,
      fields: fields, initiator: "alice", createdAt: at, updatedAt: at + Double(revision))
  }

  static func entry(
    _ id: String, _ revision: Int, event: String = "e", from: String? = "selected", to: String = "selected"
  )
    -> HistoryEntry
  {
    HistoryEntry(
      instanceID: id, revision: revision, event: event, from: revision == 1 ? nil : from, to: to,
      actor: "alice", at: at + Double(revision), params: ["n": .int(revision)])
  }

  static let everyKindOfValue: [String: Value] = [
    "s": .string("text with \"quotes\" and ünïcode"), "i": .int(-42), "b": .bool(true), "n": .null,
    "set": .set(["u-1", "u-2"]), "empty": .set([]),
    "map": .map(["list": .list([.int(1), .string("x"), .map(["deep": .bool(false)])]), "$odd": .string("key")]),
    "plainMap": .map(["a": .int(1)]),
  ]
}

@Suite("InstanceStore contract")
struct InstanceStoreContractTests {
  @Test(arguments: StoreBackend.allCases)
  func createAndReadBack(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.saveDefinition(Sample.definition)
    let instance = Sample.instance("r-1", fields: Sample.everyKindOfValue)
    try await store.create(instance, uniqueKeys: ["k1"], history: Sample.entry("r-1", 1), outbox: [])
    #expect(try await store.instance("r-1") == instance)
    #expect(try await store.history(of: "r-1") == [Sample.entry("r-1", 1)])
    #expect(try await store.instance("r-2") == nil)
    #expect(try await store.history(of: "r-2") == [])
  }

  @Test(arguments: StoreBackend.allCases)
  func commitIsACompareAndSwap(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.saveDefinition(Sample.definition)
    try await store.create(Sample.instance("r-1"), uniqueKeys: [], history: Sample.entry("r-1", 1), outbox: [])
    let second = Sample.instance("r-1", revision: 2, state: "ready")
    try await store.commit(second, expectedRevision: 1, history: Sample.entry("r-1", 2, to: "ready"), outbox: [])
    // A writer that read revision 1 loses, and writes nothing.
    let stale = Sample.instance("r-1", revision: 2, state: "cancelled")
    await #expect {
      try await store.commit(stale, expectedRevision: 1, history: Sample.entry("r-1", 2, to: "cancelled"), outbox: [])
    } throws: { error in
      (error as? StoreError) == .revisionMismatch(instance: "r-1", expected: 1, actual: 2)
    }
    #expect(try await store.instance("r-1") == second)
    #expect(try await store.history(of: "r-1").map(\.to) == ["selected", "ready"])
    await #expect(throws: StoreError.self) {
      try await store.commit(
        Sample.instance("r-9", revision: 2), expectedRevision: 1, history: Sample.entry("r-9", 2), outbox: [])
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func uniqueKeysRefuseDuplicatesAndWriteNothing(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.saveDefinition(Sample.definition)
    try await store.create(Sample.instance("r-1"), uniqueKeys: ["a", "b"], history: Sample.entry("r-1", 1), outbox: [])
    await #expect {
      try await store.create(
        Sample.instance("r-2"), uniqueKeys: ["c", "b"], history: Sample.entry("r-2", 1), outbox: [])
    } throws: { ($0 as? StoreError) == .duplicate(key: "b", existingInstance: "r-1") }
    #expect(try await store.instance("r-2") == nil)
    #expect(try await store.history(of: "r-2").isEmpty)
    // "c" was not kept by the refused create.
    try await store.create(Sample.instance("r-3"), uniqueKeys: ["c"], history: Sample.entry("r-3", 1), outbox: [])
  }

  @Test(arguments: StoreBackend.allCases)
  func historyIsInRevisionOrder(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.saveDefinition(Sample.definition)
    try await store.create(Sample.instance("r-1"), uniqueKeys: [], history: Sample.entry("r-1", 1), outbox: [])
    for revision in 2...20 {
      try await store.commit(
        Sample.instance("r-1", revision: revision), expectedRevision: revision - 1,
        history: Sample.entry("r-1", revision), outbox: [])
    }
    let history = try await store.history(of: "r-1")
    #expect(history.map(\.revision) == Array(1...20))
    #expect(history.last == Sample.entry("r-1", 20))
    // The newest entries only, still in revision order; another instance's are not among them.
    try await store.create(Sample.instance("r-2"), uniqueKeys: [], history: Sample.entry("r-2", 1), outbox: [])
    #expect(try await store.history(of: "r-1", last: 3).map(\.revision) == [18, 19, 20])
    #expect(try await store.history(of: "r-1", last: 1) == [Sample.entry("r-1", 20)])
    #expect(try await store.history(of: "r-1", last: 50).map(\.revision) == Array(1...20))
    #expect(try await store.history(of: "r-2", last: 5) == [Sample.entry("r-2", 1)])
    #expect(try await store.history(of: "r-9", last: 5) == [])
  }

  @Test(arguments: StoreBackend.allCases)
  func definitionsAreKeptOncePerDigest(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.saveDefinition(Sample.definition)
    var changed = Sample.definition
    changed.sourceText = "something else"
    try await store.saveDefinition(changed)
    var second = Sample.definition
    second.digest = "d2"
    try await store.saveDefinition(second)
    #expect(try await store.definitions() == [Sample.definition, second])
    #expect(try await store.definition(digest: "d1") == Sample.definition)
    #expect(try await store.definition(digest: "nope") == nil)
  }

  @Test(arguments: StoreBackend.allCases)
  func directoryImportsAddAndUpdateInPlace(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    let first = Directory(
      records: [
        "apps": ["superpay": ["name": .string("SuperPay")]], "merchants": ["acme": ["name": .string("Acme")]],
        "miniPrograms": [
          "shop": [
            "name": .string("Shop"), "merchant": .string("acme"), "versions": .set(["1.0.0"]),
            "configuration": .map(["a": .int(1)]),
          ]
        ],
      ],
      actors: [
        "alice": Actor(
          name: "Alice", email: "a@x.example",
          memberships: [Membership(workspace: "acme", role: "developer", assigned: ["shop"])])
      ])
    try await store.importDirectory(first)
    #expect(try await store.directory() == first)
    let update = Directory(records: [
      "miniPrograms": [
        "shop": [
          "name": .string("Shop 2"), "merchant": .string("acme"), "versions": .set(["1.0.0", "2.0.0"]),
          "icon": .string("i.png"),
        ]
      ]
    ])
    try await store.importDirectory(update)
    var expected = first
    expected.insert("miniPrograms", "shop", update.record("miniPrograms", "shop") ?? [:])
    #expect(try await store.directory() == expected)
  }

  @Test(arguments: StoreBackend.allCases)
  func settingsRoundTripGlobalAndScoped(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.setSetting(SettingValue(key: "pilot", scope: nil, value: .bool(false)))
    try await store.setSetting(SettingValue(key: "pilot", scope: "superpay", value: .bool(true)))
    try await store.setSetting(SettingValue(key: "pilot", scope: nil, value: .bool(true)))
    let settings = try await store.settings()
    #expect(
      Set(settings) == [
        SettingValue(key: "pilot", scope: nil, value: .bool(true)),
        SettingValue(key: "pilot", scope: "superpay", value: .bool(true)),
      ])
  }

  @Test(arguments: StoreBackend.allCases)
  func outboxEntriesAreWrittenWithTheirCommit(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.saveDefinition(Sample.definition)
    try await store.create(Sample.instance("r-1"), uniqueKeys: [], history: Sample.entry("r-1", 1), outbox: [])
    let notification = OutboxEntry(
      deliveryID: "r-1-2-mail", instanceID: "r-1", revision: 2, notification: "mail",
      recipients: [.init(actor: "alice", email: "a@x.example")], subject: "s", body: "b", payload: "{}",
      createdAt: Sample.at)
    try await store.commit(
      Sample.instance("r-1", revision: 2), expectedRevision: 1, history: Sample.entry("r-1", 2), outbox: [notification])
    // A refused commit writes no notification either.
    var duplicate = notification
    duplicate.deliveryID = "r-1-2-other"
    await #expect(throws: StoreError.self) {
      try await store.commit(
        Sample.instance("r-1", revision: 2), expectedRevision: 1, history: Sample.entry("r-1", 2), outbox: [duplicate])
    }
    #expect(try await store.notifications(statuses: nil) == [notification])
    #expect(try await store.notifications(statuses: [.dead]).isEmpty)
    // A claim takes it once; a second claim within the lease finds nothing.
    #expect(
      try await store.claimNotifications(now: Sample.at, lease: 60, limit: 10, ignoringBackoff: false).map(\.deliveryID)
        == ["r-1-2-mail"])
    #expect(
      try await store.claimNotifications(now: Sample.at + 1, lease: 60, limit: 10, ignoringBackoff: false).isEmpty)
    var delivered = notification
    delivered.status = .delivered
    delivered.attempts = 1
    try await store.updateNotification(delivered)
    #expect(try await store.notifications(statuses: [.delivered]) == [delivered])
    // One entry is found by its delivery id; a refused commit's id and an unknown one are not.
    #expect(try await store.notification("r-1-2-mail") == delivered)
    #expect(try await store.notification("r-1-2-other") == nil)
    #expect(try await store.notification("no-such-delivery") == nil)
    #expect(
      try await store.claimNotifications(now: Sample.at + 120, lease: 60, limit: 10, ignoringBackoff: true).isEmpty)
  }

  @Test(arguments: StoreBackend.allCases)
  func queriesFilterByWorkflowStateAndFields(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.saveDefinition(Sample.definition)
    for (id, state, app) in [
      ("r-1", "ready", "superpay"), ("r-2", "released", "superpay"), ("r-3", "ready", "walletgo"),
    ] {
      try await store.create(
        Sample.instance(id, state: state, fields: ["targetApp": .string(app)]), uniqueKeys: [],
        history: Sample.entry(id, 1), outbox: [])
    }
    #expect(try await store.instances(matching: InstanceQuery()).map(\.id) == ["r-1", "r-2", "r-3"])
    #expect(try await store.instances(matching: InstanceQuery(states: ["ready"])).map(\.id) == ["r-1", "r-3"])
    #expect(
      try await store.instances(matching: InstanceQuery(fieldEquals: ["targetApp": .string("superpay")])).map(\.id)
        == ["r-1", "r-2"])
    #expect(try await store.instances(matching: InstanceQuery(workflow: "other")).isEmpty)
    #expect(try await store.instances(matching: InstanceQuery(limit: 2)).count == 2)
  }
}
