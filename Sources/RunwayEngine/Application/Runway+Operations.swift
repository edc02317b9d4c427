import Foundation
import RunwayModel

extension Runway {
  // MARK: Rollout

  /// The resolver of one mini program on one app and environment, after checking both exist.
  public func rollout(app: String, environment: String, miniProgram: String) async throws(EngineError)
    -> RolloutResolver
  {
    let snapshot = try await stored { () async throws(StoreError) in
      try await store.snapshot(SnapshotRequest(instanceID: nil, ids: [app, miniProgram]))
    }
    let directory = snapshot.directory ?? Directory()
    for (id, kind) in [(app, rolloutKind(\.app)), (miniProgram, rolloutKind(\.program))] {
      guard let kind, !directory.contains(kind, id) else { continue }
      throw .notFound("no \(catalog.domain.noun(of: kind)) \"\(id)\" in the directory")
    }
    return try await engine.rollout(app: app, environment: environment, miniProgram: miniProgram)
  }

  /// The kind of record the `rollout:` declarations name for one role (the app, the program),
  /// from the type of the field they name; nil when no workflow declares a `ref` there.
  private func rolloutKind(_ role: KeyPath<RolloutDeclaration, Reference>) -> String? {
    for name in catalog.names {
      guard let workflow = catalog.current(name)?.workflow, let declaration = workflow.definition.rollout,
        case .ref(let kind) = workflow.field(declaration[keyPath: role].name)?.field.type
      else { continue }
      return kind
    }
    return nil
  }

  // MARK: Definitions and migration

  /// Every stored definition version with how many instances are pinned to it.
  public func definitions() async throws(EngineError) -> [DefinitionSummary] {
    try await engine.definitionSummaries()
  }

  /// Moves instance `id` to the current definition of its workflow (or says what would happen).
  public func migrate(_ id: String, dryRun: Bool, caller: Caller) async throws(EngineError) -> MigrationOutcome {
    try await engine.migrate(id, as: caller.actor ?? Engine.systemActor, dryRun: dryRun)
  }

  // MARK: Tasks

  /// Resumes the task of a release stuck in a task state (its process died before the task
  /// recorded an outcome); the store's operator or an admin only.
  public func resumeTask(_ id: String, force: Bool, caller: Caller) async throws(EngineError) -> FireOutcome {
    guard caller.administers else {
      throw .forbidden("\(caller.actor ?? "this caller") may not resume tasks: it needs the admin scope")
    }
    return try await engine.resumeTask(id, force: force)
  }

  // MARK: Notifications

  /// Outbox entries, oldest first: all, or only the dead ones.
  public func notifications(failedOnly: Bool, limit: Int? = nil) async throws(EngineError) -> [OutboxEntry] {
    try await stored { () async throws(StoreError) in
      try await store.notifications(statuses: failedOnly ? [.dead] : nil, limit: limit)
    }
  }

  /// Delivers due notifications through `notifiers` (all pending ones with `ignoringBackoff`).
  public func deliver(
    through notifiers: [any Notifier], limit: Int = 100, ignoringBackoff: Bool = false, maxAttempts: Int = 5,
    within budget: Duration? = nil
  ) async throws(EngineError) -> NotificationDelivery.Report {
    let delivery = NotificationDelivery(
      store: store, notifiers: notifiers, clock: engine.clock, maxAttempts: maxAttempts)
    return try await stored { () async throws(StoreError) in
      try await delivery.deliverDue(limit: limit, ignoringBackoff: ignoringBackoff, within: budget)
    }
  }

  /// Makes a dead notification pending again, or `not_found`.
  public func retryNotification(_ deliveryID: String, caller: Caller) async throws(EngineError) {
    let delivery = NotificationDelivery(store: store, notifiers: [], clock: engine.clock)
    let revived = try await stored { () async throws(StoreError) in try await delivery.revive(deliveryID) }
    guard revived else { throw .notFound("no notification \"\(deliveryID)\"") }
  }
}
