import Foundation

extension MemoryInstanceStore {
  public func saveToken(_ token: APIToken) async throws(StoreError) {
    let taken = lock.withLock { () -> Bool in
      guard state.tokens[token.id] == nil else { return true }
      state.tokens[token.id] = token
      state.tokenOrder.append(token.id)
      return false
    }
    if taken { throw .duplicate(key: "token id", existingInstance: token.id) }
  }

  public func token(id: String) async throws(StoreError) -> APIToken? {
    lock.withLock { state.tokens[id] }
  }

  public func tokens() async throws(StoreError) -> [APIToken] {
    lock.withLock { state.tokenOrder.compactMap { state.tokens[$0] } }
  }

  public func revokeToken(id: String, at: Date) async throws(StoreError) -> Bool {
    lock.withLock {
      guard var token = state.tokens[id] else { return false }
      if token.revokedAt == nil { token.revokedAt = at }
      state.tokens[id] = token
      return true
    }
  }
}
