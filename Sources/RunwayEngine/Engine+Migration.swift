import Foundation
import RunwayModel

/// A stored definition version and how many instances are pinned to it.
public struct DefinitionSummary: Sendable, Hashable, Codable {
  public var digest: String
  public var workflow: String
  public var storedAt: Date
  public var sourcePath: String
  public var instances: Int
  /// Whether it is the definition in the workflow folder now.
  public var current: Bool
}

/// What a migration did, or would do with `dryRun`.
public struct MigrationOutcome: Sendable, Hashable {
  public enum Result: String, Sendable, Hashable, Codable {
    case migrated
    case wouldMigrate = "would-migrate"
    case alreadyCurrent = "already-current"
  }

  public var instance: Instance
  public var from: String
  public var to: String
  public var result: Result
}

extension Engine {
  /// Every stored definition version, oldest first, with its instance count.
  public func definitionSummaries() async throws(EngineError) -> [DefinitionSummary] {
    let stored: [StoredDefinition]
    let counts: [String: Int]
    do {
      stored = try await store.definitions()
      counts = try await store.pinnedCounts()
    } catch { throw .store(error) }
    return stored.map { definition in
      DefinitionSummary(
        digest: definition.digest, workflow: definition.workflow, storedAt: definition.storedAt,
        sourcePath: definition.sourcePath, instances: counts[definition.digest] ?? 0,
        current: catalog.current(definition.workflow)?.workflow.digest == definition.digest)
    }
  }

  /// Moves an instance to the current definition of its workflow when its state exists there
  /// and its fields satisfy it (new fields take their defaults); otherwise refuses, saying
  /// why, and changes nothing. The move is a history entry (`migrate`).
  public func migrate(_ id: String, as actorID: String, dryRun: Bool = false) async throws(EngineError)
    -> MigrationOutcome
  {
    for _ in 0..<maxAttempts {
      let (outcome, entry, previous) = try await reading(snapshotRequest(instance: id)) {
        (engine, snapshot) throws(EngineError) in
        guard let instance = snapshot.instance else { throw .notFound("no instance \"\(id)\"") }
        let (outcome, entry) = try engine.planMigration(
          instance, from: try engine.catalog.pinned(instance, stored: snapshot.definition), as: actorID,
          dryRun: dryRun)
        return (outcome, entry, instance)
      }
      guard outcome.result == .migrated, let current = entry else { return outcome }
      let history = HistoryEntry(
        instanceID: id, revision: outcome.instance.revision, event: "migrate", from: previous.state,
        to: previous.state, actor: actorID, at: outcome.instance.updatedAt,
        note: "definition \(outcome.from.prefix(12)) → \(outcome.to.prefix(12))")
      do {
        try await store.saveDefinition(catalog.storedDefinition(current, at: outcome.instance.updatedAt))
        try await store.commit(
          outcome.instance, expectedRevision: previous.revision, history: history, outbox: [])
      } catch {
        if case .revisionMismatch = error { continue }
        throw .store(error)
      }
      return outcome
    }
    throw EngineError(.conflict, "\(id) kept changing while it was migrated; try again")
  }

  /// What migrating `instance` would do, with no I/O: the moved instance, or the refusal
  /// saying why it cannot move. The second value is nil unless something is to be written.
  private func planMigration(
    _ instance: Instance, from old: CompiledWorkflow, as actorID: String, dryRun: Bool
  ) throws(EngineError) -> (MigrationOutcome, WorkflowCatalog.Entry?) {
    let id = instance.id
    guard let entry = catalog.current(instance.workflow) else {
      throw .notFound("the workflow \(instance.workflow) of \(id) is no longer in the workflow folder")
    }
    let target = entry.workflow
    let from = instance.definitionDigest
    guard from != target.digest else {
      return (MigrationOutcome(instance: instance, from: from, to: from, result: .alreadyCurrent), nil)
    }
    guard target.state(instance.state) != nil else {
      throw .rejected(
        "\(id) cannot move to the current \(instance.workflow): its state \(instance.state) no longer exists there")
    }
    var fields = instance.fields
    for name in fields.keys.sorted() where target.field(name) == nil {
      throw .rejected(
        "\(id) cannot move to the current \(instance.workflow): its field \(name) no longer exists there")
    }
    for compiled in target.fields where fields[compiled.field.name] == nil && old.field(compiled.field.name) == nil {
      guard let defaultValue = compiled.defaultValue else { continue }
      let value = try evaluate(defaultValue, in: scope(target, fields: fields, actor: actorID, state: instance.state))
      if !value.isNull { fields[compiled.field.name] = value }
    }
    do {
      try checkInvariants(target, fields: fields, previous: nil, state: instance.state, actor: actorID)
    } catch {
      throw .rejected("\(id) cannot move to the current \(instance.workflow): \(error.message)")
    }
    var next = instance
    next.fields = fields
    next.definitionDigest = target.digest
    guard !dryRun else {
      return (MigrationOutcome(instance: next, from: from, to: target.digest, result: .wouldMigrate), nil)
    }
    next.revision += 1
    next.updatedAt = Timestamp.rounded(clock.now())
    return (MigrationOutcome(instance: next, from: from, to: target.digest, result: .migrated), entry)
  }
}
