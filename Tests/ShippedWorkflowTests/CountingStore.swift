import Foundation
import RunwayEngine
import RunwayModel
import RunwaySQLite

/// A real SQLite store that counts every call by name, to prove how many transactions an
/// operation costs.
final class CountingStore: Store, @unchecked Sendable {
  let inner: SQLiteInstanceStore
  private let lock = NSLock()
  private var counts: [String: Int] = [:]

  init(_ inner: SQLiteInstanceStore) { self.inner = inner }

  /// The calls since the last `reset`, by method name.
  var calls: [String: Int] { lock.withLock { counts } }
  func reset() { lock.withLock { counts = [:] } }
  private func count(_ name: String) { lock.withLock { counts[name, default: 0] += 1 } }

  func create(
    _ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry],
    definition: StoredDefinition?
  ) async throws(StoreError) {
    count("create")
    try await inner.create(instance, uniqueKeys: uniqueKeys, history: history, outbox: outbox, definition: definition)
  }
  func commit(_ commit: InstanceCommit) async throws(StoreError) {
    count("commit")
    try await inner.commit(commit)
  }
  func snapshot(_ request: SnapshotRequest) async throws(StoreError) -> StoreSnapshot {
    count("snapshot")
    return try await inner.snapshot(request)
  }
  func decideAndWrite(_ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?) async throws {
    count("update")
    try await inner.decideAndWrite(request, decide)
  }
  func claimTask(_ id: String, revision: Int, until: Date, now: Date, force: Bool) async throws(StoreError)
    -> TaskClaim
  {
    count("claimTask")
    return try await inner.claimTask(id, revision: revision, until: until, now: now, force: force)
  }
  func instance(_ id: String) async throws(StoreError) -> Instance? {
    count("instance")
    return try await inner.instance(id)
  }
  func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance] {
    count("instances")
    return try await inner.instances(matching: query)
  }
  func history(of id: String, last: Int?) async throws(StoreError) -> [HistoryEntry] {
    count("history")
    return try await inner.history(of: id, last: last)
  }
  func saveDefinition(_ definition: StoredDefinition) async throws(StoreError) {
    count("saveDefinition")
    try await inner.saveDefinition(definition)
  }
  func definition(digest: String) async throws(StoreError) -> StoredDefinition? {
    count("definition")
    return try await inner.definition(digest: digest)
  }
  func definitions() async throws(StoreError) -> [StoredDefinition] {
    count("definitions")
    return try await inner.definitions()
  }
  func pinnedCounts() async throws(StoreError) -> [String: Int] {
    count("pinnedCounts")
    return try await inner.pinnedCounts()
  }
  func directory() async throws(StoreError) -> Directory {
    count("directory")
    return try await inner.directory()
  }
  func importDirectory(_ directory: Directory, audit: AuditEntry) async throws(StoreError) {
    count("importDirectory")
    try await inner.importDirectory(directory, audit: audit)
  }
  func settings() async throws(StoreError) -> [SettingValue] {
    count("settings")
    return try await inner.settings()
  }
  func setSetting(_ setting: SettingValue, audit: AuditEntry) async throws(StoreError) {
    count("setSetting")
    try await inner.setSetting(setting, audit: audit)
  }
  func auditEntries() async throws(StoreError) -> [AuditEntry] {
    count("auditEntries")
    return try await inner.auditEntries()
  }
  func notifications(statuses: Set<OutboxEntry.Status>?, limit: Int?) async throws(StoreError) -> [OutboxEntry] {
    count("notifications")
    return try await inner.notifications(statuses: statuses, limit: limit)
  }
  func notification(_ deliveryID: String) async throws(StoreError) -> OutboxEntry? {
    count("notification")
    return try await inner.notification(deliveryID)
  }
  func claimNotifications(now: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool) async throws(StoreError)
    -> [OutboxEntry]
  {
    count("claimNotifications")
    return try await inner.claimNotifications(now: now, lease: lease, limit: limit, ignoringBackoff: ignoringBackoff)
  }
  func updateNotification(_ entry: OutboxEntry) async throws(StoreError) {
    count("updateNotification")
    try await inner.updateNotification(entry)
  }
  func saveToken(_ token: APIToken) async throws(StoreError) {
    count("saveToken")
    try await inner.saveToken(token)
  }
  func token(id: String) async throws(StoreError) -> APIToken? {
    count("token")
    return try await inner.token(id: id)
  }
  func tokens() async throws(StoreError) -> [APIToken] {
    count("tokens")
    return try await inner.tokens()
  }
  func revokeToken(id: String, at: Date) async throws(StoreError) -> Bool {
    count("revokeToken")
    return try await inner.revokeToken(id: id, at: at)
  }
  func openConsoleSession(_ session: ConsoleSession, now: Date, limit: Int) async throws(StoreError) {
    count("openConsoleSession")
    try await inner.openConsoleSession(session, now: now, limit: limit)
  }
  func consoleSession(idHash: String) async throws(StoreError) -> ConsoleSession? {
    count("consoleSession")
    return try await inner.consoleSession(idHash: idHash)
  }
  func closeConsoleSession(idHash: String) async throws(StoreError) {
    count("closeConsoleSession")
    try await inner.closeConsoleSession(idHash: idHash)
  }
  func claimTimers(now: Date, lease: TimeInterval, limit: Int) async throws(StoreError) -> [ScheduledTimer] {
    count("claimTimers")
    return try await inner.claimTimers(now: now, lease: lease, limit: limit)
  }
  func scheduledTimers(limit: Int?) async throws(StoreError) -> [ScheduledTimer] {
    count("scheduledTimers")
    return try await inner.scheduledTimers(limit: limit)
  }
  func dropTimer(_ timer: ScheduledTimer) async throws(StoreError) {
    count("dropTimer")
    try await inner.dropTimer(timer)
  }
  func expiredTaskRuns(now: Date, limit: Int) async throws(StoreError) -> [String] {
    count("expiredTaskRuns")
    return try await inner.expiredTaskRuns(now: now, limit: limit)
  }
}
