/// Where a store stands, as two counters that only grow and that move with every commit that
/// could change an answer of `resolve`: a start, a transition, a migration, a directory import
/// or a settings change (docs/api.md, "Caching"). Each backend says which counters it keeps.
public struct StoreRevision: Sendable, Hashable, CustomStringConvertible {
  /// What every process sees move (PostgreSQL: the directory's generation plus the count of
  /// instance writes; SQLite: the file's data version, moved by other processes' commits).
  public var shared: Int
  /// What only this process sees move (SQLite: its connection's count of changes; 0 elsewhere).
  public var local: Int

  public init(shared: Int, local: Int = 0) {
    self.shared = shared
    self.local = local
  }

  /// Whether `self` is at least as new as `other` in both counters.
  public func isAtLeast(_ other: StoreRevision) -> Bool {
    shared >= other.shared && local >= other.local
  }

  public var description: String { "\(shared).\(local)" }
}

/// A store that answers where it stands in one cheap read, so a cache of what was read from
/// it can be checked on every request (the SQLite and PostgreSQL stores; docs/api.md,
/// "Caching"). The revision must be read before the data it guards: what is read afterwards is
/// then at least as new as the revision it is kept under.
public protocol RevisionStore: Sendable {
  func revision() async throws(StoreError) -> StoreRevision
}
