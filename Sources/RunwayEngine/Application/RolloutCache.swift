import Foundation

/// The resolvers and manifests `resolve` answers from, kept under the store revision they were
/// built at. Every request reads the store's revision first (one small read) and takes a
/// cached answer only when it is of that very revision, so a commit through any process or
/// replica is seen by the next request (docs/api.md, "Caching").
final class RolloutCache: @unchecked Sendable {
  struct Key: Hashable {
    var app: String
    var environment: String
    /// nil for the manifest of the whole app and environment.
    var miniProgram: String?
  }

  /// At most this many answers; beyond, the cache starts over (keys come from requests).
  static let capacity = 4_096

  private let lock = NSLock()
  private var revision: StoreRevision?
  private var resolvers: [Key: RolloutResolver] = [:]
  private var manifests: [Key: RolloutManifest] = [:]
  private var counts = RolloutCacheCounts()

  /// How many answers came from the cache and how many were built (for /metrics).
  var statistics: RolloutCacheCounts { lock.withLock { counts } }

  func resolver(_ key: Key, at revision: StoreRevision) -> RolloutResolver? {
    lock.withLock { counted(self.revision == revision ? resolvers[key] : nil) }
  }

  func manifest(_ key: Key, at revision: StoreRevision) -> RolloutManifest? {
    lock.withLock { counted(self.revision == revision ? manifests[key] : nil) }
  }

  func keep(_ resolver: RolloutResolver, _ key: Key, at revision: StoreRevision) {
    lock.withLock {
      guard moveTo(revision) else { return }
      resolvers[key] = resolver
    }
  }

  func keep(_ manifest: RolloutManifest, _ key: Key, at revision: StoreRevision) {
    lock.withLock {
      guard moveTo(revision) else { return }
      manifests[key] = manifest
    }
  }

  private func counted<T>(_ found: T?) -> T? {
    if found == nil { counts.builds += 1 } else { counts.hits += 1 }
    return found
  }

  /// Empties the cache for a newer revision; false when `revision` is older than the cache's
  /// (a slow request built its answer before a commit another request already saw).
  private func moveTo(_ revision: StoreRevision) -> Bool {
    if self.revision == revision {
      if resolvers.count + manifests.count >= Self.capacity {
        resolvers.removeAll()
        manifests.removeAll()
      }
      return true
    }
    if let current = self.revision, !revision.isAtLeast(current) { return false }
    self.revision = revision
    resolvers.removeAll()
    manifests.removeAll()
    return true
  }
}

/// How many rollout answers came from the cache, and how many were built from the store.
public struct RolloutCacheCounts: Sendable, Hashable {
  public var hits = 0
  public var builds = 0
}
