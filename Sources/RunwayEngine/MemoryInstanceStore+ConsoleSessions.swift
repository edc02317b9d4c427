import Foundation

extension MemoryInstanceStore {
  public func openConsoleSession(_ session: ConsoleSession, now: Date, limit: Int) async throws(StoreError) {
    let taken = lock.withLock { () -> Bool in
      guard state.consoleSessions[session.idHash] == nil else { return true }
      state.consoleSessions = state.consoleSessions.filter { $0.value.expiresAt > now }
      state.consoleSessions[session.idHash] = session
      let ofToken = state.consoleSessions.values.filter { $0.tokenID == session.tokenID }
      guard ofToken.count > limit else { return false }
      // The order `StoreSQL.deleteConsoleSessionsPastLimit` keeps: latest to expire first.
      let kept = ofToken.sorted { ($0.expiresAt, $1.idHash) > ($1.expiresAt, $0.idHash) }.prefix(max(limit, 0))
      let keptHashes = Set(kept.map(\.idHash))
      for other in ofToken where !keptHashes.contains(other.idHash) { state.consoleSessions[other.idHash] = nil }
      return false
    }
    if taken { throw .duplicate(key: "console session", existingInstance: session.tokenID) }
  }

  public func consoleSession(idHash: String) async throws(StoreError) -> ConsoleSession? {
    lock.withLock { state.consoleSessions[idHash] }
  }

  public func closeConsoleSession(idHash: String) async throws(StoreError) {
    lock.withLock { state.consoleSessions[idHash] = nil }
  }
}
