import Foundation
import RunwayModel

/// A store in memory, for the engine's unit tests, scenario runs and benchmarks. Nothing
/// survives the process.
public final class MemoryInstanceStore: InstanceStore, @unchecked Sendable {
  let lock = NSLock()
  private var definitionsByDigest: [String: StoredDefinition] = [:]
  private var definitionOrder: [String] = []
  private var instancesByID: [String: Instance] = [:]
  private var instanceOrder: [String] = []
  private var histories: [String: [HistoryEntry]] = [:]
  private var uniqueKeys: [String: String] = [:]
  var outbox: [OutboxEntry] = []
  private var storedDirectory = Directory()
  private var storedSettings: [SettingValue] = []

  public init() {}

  private func locked<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  public func saveDefinition(_ definition: StoredDefinition) async throws(StoreError) {
    lock.withLock {
      guard definitionsByDigest[definition.digest] == nil else { return }
      definitionsByDigest[definition.digest] = definition
      definitionOrder.append(definition.digest)
    }
  }

  public func definition(digest: String) async throws(StoreError) -> StoredDefinition? {
    lock.withLock { definitionsByDigest[digest] }
  }

  public func definitions() async throws(StoreError) -> [StoredDefinition] {
    lock.withLock { definitionOrder.compactMap { definitionsByDigest[$0] } }
  }

  public func create(
    _ instance: Instance, uniqueKeys keys: [String], history: HistoryEntry, outbox entries: [OutboxEntry]
  ) async throws(StoreError) {
    try locked { () throws(StoreError) in
      for key in keys {
        if let existing = uniqueKeys[key] { throw .duplicate(key: key, existingInstance: existing) }
      }
      guard instancesByID[instance.id] == nil else {
        throw .duplicate(key: "id", existingInstance: instance.id)
      }
      for key in keys { uniqueKeys[key] = instance.id }
      instancesByID[instance.id] = instance
      instanceOrder.append(instance.id)
      histories[instance.id] = [history]
      outbox += entries
    }
  }

  public func commit(
    _ instance: Instance, expectedRevision: Int, history: HistoryEntry, outbox entries: [OutboxEntry]
  ) async throws(StoreError) {
    try locked { () throws(StoreError) in
      let actual = instancesByID[instance.id]?.revision
      guard actual == expectedRevision else {
        throw .revisionMismatch(instance: instance.id, expected: expectedRevision, actual: actual)
      }
      instancesByID[instance.id] = instance
      histories[instance.id, default: []].append(history)
      outbox += entries
    }
  }

  public func instance(_ id: String) async throws(StoreError) -> Instance? {
    lock.withLock { instancesByID[id] }
  }

  public func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance] {
    lock.withLock { query.select(instanceOrder.lazy.compactMap { self.instancesByID[$0] }) }
  }

  public func history(of id: String) async throws(StoreError) -> [HistoryEntry] {
    lock.withLock { histories[id] ?? [] }
  }

  /// Every outbox entry written so far, oldest first.
  public func outboxEntries() -> [OutboxEntry] { lock.withLock { outbox } }

  public func directory() async throws(StoreError) -> Directory { lock.withLock { storedDirectory } }

  public func importDirectory(_ directory: Directory) async throws(StoreError) {
    lock.withLock {
      storedDirectory.apps.merge(directory.apps) { _, new in new }
      storedDirectory.merchants.merge(directory.merchants) { _, new in new }
      storedDirectory.miniPrograms.merge(directory.miniPrograms) { _, new in new }
      storedDirectory.actors.merge(directory.actors) { _, new in new }
    }
  }

  public func settings() async throws(StoreError) -> [SettingValue] { lock.withLock { storedSettings } }

  public func setSetting(_ setting: SettingValue) async throws(StoreError) {
    lock.withLock {
      storedSettings.removeAll { $0.key == setting.key && $0.scope == setting.scope }
      storedSettings.append(setting)
    }
  }
}

extension MemoryInstanceStore {
  public func notifications(statuses: Set<OutboxEntry.Status>?) async throws(StoreError) -> [OutboxEntry] {
    lock.withLock { outbox.filter { statuses?.contains($0.status) ?? true } }
  }

  public func claimNotifications(now: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool)
    async throws(StoreError) -> [OutboxEntry]
  {
    lock.withLock {
      var claimed: [OutboxEntry] = []
      for index in outbox.indices where claimed.count < limit {
        guard outbox[index].status == .pending, ignoringBackoff || outbox[index].nextAttemptAt <= now else { continue }
        claimed.append(outbox[index])
        outbox[index].nextAttemptAt = now + lease
      }
      return claimed
    }
  }

  public func updateNotification(_ entry: OutboxEntry) async throws(StoreError) {
    lock.withLock {
      guard let index = outbox.firstIndex(where: { $0.deliveryID == entry.deliveryID }) else { return }
      outbox[index] = entry
    }
  }
}

extension InstanceQuery {
  /// Whether an instance meets every condition (stores that filter in memory use it).
  public func matches(_ instance: Instance) -> Bool {
    if let workflow, instance.workflow != workflow { return false }
    if let states, !states.contains(instance.state) { return false }
    for (name, value) in fieldEquals where (instance.fields[name] ?? .null) != value { return false }
    return true
  }
}
