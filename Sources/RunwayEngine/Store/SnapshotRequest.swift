/// What an operation asks the store for in one read: an instance (or none, for a start), the
/// directory records around it and the settings that apply to it.
///
/// A value kept in one shared object, copied only when a copy changes, as `Instance` is: a
/// request passes through the engine's retries, the store's protocol and its transaction on
/// every fire, and each copy of its three sets and two texts cost five retains and five
/// releases (docs/benchmarks.md, W4).
public struct SnapshotRequest: Sendable, Hashable {
  /// The properties; changed only through a reference no other request holds.
  private final class Parts: @unchecked Sendable {
    var instanceID: String?
    var ids: Set<String>
    var neighbourhood: Bool
    var knownDigests: Set<String>
    var lastKnownDigest: String?
    var actorEvents: Set<String>
    var lastEntry: Bool
    var timers: Bool

    init(
      instanceID: String?, ids: Set<String>, neighbourhood: Bool, knownDigests: Set<String>,
      lastKnownDigest: String?, actorEvents: Set<String>, lastEntry: Bool, timers: Bool
    ) {
      self.instanceID = instanceID
      self.ids = ids
      self.neighbourhood = neighbourhood
      self.knownDigests = knownDigests
      self.lastKnownDigest = lastKnownDigest
      self.actorEvents = actorEvents
      self.lastEntry = lastEntry
      self.timers = timers
    }

    func copy() -> Parts {
      Parts(
        instanceID: instanceID, ids: ids, neighbourhood: neighbourhood, knownDigests: knownDigests,
        lastKnownDigest: lastKnownDigest, actorEvents: actorEvents, lastEntry: lastEntry, timers: timers)
    }
  }

  private var parts: Parts

  /// The parts, copied first when another request shares them.
  private var unique: Parts {
    mutating get {
      if !isKnownUniquelyReferenced(&parts) { parts = parts.copy() }
      return parts
    }
  }

  /// The instance to read; nil when the operation starts a new one.
  public var instanceID: String? {
    get { parts.instanceID }
    set { unique.instanceID = newValue }
  }
  /// Directory ids to read besides those the instance's fields name: the caller, the values
  /// of a new instance's fields.
  public var ids: Set<String> {
    get { parts.ids }
    set { unique.ids = newValue }
  }
  /// Whether to read the directory and settings around the instance. An engine that keeps
  /// the whole directory in memory asks only for the generation.
  public var neighbourhood: Bool {
    get { parts.neighbourhood }
    set { unique.neighbourhood = newValue }
  }
  /// Definition digests the caller holds compiled; their stored text is not read again.
  public var knownDigests: Set<String> {
    get { parts.knownDigests }
    set { unique.knownDigests = newValue }
  }
  /// The known digest the caller found last: most fires in a row are of one definition, and
  /// comparing its 71 characters is cheaper than hashing them (docs/benchmarks.md, W4).
  public var lastKnownDigest: String? {
    get { parts.lastKnownDigest }
    set { unique.lastKnownDigest = newValue }
  }
  /// Events whose last actor the instance's notifications name (`to: { actorOf: apply }`).
  public var actorEvents: Set<String> {
    get { parts.actorEvents }
    set { unique.actorEvents = newValue }
  }
  /// Whether to read the instance's last history entry (for a view).
  public var lastEntry: Bool {
    get { parts.lastEntry }
    set { unique.lastEntry = newValue }
  }
  /// Whether to read the instance's timers (when the workflows have any).
  public var timers: Bool {
    get { parts.timers }
    set { unique.timers = newValue }
  }

  public init(
    instanceID: String?, ids: Set<String> = [], neighbourhood: Bool = true, knownDigests: Set<String> = [],
    actorEvents: Set<String> = [], lastEntry: Bool = false
  ) {
    parts = Parts(
      instanceID: instanceID, ids: ids, neighbourhood: neighbourhood, knownDigests: knownDigests,
      lastKnownDigest: nil, actorEvents: actorEvents, lastEntry: lastEntry, timers: false)
  }

  public static func == (left: SnapshotRequest, right: SnapshotRequest) -> Bool {
    if left.parts === right.parts { return true }
    return left.instanceID == right.instanceID && left.ids == right.ids && left.neighbourhood == right.neighbourhood
      && left.knownDigests == right.knownDigests && left.lastKnownDigest == right.lastKnownDigest
      && left.actorEvents == right.actorEvents && left.lastEntry == right.lastEntry && left.timers == right.timers
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(instanceID)
    hasher.combine(ids)
    hasher.combine(neighbourhood)
    hasher.combine(knownDigests)
    hasher.combine(lastKnownDigest)
    hasher.combine(actorEvents)
    hasher.combine(lastEntry)
    hasher.combine(timers)
  }

  /// Whether the caller holds the definition with `digest` compiled.
  public func knows(_ digest: String) -> Bool { digest == lastKnownDigest || knownDigests.contains(digest) }
}
