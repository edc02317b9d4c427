import Foundation
import RunwayModel

/// The interpreter: starts instances of a workflow and fires their transitions with the
/// guarantees of DESIGN §4 — authorised, validated, atomic, compare-and-swap, append-only.
/// It does no I/O of its own: storage, tasks and the clock are adapters.
public struct Engine: Sendable {
  public let catalog: WorkflowCatalog
  public let store: any InstanceStore
  public let clock: any Clock
  public let taskRunner: any TaskRunner
  /// The directory and settings as read when the engine was made (see `refreshed()`).
  public var directory: Directory
  public var settings: SettingsSnapshot
  /// How many times a transition is retried when a concurrent writer wins the race.
  public var maxAttempts = 8
  /// Makes the id of a new instance (random by default; scenario runs count, so rollout
  /// buckets, which hash the id, are reproducible).
  public var makeInstanceID: @Sendable () -> String = Engine.newInstanceID

  /// The actor that fires task outcomes.
  public static let systemActor = "system"

  public init(
    catalog: WorkflowCatalog, store: any InstanceStore, clock: any Clock = SystemClock(),
    taskRunner: any TaskRunner = BuiltInTaskRunner(), directory: Directory = Directory(),
    settings: SettingsSnapshot = SettingsSnapshot()
  ) {
    self.catalog = catalog
    self.store = store
    self.clock = clock
    self.taskRunner = taskRunner
    self.directory = directory
    self.settings = settings
  }

  /// An engine whose directory and settings are read from the store.
  public static func open(
    catalog: WorkflowCatalog, store: any InstanceStore, clock: any Clock = SystemClock(),
    taskRunner: any TaskRunner = BuiltInTaskRunner()
  ) async throws(EngineError) -> Engine {
    var engine = Engine(catalog: catalog, store: store, clock: clock, taskRunner: taskRunner)
    try await engine.refresh()
    return engine
  }

  /// Reads the directory and settings again from the store.
  public mutating func refresh() async throws(EngineError) {
    do {
      directory = try await store.directory()
      settings = SettingsSnapshot(try await store.settings())
    } catch { throw .store(error) }
  }

  /// The directory record of an actor, or a refusal naming the unknown id.
  func actor(_ id: String) throws(EngineError) -> Actor {
    guard let actor = directory.actors[id] else {
      throw .forbidden(
        "unknown actor \"\(id)\": no such actor in the directory"
          + Suggestion.hint(for: id, among: directory.actors.keys))
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

  /// The instance's history, oldest first.
  public func history(of id: String) async throws(EngineError) -> [HistoryEntry] {
    _ = try await instance(id)
    do { return try await store.history(of: id) } catch { throw .store(error) }
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
    let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
    var generator = SystemRandomNumberGenerator()
    return "r-" + String((0..<10).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
  }
}
