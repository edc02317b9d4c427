import Foundation
import RunwayModel

/// A store in memory, for the engine's unit tests, scenario runs and benchmarks. Nothing
/// survives the process. Every operation holds one lock: its "transaction".
public final class MemoryInstanceStore: Store, @unchecked Sendable {
  let lock = NSLock()
  var state = MemoryState()

  public init() {}

  func locked<T>(_ body: (inout MemoryState) throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(&state)
  }

  public func saveDefinition(_ definition: StoredDefinition) async throws(StoreError) {
    locked { $0.save(definition) }
  }

  public func definition(digest: String) async throws(StoreError) -> StoredDefinition? {
    locked { $0.definitionsByDigest[digest] }
  }

  public func definitions() async throws(StoreError) -> [StoredDefinition] {
    locked { state in state.definitionOrder.compactMap { state.definitionsByDigest[$0] } }
  }

  public func pinnedCounts() async throws(StoreError) -> [String: Int] {
    locked { state in
      var counts: [String: Int] = [:]
      for instance in state.instancesByID.values { counts[instance.definitionDigest, default: 0] += 1 }
      return counts
    }
  }

  public func create(
    _ instance: Instance, uniqueKeys keys: [String], history: HistoryEntry, outbox entries: [OutboxEntry],
    definition: StoredDefinition?
  ) async throws(StoreError) {
    do {
      try locked { state in
        for key in keys {
          if let existing = state.uniqueKeys[key] { throw StoreError.duplicate(key: key, existingInstance: existing) }
        }
        guard state.instancesByID[instance.id] == nil else {
          throw StoreError.duplicate(key: "id", existingInstance: instance.id)
        }
        if let definition { state.save(definition) }
        for key in keys { state.uniqueKeys[key] = instance.id }
        state.instancesByID[instance.id] = instance
        state.instanceOrder.append(instance.id)
        state.histories[instance.id] = [history]
        state.outbox += entries
      }
    } catch { throw error as? StoreError ?? .unavailable("\(error)") }
  }

  public func commit(_ commit: InstanceCommit) async throws(StoreError) {
    do { try locked { try $0.apply(commit) } } catch { throw error as? StoreError ?? .unavailable("\(error)") }
  }

  public func snapshot(_ request: SnapshotRequest) async throws(StoreError) -> StoreSnapshot {
    do { return try locked { try StoreSnapshot.assemble(request, from: $0) } } catch {
      throw error as? StoreError ?? .unavailable("\(error)")
    }
  }

  public func decideAndWrite(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?
  ) async throws {
    try locked { state in
      if let commit = try decide(try StoreSnapshot.assemble(request, from: state)) { try state.apply(commit) }
    }
  }

  public func claimTask(_ id: String, revision: Int, until: Date, now: Date, force: Bool) async throws(StoreError)
    -> TaskClaim
  {
    locked { state in
      guard state.instancesByID[id]?.revision == revision else { return .moved }
      if let held = state.taskLeases[id], held > now, !force { return .held(until: held) }
      state.taskLeases[id] = until
      return .claimed
    }
  }

  /// The claim on an instance's task run, if any (for tests).
  public func taskLease(of id: String) -> Date? { locked { $0.taskLeases[id] } }

  public func instance(_ id: String) async throws(StoreError) -> Instance? {
    locked { $0.instancesByID[id] }
  }

  public func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance] {
    locked { state in
      let byID = state.instancesByID
      return query.select(state.instanceOrder.lazy.compactMap { byID[$0] })
    }
  }

  public func history(of id: String, last: Int?) async throws(StoreError) -> [HistoryEntry] {
    locked { state in
      let entries = state.histories[id] ?? []
      return last.map { Array(entries.suffix(max($0, 0))) } ?? entries
    }
  }

  /// Every outbox entry written so far, oldest first.
  public func outboxEntries() -> [OutboxEntry] { locked { $0.outbox } }

  public func directory() async throws(StoreError) -> Directory { locked { $0.directory } }

  public func importDirectory(_ directory: Directory, audit: AuditEntry) async throws(StoreError) {
    locked { state in
      state.directory.merge(directory)
      state.generationNumber += 1
      state.audit.append(audit)
    }
  }

  public func settings() async throws(StoreError) -> [SettingValue] { locked { $0.settings } }

  public func setSetting(_ setting: SettingValue, audit: AuditEntry) async throws(StoreError) {
    locked { state in
      state.settings.removeAll { $0.key == setting.key && $0.scope == setting.scope }
      state.settings.append(setting)
      state.generationNumber += 1
      state.audit.append(audit)
    }
  }

  public func auditEntries() async throws(StoreError) -> [AuditEntry] { locked { $0.audit } }

  public func notifications(statuses: Set<OutboxEntry.Status>?, limit: Int?) async throws(StoreError)
    -> [OutboxEntry]
  {
    locked { state in
      let matching = state.outbox.filter { statuses?.contains($0.status) ?? true }
      return limit.map { Array(matching.prefix($0)) } ?? matching
    }
  }

  public func notification(_ deliveryID: String) async throws(StoreError) -> OutboxEntry? {
    locked { state in state.outbox.first { $0.deliveryID == deliveryID } }
  }

  public func claimNotifications(now: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool)
    async throws(StoreError) -> [OutboxEntry]
  {
    locked { state in
      var claimed: [OutboxEntry] = []
      for index in state.outbox.indices where claimed.count < limit {
        let entry = state.outbox[index]
        guard entry.status == .pending, ignoringBackoff || entry.nextAttemptAt <= now else { continue }
        claimed.append(entry)
        state.outbox[index].nextAttemptAt = now + lease
      }
      return claimed
    }
  }

  public func updateNotification(_ entry: OutboxEntry) async throws(StoreError) {
    locked { state in
      guard let index = state.outbox.firstIndex(where: { $0.deliveryID == entry.deliveryID }) else { return }
      state.outbox[index] = entry
    }
  }
}

/// The memory store's data; its reads answer a snapshot the way SQL stores do.
struct MemoryState: SnapshotQueries {
  var definitionsByDigest: [String: StoredDefinition] = [:]
  var definitionOrder: [String] = []
  var instancesByID: [String: Instance] = [:]
  var instanceOrder: [String] = []
  var histories: [String: [HistoryEntry]] = [:]
  var uniqueKeys: [String: String] = [:]
  var outbox: [OutboxEntry] = []
  var directory = Directory()
  var settings: [SettingValue] = []
  var audit: [AuditEntry] = []
  var taskLeases: [String: Date] = [:]
  /// instance → its timers; a claimed timer's key (`MemoryState.timerKey`) → claimed until.
  var timers: [String: [ScheduledTimer]] = [:]
  var timerClaims: [String: Date] = [:]
  var generationNumber = 0
  var tokens: [String: APIToken] = [:]
  var tokenOrder: [String] = []
  var consoleSessions: [String: ConsoleSession] = [:]

  mutating func save(_ definition: StoredDefinition) {
    guard definitionsByDigest[definition.digest] == nil else { return }
    definitionsByDigest[definition.digest] = definition
    definitionOrder.append(definition.digest)
  }

  mutating func apply(_ commit: InstanceCommit) throws(StoreError) {
    let id = commit.instance.id
    // One lookup for the check and the write (W1 commits through here on every fire).
    guard let position = instancesByID.index(forKey: id),
      instancesByID.values[position].revision == commit.expectedRevision
    else {
      throw .revisionMismatch(instance: id, expected: commit.expectedRevision, actual: instancesByID[id]?.revision)
    }
    instancesByID.values[position] = commit.instance
    switch commit.taskLease {
    case .unchanged: break
    case .claim(let until): taskLeases[id] = until
    case .release: taskLeases[id] = nil
    }
    if let replaced = commit.timers { timers[id] = replaced.isEmpty ? nil : replaced }
    histories[id, default: []].append(commit.history)
    outbox += commit.outbox
  }

  func instance(_ id: String) throws(StoreError) -> (instance: Instance?, generation: Int) {
    (instancesByID[id], generationNumber)
  }
  func generation() throws(StoreError) -> Int { generationNumber }
  func definition(digest: String) throws(StoreError) -> StoredDefinition? { definitionsByDigest[digest] }

  func records(_ ids: Set<String>) throws(StoreError) -> Directory {
    var found = Directory()
    for id in ids { found.merge(directory.records(withID: id)) }
    return found
  }

  func members(of workspaces: Set<String>) throws(StoreError) -> Set<String> {
    Set(
      directory.actors.compactMap { id, actor in
        actor.memberships.contains { workspaces.contains($0.workspace) } ? id : nil
      })
  }

  func settings(scopes: Set<String>) throws(StoreError) -> [SettingValue] {
    settings.filter { $0.scope.map(scopes.contains) ?? true }
  }

  func lastActors(_ instanceID: String, events: Set<String>) throws(StoreError) -> [String: String] {
    var actors: [String: String] = [:]
    for entry in histories[instanceID] ?? [] where events.contains(entry.event) { actors[entry.event] = entry.actor }
    return actors
  }

  func lastEntry(_ instanceID: String) throws(StoreError) -> HistoryEntry? { histories[instanceID]?.last }
  func timers(_ instanceID: String) throws(StoreError) -> [ScheduledTimer] { timers[instanceID] ?? [] }
}
