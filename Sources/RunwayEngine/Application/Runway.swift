import Foundation
import RunwayModel

/// The application API: every operation a front end offers (the CLI, the worker, the HTTP
/// server, the console), each taking the caller and text or typed input and returning all a
/// front end shows. Front ends parse and print; they never talk to a store or decide workflow
/// logic themselves (docs/architecture.md).
public struct Runway: Sendable {
  public let engine: Engine
  /// Shared by the copies of this application (one per server), checked against the store's
  /// revision on every use.
  let rolloutCache = RolloutCache()

  public init(engine: Engine) { self.engine = engine }

  /// An application over a catalog and a store, reading only what each operation needs.
  public init(
    catalog: WorkflowCatalog, store: any Store, clock: any Clock = SystemClock(),
    taskRunner: any TaskRunner = BuiltInTaskRunner()
  ) {
    engine = Engine(catalog: catalog, store: store, clock: clock, taskRunner: taskRunner)
  }

  public var catalog: WorkflowCatalog { engine.catalog }
  var store: any Store { engine.store }

  /// Turns a store failure into the engine's refusal.
  func stored<T>(_ body: () async throws(StoreError) -> T) async throws(EngineError) -> T {
    do { return try await body() } catch { throw .store(error) }
  }

  /// The current definition of a workflow, or `not_found` with a hint.
  public func workflow(_ name: String) throws(EngineError) -> WorkflowCatalog.Entry {
    guard let entry = catalog.current(name) else {
      throw .notFound("no workflow \"\(name)\"" + Suggestion.hint(for: name, among: catalog.names))
    }
    return entry
  }

  // MARK: Instances

  /// Starts an instance of `workflow` with the given fields, typed by the workflow.
  public func start(_ workflow: String, fields: [String: InputValue], caller: Caller) async throws(EngineError)
    -> FireOutcome
  {
    let actor = try caller.requiredActor(for: "start")
    return try await engine.start(workflow, as: actor, input: fields)
  }

  /// Fires `event` on instance `id` with params typed by the transition; the outcome carries
  /// the view the caller sees afterwards. One transaction reads and writes.
  public func fire(_ id: String, _ event: String, params: [String: InputValue], caller: Caller)
    async throws(EngineError) -> FireOutcome
  {
    let actor = try caller.requiredActor(for: "fire")
    return try await engine.fire(id, event, as: actor, input: params, viewing: true)
  }

  /// The instance as the caller sees it: state, effective fields (secrets masked), the
  /// events the caller may fire now and the last history entry.
  public func view(_ id: String, caller: Caller) async throws(EngineError) -> InstanceView {
    try await engine.view(id, for: caller.actor)
  }

  /// Every event of the instance's workflow with whether the caller may fire it now, and the
  /// blockers of the others.
  public func events(_ id: String, caller: Caller) async throws(EngineError) -> [EventAvailability] {
    let actor = try caller.requiredActor(for: "events")
    return try await engine.availability(id, for: actor)
  }

  /// Instances matching the filters, oldest first, with declared secrets masked; field values
  /// are typed by the workflows.
  public func list(
    workflow: String?, states: [String], fields: [String: InputValue], limit: Int?
  ) async throws(EngineError) -> [Instance] {
    if let workflow { _ = try self.workflow(workflow) }
    let definitions = (workflow.map { [$0] } ?? catalog.names).compactMap { catalog.current($0)?.workflow }
    let typed = try InputValue.typed(fields) { name in
      definitions.lazy.compactMap { $0.field(name)?.field.type }.first
    }
    let query = InstanceQuery(
      workflow: workflow, states: states.isEmpty ? nil : Set(states), fieldEquals: typed, limit: limit)
    return try await engine.instances(matching: query).map { instance in
      var shown = instance
      if let workflow = catalog.current(instance.workflow)?.workflow {
        shown.fields = workflow.maskingSecrets(instance.fields)
      }
      return shown
    }
  }

  /// The instance's history, oldest first: all of it, or its `last` entries.
  public func history(_ id: String, last: Int? = nil) async throws(EngineError) -> [HistoryEntry] {
    try await engine.history(of: id, last: last)
  }
}
