/// What an operation asks the store for in one read: an instance (or none, for a start), the
/// directory records around it and the settings that apply to it.
public struct SnapshotRequest: Sendable, Hashable {
  /// The instance to read; nil when the operation starts a new one.
  public var instanceID: String?
  /// Directory ids to read besides those the instance's fields name: the caller, the values
  /// of a new instance's fields.
  public var ids: Set<String>
  /// Whether to read the directory and settings around the instance. An engine that keeps
  /// the whole directory in memory asks only for the generation.
  public var neighbourhood: Bool
  /// Definition digests the caller holds compiled; their stored text is not read again.
  public var knownDigests: Set<String>
  /// The known digest the caller found last: most fires in a row are of one definition, and
  /// comparing its 71 characters is cheaper than hashing them (docs/benchmarks.md, W4).
  public var lastKnownDigest: String?
  /// Events whose last actor the instance's notifications name (`to: { actorOf: apply }`).
  public var actorEvents: Set<String>
  /// Whether to read the instance's last history entry (for a view).
  public var lastEntry: Bool
  /// Whether to read the instance's timers (when the workflows have any).
  public var timers = false

  public init(
    instanceID: String?, ids: Set<String> = [], neighbourhood: Bool = true, knownDigests: Set<String> = [],
    actorEvents: Set<String> = [], lastEntry: Bool = false
  ) {
    self.lastEntry = lastEntry
    self.instanceID = instanceID
    self.ids = ids
    self.neighbourhood = neighbourhood
    self.knownDigests = knownDigests
    self.actorEvents = actorEvents
  }

  /// Whether the caller holds the definition with `digest` compiled.
  public func knows(_ digest: String) -> Bool { digest == lastKnownDigest || knownDigests.contains(digest) }
}
