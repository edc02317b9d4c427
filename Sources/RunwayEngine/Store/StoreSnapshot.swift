import RunwayModel

/// What one read transaction found: the instance, its definition when the caller does not
/// hold it, and the directory records and settings around it. A command's reads therefore do
/// not grow with the size of the platform (docs/deployment.md, "What a command reads").
public struct StoreSnapshot: Sendable {
  public var instance: Instance?
  /// Bumped by every directory import and settings change; a cached directory older than it is stale.
  public var generation: Int
  /// The instance's stored definition, unless its digest was among the known ones.
  public var definition: StoredDefinition?
  /// The records the instance and the request name, the records they name in turn, and the
  /// actors holding a membership in any of them; nil without `neighbourhood`.
  public var directory: Directory?
  /// The global settings and those scoped to any id the instance names; nil without `neighbourhood`.
  public var settings: [SettingValue]?
  /// The last actor of each requested event in the instance's history.
  public var lastActors: [String: String]
  /// The instance's last history entry, when requested.
  public var lastEntry: HistoryEntry?
  /// The instance's timers, when requested.
  public var timers: [ScheduledTimer] = []

  public init(
    instance: Instance? = nil, generation: Int, definition: StoredDefinition? = nil, directory: Directory? = nil,
    settings: [SettingValue]? = nil, lastActors: [String: String] = [:]
  ) {
    self.instance = instance
    self.generation = generation
    self.definition = definition
    self.directory = directory
    self.settings = settings
    self.lastActors = lastActors
  }
}

/// The reads a store answers inside one transaction, from which `StoreSnapshot.assemble`
/// builds a snapshot the same way on every backend that reads synchronously.
public protocol SnapshotQueries {
  /// The instance with the generation, in one read (a statement fewer on every fire).
  func instance(_ id: String) throws(StoreError) -> (instance: Instance?, generation: Int)
  func generation() throws(StoreError) -> Int
  func definition(digest: String) throws(StoreError) -> StoredDefinition?
  /// The records (of any kind) with these ids.
  func records(_ ids: Set<String>) throws(StoreError) -> Directory
  /// The ids of actors with a membership in one of these workspaces.
  func members(of workspaces: Set<String>) throws(StoreError) -> Set<String>
  /// Global settings and those scoped to one of `scopes`.
  func settings(scopes: Set<String>) throws(StoreError) -> [SettingValue]
  /// The actor of the last entry of each of `events` in the instance's history.
  func lastActors(_ instanceID: String, events: Set<String>) throws(StoreError) -> [String: String]
  func lastEntry(_ instanceID: String) throws(StoreError) -> HistoryEntry?
  /// The instance's timers.
  func timers(_ instanceID: String) throws(StoreError) -> [ScheduledTimer]
}

extension StoreSnapshot {
  /// The ids an instance's fields name: every short string value, and its initiator.
  public static func namedIDs(_ instance: Instance) -> Set<String> {
    var ids: Set<String> = [instance.initiator]
    for value in instance.fields.values {
      if case .string(let text) = value, text.utf8.count <= InstanceIndex.maximumLength { ids.insert(text) }
    }
    return ids
  }

  /// Assembles the snapshot `request` asks for from `queries`, run inside one transaction.
  public static func assemble(_ request: SnapshotRequest, from queries: some SnapshotQueries) throws(StoreError)
    -> StoreSnapshot
  {
    var snapshot = StoreSnapshot(generation: 0)
    var ids = request.ids
    var found: Instance?
    if let id = request.instanceID {
      (found, snapshot.generation) = try queries.instance(id)
    } else {
      snapshot.generation = try queries.generation()
    }
    if let id = request.instanceID, let instance = found {
      snapshot.instance = instance
      if !request.knows(instance.definitionDigest) {
        snapshot.definition = try queries.definition(digest: instance.definitionDigest)
      }
      if !request.actorEvents.isEmpty {
        snapshot.lastActors = try queries.lastActors(id, events: request.actorEvents)
      }
      if request.lastEntry { snapshot.lastEntry = try queries.lastEntry(id) }
      if request.timers { snapshot.timers = try queries.timers(id) }
    }
    // The ids the fields name matter only to a command that reads the directory around them.
    guard request.neighbourhood else { return snapshot }
    if let instance = snapshot.instance { ids.formUnion(namedIDs(instance)) }
    var directory = try queries.records(ids)
    let further = directory.referencedIDs.subtracting(ids)
    if !further.isEmpty { directory.merge(try queries.records(further)) }
    let members = try queries.members(of: ids.union(further)).subtracting(directory.actors.keys)
    if !members.isEmpty { directory.merge(try queries.records(members)) }
    snapshot.directory = directory
    snapshot.settings = try queries.settings(scopes: ids)
    return snapshot
  }
}
