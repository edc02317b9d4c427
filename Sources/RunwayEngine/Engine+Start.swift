import RunwayModel

extension Engine {
  /// Starts an instance of the current definition of `workflowName` with the given fields.
  public func start(_ workflowName: String, as actorID: String, fields given: [String: Value])
    async throws(EngineError) -> FireOutcome
  {
    try await start(workflowName, as: actorID, input: given.mapValues(InputValue.value))
  }

  /// Starts an instance with field values as a front end received them, typed by the
  /// workflow's field declarations.
  public func start(_ workflowName: String, as actorID: String, input: [String: InputValue])
    async throws(EngineError) -> FireOutcome
  {
    guard let entry = catalog.current(workflowName) else {
      throw .notFound(
        "no workflow \"\(workflowName)\"" + Suggestion.hint(for: workflowName, among: catalog.names))
    }
    let workflow = entry.workflow
    let given = try InputValue.typed(input) { workflow.field($0)?.field.type }
    for name in given.keys.sorted() where workflow.field(name) == nil {
      throw .invalidInput(
        "\(workflowName) has no field \"\(name)\""
          + Suggestion.hint(for: name, among: workflow.fields.map(\.field.name)))
    }
    var ids: Set<String> = [actorID]
    for value in given.values { if case .string(let text) = value { ids.insert(text) } }
    let request = snapshotRequest(instance: nil, ids: ids)
    let scoped: Engine
    let instance: Instance
    let history: HistoryEntry
    do {
      (scoped, instance, history) = try await reading(request) {
        (engine, _) throws(EngineError) -> (Engine, Instance, HistoryEntry) in
        let (instance, history) = try engine.prepareStart(workflow, as: actorID, fields: given)
        return (engine, instance, history)
      }
    } catch  where error.code == .notFound && cache == nil {
      // A missing record: the records around the new instance hold no near miss, so the
      // refusal reads the directory to say "did you mean".
      var whole = self
      do { whole.directory = try await store.directory() } catch { throw .store(error) }
      _ = try whole.prepareStart(workflow, as: actorID, fields: given)
      throw error
    }
    do {
      try await store.create(
        instance, uniqueKeys: uniqueKeys(workflow, instance.fields), history: history, outbox: [],
        definition: catalog.storedDefinition(entry, at: instance.createdAt))
    } catch {
      if case .duplicate(_, let existing) = error {
        throw try await duplicateRefusal(workflow, instance.fields, existing)
      }
      throw .store(error)
    }
    var committed = Committed(
      outcome: FireOutcome(
        instance: instance, entries: [history], notifications: [],
        view: scoped.view(of: instance, workflow, for: actorID, lastEntry: history)),
      workflow: workflow, directory: scoped.directory)
    try await scoped.runTask(after: &committed, viewer: actorID)
    return committed.outcome
  }

  /// The new instance and its first history entry, or the refusal: defaults, references,
  /// the start roles and the invariants, with no I/O.
  private func prepareStart(_ workflow: CompiledWorkflow, as actorID: String, fields given: [String: Value])
    throws(EngineError) -> (Instance, HistoryEntry)
  {
    let workflowName = workflow.definition.name
    let actor = try actor(actorID)
    let initial = workflow.definition.initial.name
    var fields = given
    for compiled in workflow.fields where fields[compiled.field.name] == nil {
      guard let defaultValue = compiled.defaultValue else { continue }
      let value = try evaluate(
        defaultValue, in: scope(workflow, fields: fields, actor: actorID, state: initial))
      if !value.isNull { fields[compiled.field.name] = value }
    }
    try checkReferences(workflow, fields)
    let binding = binding(workflow, fields)
    guard binding.allows(actor, workflow.startRoles) else {
      throw .forbidden(
        binding.refusal(actorID, actor, "start \(workflowName)", needs: workflow.startRoles))
    }
    try checkInvariants(workflow, fields: fields, previous: nil, state: initial, actor: actorID)

    let now = Timestamp.rounded(clock.now())
    let instance = Instance(
      id: makeInstanceID(), workflow: workflowName, definitionDigest: workflow.digest,
      state: initial, revision: 1, fields: fields, initiator: actorID, createdAt: now,
      updatedAt: now)
    let history = HistoryEntry(
      instanceID: instance.id, revision: 1, event: "start", from: nil, to: initial,
      actor: actorID, at: now, params: workflow.maskingSecrets(given))
    return (instance, history)
  }

  /// Refuses references to directory records that do not exist before anything else, so a
  /// typo reads "no mini program" rather than "you may not start".
  private func checkReferences(_ workflow: CompiledWorkflow, _ fields: [String: Value])
    throws(EngineError)
  {
    for compiled in workflow.fields {
      guard case .ref(let kind) = compiled.field.type,
        let id = fields[compiled.field.name]?.stringValue,
        let problem = referenceProblem(kind, id, in: workflow.domain)
      else { continue }
      throw .notFound(problem)
    }
  }

  /// The unique keys of an instance: one per `unique` tuple, naming the workflow, the
  /// fields and their values.
  func uniqueKeys(_ workflow: CompiledWorkflow, _ fields: [String: Value]) -> [String] {
    workflow.definition.unique.map { tuple in
      ([workflow.definition.name] + tuple.map { "\($0.name)=\((fields[$0.name] ?? .null).display)" })
        .joined(separator: "\u{1F}")
    }
  }

  private func duplicateRefusal(
    _ workflow: CompiledWorkflow, _ fields: [String: Value], _ existing: String
  ) async throws(EngineError) -> EngineError {
    let other = try? await store.instance(existing)
    let tuple =
      workflow.definition.unique.first.map { $0.map(\.name) } ?? []
    let values = tuple.map { (fields[$0] ?? .null).display }
    let state = other.map { " (\($0.state))" } ?? ""
    return .rejected(
      "\(existing)\(state) already has the same \(RoleBinding.both(tuple)) (\(values.joined(separator: ", "))); "
        + "they may not repeat in \(workflow.definition.name), so release a new version instead")
  }
}
