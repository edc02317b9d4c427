/// Where a store stands: the directory's generation and the count of instance writes. Every
/// commit that could change an answer of `resolve` (a start, a transition, a migration: each
/// appends one history row) moves `instances`; every directory import or settings change moves
/// `generation`. Both only grow (docs/api.md, "Caching").
public struct StoreRevision: Sendable, Hashable, CustomStringConvertible {
  public var generation: Int
  public var instances: Int

  public init(generation: Int, instances: Int) {
    self.generation = generation
    self.instances = instances
  }

  /// Whether `self` is at least as new as `other` in both counts.
  public func isAtLeast(_ other: StoreRevision) -> Bool {
    generation >= other.generation && instances >= other.instances
  }

  public var description: String { "\(generation).\(instances)" }
}

/// A store that answers where it stands in one cheap read, so a cache of what was read from
/// it can be checked on every request (the SQLite and PostgreSQL stores; docs/api.md,
/// "Caching"). The revision must be read before the data it guards: what is read afterwards is
/// then at least as new as the revision it is kept under.
public protocol RevisionStore: Sendable {
  func revision() async throws(StoreError) -> StoreRevision
}
