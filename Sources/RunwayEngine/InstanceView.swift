import RunwayModel

/// An instance as a person or a script should see it: the state's title, the effective
/// field values (overlays applied, secrets masked), the events the viewer may fire now and
/// the last history entry.
public struct InstanceView: Sendable, Hashable {
  public var instance: Instance
  public var stateTitle: String
  public var terminal: Bool
  /// Effective values: a map field with an `overlay` shows the base overlaid by its own keys.
  public var fields: [String: Value]
  /// Declared field order, for printing.
  public var fieldOrder: [String]
  /// The events the viewer may fire now; empty without a viewer.
  public var events: [String]
  public var lastEntry: HistoryEntry?
  /// The next timed event and when it is due (docs/workflow-format.md, "Timers"), if any.
  public var nextTimer: ScheduledTimer?

  /// What secret configuration values are shown as.
  public static let mask = SecretMasking.mask
}

extension Engine {
  /// The view of instance `id` for `viewer` (events are listed only for a viewer), from one
  /// read transaction.
  public func view(_ id: String, for viewer: String?) async throws(EngineError) -> InstanceView {
    let request = snapshotRequest(instance: id, ids: viewer.map { [$0] } ?? [], lastEntry: true)
    return try await reading(request) { (engine, snapshot) throws(EngineError) in
      guard let instance = snapshot.instance else { throw .notFound("no instance \"\(id)\"") }
      let workflow = try engine.catalog.pinned(instance, stored: snapshot.definition)
      var view = engine.view(of: instance, workflow, for: viewer, lastEntry: snapshot.lastEntry)
      view.nextTimer = snapshot.timers.filter { $0.dueAt != nil }.min {
        ($0.dueAt ?? .distantFuture) < ($1.dueAt ?? .distantFuture)
      }
      return view
    }
  }

  /// The view of an instance already read, with the directory around it.
  func view(of instance: Instance, _ workflow: CompiledWorkflow, for viewer: String?, lastEntry: HistoryEntry?)
    -> InstanceView
  {
    // Room for every declared field at once: grown a field at a time, the map was copied
    // into larger storage several times on every view (a fire over HTTP answers with one).
    var fields: [String: Value] = [:]
    fields.reserveCapacity(workflow.fields.count)
    let context = scope(workflow, fields: instance.fields, actor: viewer ?? "", state: instance.state)
    for compiled in workflow.fields {
      var value = instance.fields[compiled.field.name] ?? .null
      if let overlay = compiled.overlay, case .map(let base) = (try? overlay.evaluate(in: context)) ?? .null {
        let own = value.mapValue ?? [:]
        value = .map(base.merging(own) { _, release in release })
      }
      value = SecretMasking.masked(value, keys: workflow.secretKeys)
      if !value.isNull { fields[compiled.field.name] = value }
    }
    let events = viewer.map { availableEvents(instance, workflow, for: $0) } ?? []
    let state = workflow.state(instance.state)
    return InstanceView(
      instance: instance, stateTitle: state?.title ?? instance.state,
      terminal: state?.terminal ?? false, fields: fields,
      fieldOrder: workflow.fields.map(\.field.name), events: events, lastEntry: lastEntry)
  }
}
