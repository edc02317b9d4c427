import Foundation
import RunwayModel

extension Engine {
  /// Fires `event` on instance `id` as `actorID` with typed params. Retries when a concurrent
  /// writer commits first; a refusal changes nothing. One transaction reads the instance with
  /// what the decision needs and writes its commit (docs/deployment.md).
  public func fire(
    _ id: String, _ event: String, as actorID: String, params: [String: Value] = [:]
  ) async throws(EngineError) -> FireOutcome {
    var asked = TransitionAsked(id: id, event: event, actorID: actorID, system: false)
    asked.values = params
    return try await fire(asked)
  }

  /// Fires `event` with params as a front end received them; the transition types them (the
  /// one this event takes from the instance's state, else any with this event).
  /// With `viewing`, the outcome carries the view the actor sees afterwards (what a front
  /// end prints), decided in the same transaction.
  public func fire(
    _ id: String, _ event: String, as actorID: String, input: [String: InputValue], viewing: Bool = false
  ) async throws(EngineError) -> FireOutcome {
    try await fire(
      TransitionAsked(
        id: id, event: event, actorID: actorID, system: false, params: input, viewer: viewing ? actorID : nil))
  }

  /// The transition `asked` committed, then the task of the state it entered run.
  private func fire(_ asked: TransitionAsked) async throws(EngineError) -> FireOutcome {
    var committed = try await commitTransition(asked)
    try await runTask(after: &committed, viewer: asked.viewer)
    return committed.outcome
  }

  /// The events `actorID` may fire on the instance now (task outcomes excluded), given the
  /// directory around it.
  func availableEvents(_ instance: Instance, _ workflow: CompiledWorkflow, for actorID: String) -> [String] {
    guard let actor = directory.actors[actorID] else { return [] }
    let binding = binding(workflow, instance.fields)
    // Each role decided once: the transitions from a state share a few roles, and deciding
    // one evaluates its workspace through the directory (every view does this; a fire over
    // HTTP answers with a view).
    var decided: [(role: String, held: Bool)] = []
    func holds(_ name: String) -> Bool {
      if let verdict = decided.first(where: { $0.role == name }) { return verdict.held }
      let held = binding.holds(actor, roleNamed: name)
      decided.append((name, held))
      return held
    }
    var events: [String] = []
    for transition in workflow.transitions(from: instance.state)
    where !transition.isTaskOutcome && !events.contains(transition.event) && transition.allow.contains(where: holds) {
      events.append(transition.event)
    }
    return events
  }

  /// The events `actorID` may fire on the instance now (task outcomes excluded).
  public func availableEvents(_ instance: Instance, for actorID: String) async throws(EngineError) -> [String] {
    try await reading(snapshotRequest(instance: instance.id, ids: [actorID])) {
      (engine, snapshot) throws(EngineError) in
      guard let current = snapshot.instance else { return [] }
      let workflow = try engine.catalog.pinned(current, stored: snapshot.definition)
      return engine.availableEvents(instance, workflow, for: actorID)
    }
  }

  /// Waits a random moment before trying a commit again, up to 1, 2, 4 … 32 ms as attempts
  /// grow: writers that collided then rarely collide again at once (docs/deployment.md,
  /// "Many writers at once").
  static func backOff(after attempt: Int) async {
    let ceiling = UInt64(1_000_000) << UInt64(min(attempt, 5))
    try? await Task.sleep(nanoseconds: UInt64.random(in: 0...ceiling))
  }

  /// The pinned definition's notifications name the last actors of more events than were read.
  struct MoreActorEvents: Error {
    var events: Set<String>
  }

  /// A commit and what it brings: the outcome for the caller, and the definition and
  /// directory it was decided with (for the task that may follow).
  struct Committed {
    /// The three in one object: a commit's result is copied through several generic layers
    /// of the store on its way out (docs/benchmarks.md, W4).
    private final class Parts: Sendable {
      let outcome: FireOutcome
      let workflow: CompiledWorkflow
      let directory: Directory

      init(outcome: FireOutcome, workflow: CompiledWorkflow, directory: Directory) {
        self.outcome = outcome
        self.workflow = workflow
        self.directory = directory
      }
    }

    private var parts: Parts
    var outcome: FireOutcome {
      get { parts.outcome }
      set { parts = Parts(outcome: newValue, workflow: workflow, directory: directory) }
    }
    var workflow: CompiledWorkflow { parts.workflow }
    var directory: Directory { parts.directory }
    /// False when the commit is known to have entered no state with a task (its transition
    /// touches none): `runTask` then looks no state up (docs/benchmarks.md, W4).
    var mayRunTask = true

    init(outcome: FireOutcome, workflow: CompiledWorkflow, directory: Directory) {
      parts = Parts(outcome: outcome, workflow: workflow, directory: directory)
    }
  }

  /// One transition, retried on revision conflicts. The system actor (`system`) may fire
  /// only task outcomes (and only they set `taskFields`).
  func commitTransition(
    _ id: String, _ event: String, actorID: String, system: Bool, params given: [String: InputValue],
    taskFields: [String: Value] = [:], note: String? = nil, viewer: String?, timer: ScheduledTimer? = nil,
    claim: TimeInterval? = nil
  ) async throws(EngineError) -> Committed {
    try await commitTransition(
      TransitionAsked(
        id: id, event: event, actorID: actorID, system: system, params: given, taskFields: taskFields, note: note,
        viewer: viewer, timer: timer, claim: claim))
  }

  /// The transition `asked` describes, retried on revision conflicts.
  func commitTransition(_ asked: TransitionAsked) async throws(EngineError) -> Committed {
    let (id, event, actorID, viewer) = (asked.id, asked.event, asked.actorID, asked.viewer)
    var engine = self
    // The last actors the notifications of this event may name; a definition pinned before
    // the current files may name others, which a second read then fetches.
    let reads = catalog.reads(of: event)
    var actorEvents = reads.actorEvents
    var readsTimers = reads.timers
    // The actors' records are read around the instance only by an engine without the whole
    // directory (a set allocated on every fire otherwise).
    var actorIDs: Set<String> = []
    if cache == nil {
      actorIDs.insert(actorID)
      if let viewer { actorIDs.insert(viewer) }
    }
    for attempt in 0..<maxAttempts {
      var request = snapshotRequest(instance: id, ids: actorIDs, actorEvents: actorEvents)
      request.timers = readsTimers
      do {
        // `decideAndWrite` with the result's type written out: through the generic `update`
        // every fire looked its types up at run time (docs/benchmarks.md, W4).
        var committed: Committed?
        try await store.decideAndWrite(request) { snapshot in
          let decision = try engine.decision(
            on: snapshot, asked, actorEvents: request.actorEvents, readsTimers: request.timers)
          committed = decision.result
          return decision.commit
        }
        guard let committed else { throw StoreError.corrupt("a decision returned nothing") }
        return committed
      } catch let error as EngineError {
        throw error
      } catch is StaleDirectory {
        try await engine.refresh()
      } catch let more as MoreActorEvents {
        actorEvents.formUnion(more.events)
      } catch is TimersNeeded {
        readsTimers = true
      } catch let error as StoreError {
        if case .revisionMismatch = error {
          await Self.backOff(after: attempt)
          continue
        }
        throw .store(error)
      } catch {
        throw EngineError(.unavailable, "\(error)")
      }
    }
    throw EngineError(
      .conflict,
      "\(id) kept changing while \(event) was applied (\(maxAttempts) attempts); try again")
  }

  /// The whole decision of one transition, with no I/O: which transition, which target, the
  /// new fields, the history entry and the outbox entries — or the refusal.
  func decide(
    _ instance: Instance, _ workflow: CompiledWorkflow, _ event: String, actorID: String, actor: Actor?,
    params input: [String: InputValue], values: [String: Value]? = nil, taskFields: [String: Value], note: String?,
    lastActors: [String: String],
    viewer: String?, timers existing: [ScheduledTimer]? = [], claim: TimeInterval? = nil
  ) throws(EngineError) -> (InstanceCommit, FireOutcome)? {
    let id = instance.id
    let transition = try transition(workflow, instance, event, actorID: actorID, actor: actor)
    // A param this transition does not take is typed as another transition with the event
    // declares it (and then refused with a hint); looked up only then.
    func declared(_ name: String) -> ValueType? {
      if let param = transition.params.first(where: { $0.param.name == name }) { return param.param.type }
      return workflow.definition.transitions(for: event).lazy.flatMap(\.params).first { $0.name == name }?.type
    }
    let given: [String: Value]
    if let values {
      given = try InputValue.coerced(values, declared: declared)
    } else {
      given = try InputValue.typed(input, declared: declared)
    }
    let params = try validatedParams(workflow, transition, instance, given, actorID: actorID)
    let context = scope(
      workflow, fields: instance.fields, params: params, actor: actorID, state: instance.state)
    var target: String?
    for choice in transition.choices {
      if let when = choice.when, try evaluate(when, in: context) != .bool(true) { continue }
      target = choice.state
      break
    }
    guard let target else {
      throw .rejected("no target of \(event) applies to \(id) in its current state")
    }
    // Only the fields this transition sets can change (stored fields hold no null), so the
    // invariants and the index look at those alone, not at every field of the instance.
    var fields = instance.fields
    // The names set to a new value, each once: a list, as a transition sets few (a set
    // allocated and hashed on every fire).
    var changed: [String] = []
    // Whether an indexed value moved, noted as each field is set: the index is written again
    // only then (one lookup a field set, where comparing afterwards took two more).
    var indexMoved = false
    func set(_ name: String, _ value: Value) {
      let old: Value?
      if value.isNull {
        old = fields.removeValue(forKey: name)
        guard old != nil else { return }
      } else {
        old = fields.updateValue(value, forKey: name)
        guard old != value else { return }
      }
      if !changed.contains(name) { changed.append(name) }
      if !indexMoved { indexMoved = InstanceIndex.moves(from: old, to: value) }
    }
    for assignment in transition.assignments { set(assignment.field, try evaluate(assignment.value, in: context)) }
    for (name, value) in taskFields { set(name, value) }
    try checkInvariants(
      workflow, fields: fields, previous: instance.fields, changed: changed, state: target, actor: actorID)

    var next = instance
    next.fields = fields
    next.state = target
    next.revision += 1
    next.updatedAt = Timestamp.rounded(clock.now())
    let entry = HistoryEntry(
      instanceID: id, revision: next.revision, event: event, from: instance.state, to: target,
      actor: actorID, at: next.updatedAt, params: workflow.maskingSecrets(given), note: note)
    // The last actors (this one's included) matter only to a transition that notifies.
    var notifications: [OutboxEntry] = []
    if !transition.notify.isEmpty {
      var actors = lastActors
      actors[event] = actorID
      let renderer = NotificationRenderer(
        workflow: workflow, directory: directory, members: members, settings: settings)
      notifications = renderer.entries(for: transition.notify, instance: next, entry: entry, lastActors: actors)
    }
    var commit = InstanceCommit(
      instance: next, expectedRevision: instance.revision, history: entry, outbox: notifications,
      index: indexMoved ? InstanceIndex.entries(fields) : nil)
    commit.keepsDefinition = true
    commit.changedFields = changed
    // Entering a state with a task claims its run for this process (a retry: until its
    // back-off ends, when a worker takes it up); leaving one releases it.
    // (A transition whose states have no task has nothing to claim or release.)
    if workflow.touchesTasks(transition) {
      if let task = workflow.task(of: target) {
        commit.taskLease = .claim(until: next.updatedAt + (claim ?? taskClaim(task)))
      } else if workflow.task(of: instance.state) != nil {
        commit.taskLease = .release
      }
    }
    // Nil: the transition may change timers the snapshot did not read; read them and decide again.
    // A transition that touches no state with timers leaves them as they are (no lookups).
    if workflow.touchesTimers(transition) {
      do { commit.timers = try timers(after: next, from: instance.state, workflow, existing: existing) } catch {
        return nil
      }
    }
    let view = viewer.map { self.view(of: next, workflow, for: $0, lastEntry: entry) }
    return (commit, FireOutcome(instance: next, entries: [entry], notifications: notifications, view: view))
  }

  /// The transition `event` takes from the instance's state, once the actor may fire it.
  private func transition(
    _ workflow: CompiledWorkflow, _ instance: Instance, _ event: String, actorID: String,
    actor: Actor?
  ) throws(EngineError) -> CompiledTransition {
    let binding = binding(workflow, instance.fields)
    guard let transition = workflow.transition(from: instance.state, event: event) else {
      let declared = workflow.definition.transitions(for: event)
      let events = Set(workflow.definition.transitions.map(\.event))
      if declared.isEmpty && !(actor == nil && isTaskEvent(event)) {
        throw .rejected(
          "\(workflow.definition.name) has no event \"\(event)\""
            + Suggestion.hint(for: event, among: events))
      }
      let roles = Array(Set(declared.flatMap { $0.allow.map(\.name) })).sorted()
      if actor != nil, roles == [StateTimer.systemRole] {
        throw .forbidden("\(event) is fired by the system when a timer is due, not by people")
      }
      if let actor, !binding.allows(actor, roles) {
        throw .forbidden(binding.refusal(actorID, actor, event + " " + instance.id, needs: roles))
      }
      throw .rejected(stateRefusal(workflow, instance, event))
    }
    if transition.isTaskOutcome {
      guard actor == nil else {
        throw .forbidden("\(event) is fired by the system when the state's task finishes")
      }
      return transition
    }
    guard let actor else {
      // Timers fire as the system actor the events whose allow lists `system`.
      if transition.allow.contains(StateTimer.systemRole) { return transition }
      throw .forbidden("the system fires only task outcomes and timed events, not \(event)")
    }
    // Compared in place: an array literal to compare with was a heap block on every fire.
    if transition.allow.count == 1, transition.allow[0] == StateTimer.systemRole {
      throw .forbidden("\(event) is fired by the system when a timer is due, not by people")
    }
    guard binding.allows(actor, transition) else {
      throw .forbidden(
        binding.refusal(actorID, actor, event + " " + instance.id, needs: transition.allow))
    }
    return transition
  }

  private func isTaskEvent(_ event: String) -> Bool {
    event == TaskBinding.successEvent || event == TaskBinding.failureEvent
  }

  /// The params after defaults, each of its type, within bounds and passing its check.
  private func validatedParams(
    _ workflow: CompiledWorkflow, _ transition: CompiledTransition, _ instance: Instance,
    _ given: [String: Value], actorID: String
  ) throws(EngineError) -> [String: Value] {
    // The refusal's sorted names and list are built only when a param is unknown (every fire checks).
    if given.keys.contains(where: { name in !transition.params.contains { $0.param.name == name } }) {
      let declared = transition.params.map(\.param.name)
      for name in given.keys.sorted() where !declared.contains(name) {
        let takes = declared.isEmpty ? "takes no params" : "takes \(RoleBinding.both(declared))"
        throw .invalidInput(
          "\(transition.event) has no param \"\(name)\"" + Suggestion.hint(for: name, among: declared)
            + "; it \(takes)")
      }
    }
    var params = given.values.contains(where: \.isNull) ? given.filter { !$0.value.isNull } : given
    // The expressions' scope is made only for a default to evaluate or a check (a copy of
    // the instance's fields and the directory each time, docs/benchmarks.md, W4).
    var context: InstanceScope?
    func paramScope() -> InstanceScope {
      if let context { return context }
      let made = scope(workflow, fields: instance.fields, params: params, actor: actorID, state: instance.state)
      context = made
      return made
    }
    // A param's name is looked up here only when it has a default (one lookup fewer a param).
    for compiled in transition.params {
      guard let defaultValue = compiled.defaultValue, params[compiled.param.name] == nil else { continue }
      let value = try evaluate(defaultValue, in: paramScope())
      if !value.isNull { params[compiled.param.name] = value }
    }
    context?.params = params
    for compiled in transition.params {
      let param = compiled.param
      guard let value = params[param.name] else {
        if param.required {
          let title = param.title.map { " (\($0.lowercased()))" } ?? ""
          throw .rejected("\(transition.event) needs the param \(param.name)\(title)")
        }
        continue
      }
      if let problem = ValueRules.typeProblem(value, param.type) {
        throw .invalidInput("\(param.name) \(problem)")
      }
      if let problem = ValueRules.boundsProblem(value, min: param.min, max: param.max) {
        throw .rejected("\(param.name) \(problem)")
      }
      if let check = compiled.check, try evaluate(check, in: paramScope()) != .bool(true) {
        throw .rejected(
          checkMessage(
            param.message, fallback: "\(param.name) fails its check \"\(check.source.text)\"",
            fields: instance.fields, params: params, in: workflow))
      }
    }
    return params
  }
}
