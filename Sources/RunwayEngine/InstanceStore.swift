import Foundation
import RunwayModel

/// Where instances, their history, definition versions, the outbox, the directory and the
/// settings live. One type per backend (memory, SQLite, PostgreSQL).
///
/// Every write is atomic: the instance, its history entry and its outbox entries are
/// committed together or not at all.
public protocol InstanceStore: Sendable {
  /// Keeps a definition version; storing the same digest again does nothing.
  func saveDefinition(_ definition: StoredDefinition) async throws(StoreError)
  func definition(digest: String) async throws(StoreError) -> StoredDefinition?
  /// Every stored version, oldest first.
  func definitions() async throws(StoreError) -> [StoredDefinition]

  /// Creates an instance with its first history entry. `uniqueKeys` are opaque strings no
  /// two instances may share; a clash throws `StoreError.duplicate` and writes nothing.
  func create(
    _ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry]
  ) async throws(StoreError)
  /// Replaces an instance whose stored revision is `expectedRevision` (compare-and-swap);
  /// otherwise throws `StoreError.revisionMismatch` and writes nothing. `history.from` is the
  /// state the instance leaves and `history.to` its new state (a store may skip an unchanged state).
  func commit(
    _ instance: Instance, expectedRevision: Int, history: HistoryEntry, outbox: [OutboxEntry]
  ) async throws(StoreError)

  func instance(_ id: String) async throws(StoreError) -> Instance?
  /// Matching instances, oldest first.
  func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance]
  /// The instance's history in revision order.
  func history(of id: String) async throws(StoreError) -> [HistoryEntry]

  func directory() async throws(StoreError) -> Directory
  /// Adds or replaces (by id) every record of `directory`; records not named stay.
  func importDirectory(_ directory: Directory) async throws(StoreError)

  func settings() async throws(StoreError) -> [SettingValue]
  func setSetting(_ setting: SettingValue) async throws(StoreError)

  /// Outbox entries, oldest first, optionally only those with one of `statuses`.
  func notifications(statuses: Set<OutboxEntry.Status>?) async throws(StoreError) -> [OutboxEntry]
  /// Takes up to `limit` pending notifications due at `now` (all pending with `ignoringBackoff`)
  /// and hides them from other workers until `now + lease`, in one transaction, so two
  /// workers never send the same one at once.
  func claimNotifications(now: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool) async throws(StoreError)
    -> [OutboxEntry]
  /// Records a delivery attempt's result (status, attempts, next attempt, last error).
  func updateNotification(_ entry: OutboxEntry) async throws(StoreError)
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
