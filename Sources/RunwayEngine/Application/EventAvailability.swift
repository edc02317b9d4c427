import RunwayModel

/// Whether an actor may fire one event on an instance now, and if not, every reason why —
/// as Symfony Workflow's TransitionBlockerList does.
public struct EventAvailability: Sendable, Hashable, Codable {
  /// Why an event is refused, as a code a script can branch on and one sentence.
  public struct Blocker: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, Hashable, Codable {
      /// The instance is not in a state the event applies in.
      case state
      /// The actor holds none of the roles the transition allows (workspace, assignment).
      case role
      /// No target's `when` holds for the instance as it is.
      case guardCondition = "guard"
      /// The actor is not in the directory.
      case actor
    }
    public var code: Code
    public var message: String
  }

  /// A param the event takes, for a form or a prompt.
  public struct ParamSummary: Sendable, Hashable, Codable {
    public var name: String
    public var type: String
    public var required: Bool
    public var title: String?
    public var min: Int?
    public var max: Int?
    /// The values an enum param takes, for a choice in a form; nil for other types.
    public var values: [String]?
  }

  public var event: String
  public var title: String?
  public var allowed: Bool
  public var blockers: [Blocker]
  public var params: [ParamSummary]
}

extension Engine {
  /// Every event of the instance's workflow (task outcomes aside) with whether `actorID` may
  /// fire it now and, for the others, their blockers. Params are not known yet, so a guard
  /// that reads them does not block.
  func availability(_ instance: Instance, _ workflow: CompiledWorkflow, for actorID: String)
    -> [EventAvailability]
  {
    let actor = directory.actors[actorID]
    let binding = binding(workflow, instance.fields)
    let context = scope(workflow, fields: instance.fields, actor: actorID, state: instance.state)
    var seen = Set<String>()
    var result: [EventAvailability] = []
    for declared in workflow.definition.transitions where !seen.contains(declared.event) {
      let event = declared.event
      seen.insert(event)
      let here = workflow.transition(from: instance.state, event: event)
      if here?.isTaskOutcome == true { continue }
      var blockers: [EventAvailability.Blocker] = []
      let params = (here?.params.map(\.param) ?? declared.params).map {
        EventAvailability.ParamSummary(
          name: $0.name, type: $0.type.description, required: $0.required, title: $0.title, min: $0.min, max: $0.max,
          values: Self.choices($0.type))
      }
      let roles =
        here?.allow ?? Array(Set(workflow.definition.transitions(for: event).flatMap { $0.allow.map(\.name) })).sorted()
      if let actor {
        if !binding.allows(actor, roles) {
          blockers.append(
            .init(code: .role, message: binding.refusal(actorID, actor, "\(event) \(instance.id)", needs: roles)))
        }
      } else {
        blockers.append(.init(code: .actor, message: "unknown actor \"\(actorID)\": no such actor in the directory"))
      }
      if let here {
        let open = here.choices.contains { choice in
          guard let when = choice.when else { return true }
          guard let value = try? when.evaluate(in: context) else { return true }
          return value == .bool(true)
        }
        if !open {
          blockers.append(
            .init(code: .guardCondition, message: "no target of \(event) applies to \(instance.id) as it is now"))
        }
      } else {
        blockers.append(.init(code: .state, message: stateRefusal(workflow, instance, event)))
      }
      result.append(
        EventAvailability(
          event: event, title: declared.title, allowed: blockers.isEmpty, blockers: blockers, params: params))
    }
    return result
  }

  /// The values of an enum type, nil for any other.
  static func choices(_ type: ValueType) -> [String]? {
    if case .enumeration(let values) = type { return values }
    return nil
  }

  /// "approve is not possible while r-… is in ready (Ready to apply); it applies in under-review"
  func stateRefusal(_ workflow: CompiledWorkflow, _ instance: Instance, _ event: String) -> String {
    let title = workflow.state(instance.state)?.title ?? instance.state
    let states = workflow.definition.transitions(for: event).flatMap { transition -> [String] in
      switch transition.from {
      case .anyState: return ["any state that is not terminal"]
      case .states(let names): return names.map(\.name)
      }
    }
    var sentence =
      "\(event) is not possible while \(instance.id) is in \(instance.state) (\(title)); it applies in \(RoleBinding.either(states))"
    if let task = workflow.state(instance.state)?.task {
      // The state moves on when its task records an outcome; a run whose process died never will.
      sentence +=
        "; \(instance.state) moves on when its \(task.name) task finishes (if it is stuck: runway tasks resume \(instance.id))"
    }
    return sentence
  }

  /// The availability of every event on instance `id` for `actorID`, from one read.
  public func availability(_ id: String, for actorID: String) async throws(EngineError) -> [EventAvailability] {
    try await reading(snapshotRequest(instance: id, ids: [actorID])) { (engine, snapshot) throws(EngineError) in
      guard let instance = snapshot.instance else { throw .notFound("no instance \"\(id)\"") }
      let workflow = try engine.catalog.pinned(instance, stored: snapshot.definition)
      return engine.availability(instance, workflow, for: actorID)
    }
  }
}
