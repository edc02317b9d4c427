import Foundation
import RunwayModel

/// The interpreter: starts instances of a workflow and fires their transitions with the
/// guarantees of docs/workflow-format.md — authorised, validated, atomic, compare-and-swap,
/// append-only. It does no I/O of its own: storage, tasks and the clock are adapters.
///
/// Front ends do not call it directly but through `Runway`, the application API.
public struct Engine: Sendable {
  /// The parts an engine never changes, in one object: the engine is copied several times
  /// on every fire (each copy retained every part, docs/benchmarks.md, W4).
  private final class Parts: Sendable {
    let catalog: WorkflowCatalog
    let store: any Store
    let clock: any Clock
    let taskRunner: any TaskRunner
    let cache: DirectoryCache?

    init(
      catalog: WorkflowCatalog, store: any Store, clock: any Clock, taskRunner: any TaskRunner, cache: DirectoryCache?
    ) {
      self.catalog = catalog
      self.store = store
      self.clock = clock
      self.taskRunner = taskRunner
      self.cache = cache
    }
  }

  private let parts: Parts
  public var catalog: WorkflowCatalog { parts.catalog }
  public var store: any Store { parts.store }
  public var clock: any Clock { parts.clock }
  public var taskRunner: any TaskRunner { parts.taskRunner }
  /// The directory records and settings the current operation reads, in one object: the
  /// engine is copied on every fire (docs/benchmarks.md, W4).
  private var neighbourhood = Neighbourhood(directory: Directory(), settings: SettingsSnapshot(), generation: nil)
  /// The directory records the current operation reads: a snapshot's neighbourhood, or the
  /// whole directory an engine made by `open` keeps.
  public internal(set) var directory: Directory {
    get { neighbourhood.directory }
    set { neighbourhood = Neighbourhood(directory: newValue, settings: settings, generation: nil) }
  }
  /// The directory's actors by workspace (`WorkspaceMembers`).
  var members: WorkspaceMembers { neighbourhood.members }
  /// The settings the current operation reads.
  public internal(set) var settings: SettingsSnapshot {
    get { neighbourhood.settings }
    set { neighbourhood = Neighbourhood(directory: directory, settings: newValue, generation: nil) }
  }
  /// The whole directory, kept by long-lived engines (`open`); nil reads around each instance.
  var cache: DirectoryCache? { parts.cache }
  /// How many times a transition is retried when a concurrent writer wins the race.
  public var maxAttempts = 8
  /// How long a process that enters a state with a task holds its run before another may
  /// resume it (docs/deployment.md, "Tasks and crashes").
  public var taskLease: TimeInterval = 60
  /// Makes the id of a new instance (random by default; scenario runs count, so rollout
  /// buckets, which hash the id, are reproducible).
  public var makeInstanceID: @Sendable () -> String = Engine.newInstanceID

  /// The actor that fires task outcomes.
  public static let systemActor = "system"

  /// An engine that reads, for each operation, only the directory records and settings
  /// around the instance it works on (what a short-lived command wants).
  public init(
    catalog: WorkflowCatalog, store: any Store, clock: any Clock = SystemClock(),
    taskRunner: any TaskRunner = BuiltInTaskRunner()
  ) {
    self.init(catalog: catalog, store: store, clock: clock, taskRunner: taskRunner, cache: nil)
  }

  private init(
    catalog: WorkflowCatalog, store: any Store, clock: any Clock, taskRunner: any TaskRunner,
    cache: DirectoryCache?
  ) {
    parts = Parts(catalog: catalog, store: store, clock: clock, taskRunner: taskRunner, cache: cache)
  }

  /// An engine that keeps the whole directory and the settings in memory, reading them again
  /// only when another writer has changed them (what a long-lived process wants).
  public static func open(
    catalog: WorkflowCatalog, store: any Store, clock: any Clock = SystemClock(),
    taskRunner: any TaskRunner = BuiltInTaskRunner()
  ) async throws(EngineError) -> Engine {
    var engine = Engine(
      catalog: catalog, store: store, clock: clock, taskRunner: taskRunner, cache: DirectoryCache())
    try await engine.refresh()
    return engine
  }

  /// Reads the directory and settings again from the store (an engine made by `open`).
  public mutating func refresh() async throws(EngineError) {
    guard let cache else { return }
    do {
      let generation = try await store.snapshot(SnapshotRequest(instanceID: nil, neighbourhood: false)).generation
      let directory = try await store.directory()
      let read = Neighbourhood(
        directory: directory, settings: SettingsSnapshot(try await store.settings()), generation: generation)
      cache.set(read)
      neighbourhood = read
    } catch { throw .store(error) }
  }

  /// The request for a snapshot of instance `id` (or of a new instance naming `ids`).
  func snapshotRequest(
    instance id: String?, ids: Set<String> = [], actorEvents: Set<String> = [], lastEntry: Bool = false
  ) -> SnapshotRequest {
    var request = SnapshotRequest(
      instanceID: id, ids: ids, neighbourhood: cache == nil, knownDigests: catalog.knownDigests,
      actorEvents: actorEvents, lastEntry: lastEntry)
    request.timers = catalog.hasTimers
    request.lastKnownDigest = catalog.lastKnownDigest
    return request
  }

  /// This engine with the directory and settings of `snapshot` (or of its cache, when the
  /// snapshot's generation says the cache is current).
  func scoped(to snapshot: StoreSnapshot) throws(StaleDirectory) -> Engine {
    var engine = self
    if let directory = snapshot.directory {
      engine.neighbourhood = Neighbourhood(
        directory: directory, settings: SettingsSnapshot(snapshot.settings ?? []), generation: nil)
    } else if let cache {
      guard let current = cache.current(generation: snapshot.generation) else { throw StaleDirectory() }
      engine.neighbourhood = current
    }
    return engine
  }

  /// Whether this engine already reads what `snapshot` needs: the whole directory, at the
  /// snapshot's generation (then `scoped(to:)` would copy it for nothing).
  func isScoped(to snapshot: StoreSnapshot) -> Bool {
    snapshot.directory == nil && cache != nil && neighbourhood.generation == snapshot.generation
  }

  /// Runs `body` with a snapshot read in one transaction, refreshing a stale cache first.
  func reading<T>(_ request: SnapshotRequest, _ body: (Engine, StoreSnapshot) throws(EngineError) -> T)
    async throws(EngineError) -> T
  {
    var engine = self
    for _ in 0..<2 {
      let snapshot: StoreSnapshot
      do { snapshot = try await store.snapshot(request) } catch { throw .store(error) }
      let scoped: Engine
      do { scoped = try engine.scoped(to: snapshot) } catch {
        try await engine.refresh()
        continue
      }
      return try body(scoped, snapshot)
    }
    throw EngineError(.conflict, "the directory kept changing while it was read; try again")
  }

  /// The directory record of an actor, or a refusal naming the unknown id.
  func actor(_ id: String) throws(EngineError) -> Actor {
    guard let actor = directory.actors[id] else {
      throw .forbidden(
        "unknown actor \"\(id)\": no such actor in the directory"
          + Suggestion.hint(for: id, among: cache == nil ? [] : Array(directory.actors.keys)))
    }
    return actor
  }

  /// The stored instance, or `not_found`.
  public func instance(_ id: String) async throws(EngineError) -> Instance {
    let found: Instance?
    do { found = try await store.instance(id) } catch { throw .store(error) }
    guard let found else { throw .notFound("no instance \"\(id)\"") }
    return found
  }

  /// The definition an instance is pinned to.
  public func definition(of instance: Instance) async throws(EngineError) -> CompiledWorkflow {
    try await catalog.pinned(instance.definitionDigest, workflow: instance.workflow, in: store)
  }

  /// The instance's history, oldest first: all of it, or its `last` entries (at least one).
  public func history(of id: String, last: Int? = nil) async throws(EngineError) -> [HistoryEntry] {
    if let last, last < 1 { throw .invalidInput("last must be at least 1, not \(last)") }
    let entries: [HistoryEntry]
    do { entries = try await store.history(of: id, last: last) } catch { throw .store(error) }
    if entries.isEmpty { _ = try await instance(id) }
    return entries
  }

  /// Instances matching a query.
  public func instances(matching query: InstanceQuery) async throws(EngineError) -> [Instance] {
    do { return try await store.instances(matching: query) } catch { throw .store(error) }
  }

  func binding(_ workflow: CompiledWorkflow, _ fields: [String: Value]) -> RoleBinding {
    RoleBinding(workflow: workflow, fields: fields, settings: settings, directory: directory)
  }

  func scope(
    _ workflow: CompiledWorkflow, fields: [String: Value], params: [String: Value] = [:],
    actor: String, state: String
  ) -> InstanceScope {
    InstanceScope(
      workflow: workflow, fields: fields, params: params, settings: settings,
      directory: directory, actorID: actor, stateName: state)
  }

  /// Evaluates an expression, turning an evaluation failure into a refusal.
  func evaluate<C: EvaluationContext>(_ expression: CompiledExpression, in context: C)
    throws(EngineError) -> Value
  {
    do { return try expression.evaluate(in: context) } catch {
      throw .rejected("\(error.message) (in \"\(expression.source.text)\" at \(error.location))")
    }
  }

  /// A fresh instance id: `r-` and ten random characters.
  public static func newInstanceID() -> String {
    // Ten letters of five bits each from one 64-bit draw: one `getrandom` call, not ten.
    let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789".utf8)
    var bits = UInt64.random(in: .min ... .max)
    var id = "r-"
    for _ in 0..<10 {
      id.unicodeScalars.append(Unicode.Scalar(alphabet[Int(bits & 31)]))
      bits >>= 5
    }
    return id
  }
}

/// The cached directory is older than the store's: read it again and retry.
struct StaleDirectory: Error {}

/// The directory records and settings an engine reads, with the store generation they were
/// read at (nil: a snapshot's neighbourhood, not the whole directory).
final class Neighbourhood: Sendable {
  let directory: Directory
  let settings: SettingsSnapshot
  let generation: Int?
  /// The directory's actors by workspace, for notifications to roles.
  let members: WorkspaceMembers

  init(directory: Directory, settings: SettingsSnapshot, generation: Int?) {
    self.directory = directory
    self.settings = settings
    self.generation = generation
    members = WorkspaceMembers(directory)
  }
}

/// The whole directory and the settings, with the generation they were read at.
final class DirectoryCache: @unchecked Sendable {
  private let lock = NSLock()
  private var read: Neighbourhood?

  func set(_ read: Neighbourhood) { lock.withLock { self.read = read } }

  /// The cached directory and settings when they are of `generation`.
  func current(generation wanted: Int) -> Neighbourhood? {
    lock.withLock { read.flatMap { $0.generation == wanted ? $0 : nil } }
  }
}
