import Foundation
import RunwayModel

extension Runway {
  // MARK: Rollout

  /// The resolver of one mini program on one app and environment, after checking both exist.
  /// Answered from a cache checked against the store's revision (docs/api.md, "Caching").
  public func rollout(app: String, environment: String, miniProgram: String) async throws(EngineError)
    -> RolloutResolver
  {
    let key = RolloutCache.Key(app: app, environment: environment, miniProgram: miniProgram)
    let revision = try await storeRevision()
    if let revision, let cached = rolloutCache.resolver(key, at: revision) { return cached }
    try await checkDirectory(app: app, miniProgram: miniProgram)
    let resolver = try await engine.rollout(app: app, environment: environment, miniProgram: miniProgram)
    if let revision { rolloutCache.keep(resolver, key, at: revision) }
    return resolver
  }

  /// The rollout manifest of one app and environment: what a client needs to resolve users
  /// itself (docs/rollout.md, "The rollout manifest"). Cached as `rollout` is.
  public func rolloutManifest(app: String, environment: String) async throws(EngineError) -> RolloutManifest {
    let key = RolloutCache.Key(app: app, environment: environment, miniProgram: nil)
    let revision = try await storeRevision()
    if let revision, let cached = rolloutCache.manifest(key, at: revision) { return cached }
    try await checkDirectory(app: app, miniProgram: nil)
    let manifest = RolloutManifest(
      app: app, environment: environment,
      releases: try await engine.rolloutReleases(app: app, environment: environment, miniProgram: nil))
    if let revision { rolloutCache.keep(manifest, key, at: revision) }
    return manifest
  }

  /// How many rollout answers (resolvers and manifests) came from the cache and how many were
  /// built from the store, since this application started.
  public var rolloutCacheCounts: RolloutCacheCounts { rolloutCache.statistics }
  /// The store's transactions of transitions and the transitions they held, when it writes
  /// transitions together (SQLite); nil otherwise.
  public var transitionsWritten: (transactions: Int, transitions: Int)? {
    (engine.store as? any GroupCommitting)?.transitionsWritten
  }

  /// The store's revision, read before what it guards; nil for a store without one (memory),
  /// whose answers are then never cached.
  private func storeRevision() async throws(EngineError) -> StoreRevision? {
    guard let revisions = store as? any RevisionStore else { return nil }
    return try await stored { () async throws(StoreError) in try await revisions.revision() }
  }

  /// `not_found` when the app or the mini program is not in the directory.
  private func checkDirectory(app: String, miniProgram: String?) async throws(EngineError) {
    let ids = Set([app] + (miniProgram.map { [$0] } ?? []))
    let snapshot = try await stored { () async throws(StoreError) in
      try await store.snapshot(SnapshotRequest(instanceID: nil, ids: ids))
    }
    let directory = snapshot.directory ?? Directory()
    var named = [(app, rolloutKind(\.app))]
    if let miniProgram { named.append((miniProgram, rolloutKind(\.program))) }
    for (id, kind) in named {
      guard let kind, !directory.contains(kind, id) else { continue }
      throw .notFound("no \(catalog.domain.noun(of: kind)) \"\(id)\" in the directory")
    }
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
