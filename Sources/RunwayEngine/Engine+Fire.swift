import RunwayModel

extension Engine {
  /// Fires `event` on instance `id` as `actorID` with typed params. Retries when a concurrent
  /// writer commits first; a refusal changes nothing.
  public func fire(
    _ id: String, _ event: String, as actorID: String, params: [String: Value] = [:]
  ) async throws(EngineError) -> FireOutcome {
    let actor = try actor(actorID)
    var outcome = try await commitTransition(id, event, actorID: actorID, actor: actor, params: params)
    try await runTask(after: &outcome)
    return outcome
  }

  /// The events `actorID` may fire on the instance now (task outcomes excluded).
  public func availableEvents(_ instance: Instance, for actorID: String) async throws(EngineError)
    -> [String]
  {
    guard let actor = directory.actors[actorID] else { return [] }
    let workflow = try await definition(of: instance)
    let binding = binding(workflow, instance.fields)
    var events: [String] = []
    for transition in workflow.transitions(from: instance.state)
    where !transition.isTaskOutcome && !events.contains(transition.event)
      && binding.allows(actor, transition.allow)
    {
      events.append(transition.event)
    }
    return events
  }

  /// One transition, retried on revision conflicts. `actor` is nil for the system actor,
  /// which may fire only task outcomes (and only they set `taskFields`).
  func commitTransition(
    _ id: String, _ event: String, actorID: String, actor: Actor?, params given: [String: Value],
    taskFields: [String: Value] = [:], note: String? = nil
  ) async throws(EngineError) -> FireOutcome {
    for _ in 0..<maxAttempts {
      let instance = try await instance(id)
      let workflow = try await definition(of: instance)
      let transition = try transition(workflow, instance, event, actorID: actorID, actor: actor)
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
      var fields = instance.fields
      for assignment in transition.assignments {
        fields[assignment.field] = try evaluate(assignment.value, in: context)
      }
      for (name, value) in taskFields { fields[name] = value }
      fields = fields.filter { !$0.value.isNull }
      try checkInvariants(
        workflow, fields: fields, previous: instance.fields, state: target, actor: actorID)

      var next = instance
      next.fields = fields
      next.state = target
      next.revision += 1
      next.updatedAt = Timestamp.rounded(clock.now())
      let entry = HistoryEntry(
        instanceID: id, revision: next.revision, event: event, from: instance.state, to: target,
        actor: actorID, at: next.updatedAt, params: given, note: note)
      let notifications = try await outbox(workflow, transition.notify, next, entry)
      do {
        try await store.commit(
          next, expectedRevision: instance.revision, history: entry, outbox: notifications)
      } catch {
        if case .revisionMismatch = error { continue }
        throw .store(error)
      }
      return FireOutcome(instance: next, entries: [entry], notifications: notifications)
    }
    throw EngineError(
      .conflict,
      "\(id) kept changing while \(event) was applied (\(maxAttempts) attempts); try again")
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
      if let actor, !binding.allows(actor, roles) {
        throw .forbidden(binding.refusal(actorID, actor, event + " " + instance.id, needs: roles))
      }
      let title = workflow.state(instance.state)?.title ?? instance.state
      let states = declared.flatMap { transition -> [String] in
        switch transition.from {
        case .anyState: return ["any state that is not terminal"]
        case .states(let names): return names.map(\.name)
        }
      }
      throw .rejected(
        "\(event) is not possible while \(instance.id) is in \(instance.state) (\(title)); it applies in \(RoleBinding.either(states))"
      )
    }
    if transition.isTaskOutcome {
      guard actor == nil else {
        throw .forbidden("\(event) is fired by the system when the state's task finishes")
      }
      return transition
    }
    guard let actor else {
      throw .forbidden("the system fires only task outcomes, not \(event)")
    }
    guard binding.allows(actor, transition.allow) else {
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
    let declared = transition.params.map(\.param.name)
    for name in given.keys.sorted() where !declared.contains(name) {
      let takes = declared.isEmpty ? "takes no params" : "takes \(RoleBinding.both(declared))"
      throw .invalidInput(
        "\(transition.event) has no param \"\(name)\"" + Suggestion.hint(for: name, among: declared)
          + "; it \(takes)")
    }
    var params = given.filter { !$0.value.isNull }
    var context = scope(
      workflow, fields: instance.fields, params: params, actor: actorID, state: instance.state)
    for compiled in transition.params where params[compiled.param.name] == nil {
      guard let defaultValue = compiled.defaultValue else { continue }
      let value = try evaluate(defaultValue, in: context)
      if !value.isNull { params[compiled.param.name] = value }
    }
    context.params = params
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
      if let check = compiled.check, try evaluate(check, in: context) != .bool(true) {
        throw .rejected(
          checkMessage(
            param.message, fallback: "\(param.name) fails its check \"\(check.source.text)\"",
            fields: instance.fields, params: params, in: workflow))
      }
    }
    return params
  }

  /// The notifications of a transition, rendered for the outbox.
  private func outbox(
    _ workflow: CompiledWorkflow, _ names: [String], _ instance: Instance, _ entry: HistoryEntry
  ) async throws(EngineError) -> [OutboxEntry] {
    guard !names.isEmpty else { return [] }
    var history: [HistoryEntry] = []
    let needsHistory = names.contains { name in
      if case .actorOf = workflow.definition.notification(name)?.to { return true }
      return false
    }
    if needsHistory {
      do { history = try await store.history(of: instance.id) } catch { throw .store(error) }
    }
    history.append(entry)
    let renderer = NotificationRenderer(workflow: workflow, directory: directory, settings: settings)
    return renderer.entries(for: names, instance: instance, entry: entry, history: history)
  }

  /// Runs the task of the state the instance is now in and fires its outcome as the
  /// system actor, repeatedly while outcomes lead to further task states.
  func runTask(after outcome: inout FireOutcome) async throws(EngineError) {
    var steps = 0
    while steps < 16 {
      let workflow = try await definition(of: outcome.instance)
      guard let task = workflow.state(outcome.instance.state)?.task else { return }
      steps += 1
      let result = await taskRunner.run(task.name, for: outcome.instance, directory: directory)
      var next: FireOutcome
      if result.succeeded {
        do {
          next = try await commitTransition(
            outcome.instance.id, TaskBinding.successEvent, actorID: Self.systemActor, actor: nil,
            params: [:], taskFields: result.fields, note: result.message)
        } catch  where error.code == .rejected || error.code == .invalidInput {
          // A success the workflow refuses (a field the task may not set) is a failed task:
          // the instance must not stay in the task state with nothing to move it on.
          next = try await commitTransition(
            outcome.instance.id, TaskBinding.failureEvent, actorID: Self.systemActor, actor: nil,
            params: [:], note: "\(task.name) succeeded but its result was refused: \(error.message)")
        }
      } else {
        next = try await commitTransition(
          outcome.instance.id, TaskBinding.failureEvent, actorID: Self.systemActor, actor: nil,
          params: [:], note: result.message)
      }
      outcome.instance = next.instance
      outcome.entries += next.entries
      outcome.notifications += next.notifications
    }
  }
}
