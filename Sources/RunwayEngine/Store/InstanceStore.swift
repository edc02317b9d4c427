import Foundation
import RunwayModel

/// Where instances and their history live. A fire reads and writes through `update`, one
/// transaction that hands the engine a `StoreSnapshot` and writes the commit it decides
/// (docs/deployment.md, "What a command reads").
public protocol InstanceStore: Sendable {
  /// Creates an instance with its first history entry, keeping `definition` (when given and
  /// new) in the same transaction. `uniqueKeys` are opaque strings no two instances may
  /// share; a clash throws `StoreError.duplicate` and writes nothing.
  func create(
    _ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry],
    definition: StoredDefinition?
  ) async throws(StoreError)
  /// Replaces an instance whose stored revision is `expectedRevision` (compare-and-swap);
  /// otherwise throws `StoreError.revisionMismatch` and writes nothing.
  func commit(_ commit: InstanceCommit) async throws(StoreError)

  /// One read transaction: the instance the request names, with what deciding about it needs.
  func snapshot(_ request: SnapshotRequest) async throws(StoreError) -> StoreSnapshot
  /// Reads a snapshot, lets `decide` choose a commit (or none) and writes it, as one write
  /// transaction where the backend allows (SQLite, memory) and otherwise as one read and one
  /// compare-and-swap write. Throws what `decide` throws, or a `StoreError`.
  ///
  /// Not generic: a call through `any InstanceStore` to a generic method looked its result's
  /// types up at run time on every transition; `update` wraps this for a typed result
  /// (docs/benchmarks.md, W4).
  func decideAndWrite(_ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?) async throws
  /// `update` for several requests: each decided on its own snapshot (`decide` gets its
  /// index) and written on its own compare-and-swap, in as few transactions as the backend
  /// allows (SQLite: one, each piece in a savepoint of its own). A piece that throws writes
  /// nothing and leaves the others; what it threw is its result. Throws only when the
  /// transaction as a whole fails, and then nothing is written.
  func updateEach<T: Sendable>(
    _ requests: [SnapshotRequest], _ decide: (Int, StoreSnapshot) throws -> StoreDecision<T>
  ) async throws(StoreError) -> [Result<T, any Error>]

  /// Claims the run of the task of instance `id` at `revision` until `until`, unless another
  /// run holds it past `now` (`force` takes it anyway), in one write transaction.
  func claimTask(_ id: String, revision: Int, until: Date, now: Date, force: Bool) async throws(StoreError)
    -> TaskClaim

  func instance(_ id: String) async throws(StoreError) -> Instance?
  /// Matching instances, oldest first; workflow, states and string field values are matched
  /// by the backend's indexes.
  func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance]
  /// The instance's history in revision order: all of it, or its `last` entries (the newest).
  func history(of id: String, last: Int?) async throws(StoreError) -> [HistoryEntry]
}

/// The definition versions instances are pinned to.
public protocol DefinitionStore: Sendable {
  /// Keeps a definition version; storing the same digest again does nothing.
  func saveDefinition(_ definition: StoredDefinition) async throws(StoreError)
  func definition(digest: String) async throws(StoreError) -> StoredDefinition?
  /// Every stored version, oldest first.
  func definitions() async throws(StoreError) -> [StoredDefinition]
  /// How many instances are pinned to each digest.
  func pinnedCounts() async throws(StoreError) -> [String: Int]
}

/// The apps, merchants, mini programs and actors the workflows refer to.
public protocol DirectoryStore: Sendable {
  /// The whole directory (for export; operations read only what they need, by snapshot).
  func directory() async throws(StoreError) -> Directory
  /// Adds or replaces (by id) every record of `directory`, records `audit` with it.
  func importDirectory(_ directory: Directory, audit: AuditEntry) async throws(StoreError)
}

/// The platform settings the workflows read.
public protocol SettingsStore: Sendable {
  func settings() async throws(StoreError) -> [SettingValue]
  /// Stores one setting value and records `audit` with it, in one transaction.
  func setSetting(_ setting: SettingValue, audit: AuditEntry) async throws(StoreError)
  /// The audit history of settings and directory changes, oldest first.
  func auditEntries() async throws(StoreError) -> [AuditEntry]
}

/// The notifications written with transitions, waiting for delivery.
public protocol OutboxStore: Sendable {
  /// Outbox entries, oldest first, optionally only those with one of `statuses`, at most `limit`.
  func notifications(statuses: Set<OutboxEntry.Status>?, limit: Int?) async throws(StoreError) -> [OutboxEntry]
  /// The outbox entry `deliveryID`, if there is one (found by its key, not by reading the outbox).
  func notification(_ deliveryID: String) async throws(StoreError) -> OutboxEntry?
  /// Takes up to `limit` pending notifications due at `now` (all pending with `ignoringBackoff`)
  /// and hides them from other workers until `now + lease`, in one transaction, so two
  /// workers never send the same one at once.
  func claimNotifications(now: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool) async throws(StoreError)
    -> [OutboxEntry]
  /// Records a delivery attempt's result (status, attempts, next attempt, last error).
  func updateNotification(_ entry: OutboxEntry) async throws(StoreError)
}

/// Every concern of a store: one type per backend (memory, SQLite, PostgreSQL) implements all.
public typealias Store = InstanceStore & DefinitionStore & DirectoryStore & SettingsStore & OutboxStore
  & TokenStore & ConsoleSessionStore & TimerStore

extension InstanceStore {
  /// The instance's whole history in revision order.
  public func history(of id: String) async throws(StoreError) -> [HistoryEntry] {
    try await history(of: id, last: nil)
  }

  /// Creates an instance whose definition is already stored.
  public func create(
    _ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry]
  ) async throws(StoreError) {
    try await create(instance, uniqueKeys: uniqueKeys, history: history, outbox: outbox, definition: nil)
  }

  /// `decideAndWrite` with a result besides the commit: the decision's result, once its
  /// commit (if any) is written.
  public func update<T: Sendable>(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> StoreDecision<T>
  ) async throws -> T {
    var result: T?
    try await decideAndWrite(request) { snapshot in
      let decision = try decide(snapshot)
      result = decision.result
      return decision.commit
    }
    guard let result else { throw StoreError.corrupt("a decision returned nothing") }
    return result
  }

  /// One `update` after the other (backends without a cheaper way).
  public func updateEach<T: Sendable>(
    _ requests: [SnapshotRequest], _ decide: (Int, StoreSnapshot) throws -> StoreDecision<T>
  ) async throws(StoreError) -> [Result<T, any Error>] {
    var results: [Result<T, any Error>] = []
    for (index, request) in requests.enumerated() {
      do { results.append(.success(try await update(request) { snapshot in try decide(index, snapshot) })) } catch {
        results.append(.failure(error))
      }
    }
    return results
  }

  /// Replaces an instance (compare-and-swap on `expectedRevision`), indexing its fields anew.
  public func commit(
    _ instance: Instance, expectedRevision: Int, history: HistoryEntry, outbox: [OutboxEntry]
  ) async throws(StoreError) {
    try await commit(
      InstanceCommit(
        instance: instance, expectedRevision: expectedRevision, history: history, outbox: outbox,
        index: InstanceIndex.entries(instance.fields)))
  }
}

extension DirectoryStore {
  /// Imports records as the store's operator (setup code and tests; operations audit their actor).
  public func importDirectory(_ directory: Directory) async throws(StoreError) {
    try await importDirectory(
      directory,
      audit: AuditEntry(
        operation: AuditEntry.directoryImport, actor: AuditEntry.storeOperator, at: Date(),
        summary: "imported \(directory.count) records"))
  }
}

extension SettingsStore {
  /// Stores a setting as the store's operator (setup code and tests; operations audit their actor).
  public func setSetting(_ setting: SettingValue) async throws(StoreError) {
    try await setSetting(
      setting,
      audit: AuditEntry(
        operation: AuditEntry.settingsSet, actor: AuditEntry.storeOperator, at: Date(),
        summary: setting.summary))
  }
}

extension OutboxStore {
  /// Every outbox entry with one of `statuses` (all when nil), oldest first.
  public func notifications(statuses: Set<OutboxEntry.Status>?) async throws(StoreError) -> [OutboxEntry] {
    try await notifications(statuses: statuses, limit: nil)
  }
}

/// A store operation failed.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Another instance already holds one of the unique keys.
  case duplicate(key: String, existingInstance: String)
  /// The instance changed since it was read.
  case revisionMismatch(instance: String, expected: Int, actual: Int?)
  /// The backend could not be reached or failed (a sentence saying what happened).
  case unavailable(String)
  /// The stored data cannot be read back (a sentence saying what).
  case corrupt(String)

  public var description: String {
    switch self {
    case .duplicate(_, let existing):
      return "an instance with the same unique fields already exists (\(existing))"
    case .revisionMismatch(let id, let expected, let actual):
      let now = actual.map { "revision \($0)" } ?? "gone"
      return "instance \(id) changed while this change was made (expected revision \(expected), found \(now))"
    case .unavailable(let message): return message
    case .corrupt(let message): return message
    }
  }
}
