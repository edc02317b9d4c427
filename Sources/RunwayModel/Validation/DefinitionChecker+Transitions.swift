extension DefinitionChecker {
  /// Compiles declared transitions and the task outcomes, checking every reference.
  mutating func compileTransitions(roles: [CompiledRole]) -> (transitions: [CompiledTransition], index: TransitionIndex)
  {
    var compiled: [CompiledTransition] = []
    var index = TransitionIndex(count: definition.states.count)
    var overlaps: [(transition: CompiledTransition, state: Int, first: CompiledTransition)] = []
    func indexed(_ transition: CompiledTransition) {
      compiled.append(transition)
      index.add(transition, states: states) { overlaps.append(($0, $1, $2)) }
    }
    // By index: iterating the states would copy each one to find the few with a task.
    for stateIndex in definition.states.indices where definition.states[stateIndex].task != nil {
      let state = definition.states[stateIndex]
      guard let task = state.task else { continue }
      // A failed attempt with another to come stays in the state (docs/workflow-format.md,
      // "Time limits and retries").
      let retry = task.retries.map { Reference(state.name, at: $0.location) }
      for (event, target) in [
        (TaskBinding.successEvent, task.onSuccess), (TaskBinding.failureEvent, task.onFailure),
        (TaskBinding.retryEvent, retry),
      ] {
        guard let target else { continue }
        indexed(
          CompiledTransition(
            event: event, location: task.location, index: -1, sources: [state.name], isTaskOutcome: true, allow: [],
            allowedRoles: [], params: [], choices: [CompiledChoice(state: target.name, when: nil)], assignments: [],
            notify: []))
      }
    }
    compiled.reserveCapacity(compiled.count + definition.transitions.count)
    let notifications = definition.notifications.map(\.name)
    // Neighbouring transitions often leave the same state and allow the same roles: an equal
    // list is shared with the previous transition instead of allocated again (W3).
    var previousSources: [String] = []
    var previousAllow: [String] = []
    // The declared roles of `previousAllow`, resolved with it (each fire checks them).
    var previousRoles: [CompiledRole] = []
    let rolesByName = Dictionary(roles.map { ($0.role.name, $0) }, uniquingKeysWith: { first, _ in first })
    var plainChoices = [[CompiledChoice]?](repeating: nil, count: definition.states.count)
    for (number, transition) in definition.transitions.enumerated() {
      if case .states(let sources) = transition.from {
        for source in sources {
          // One lookup by number, not a set, a dictionary of states and a copy of the state.
          guard let id = states.ids[source.name] else {
            error(unknown("state", source.name, among: stateNames), at: source.location)
            continue
          }
          if definition.states[id].terminal {
            error(
              "\"\(transition.event)\" leaves terminal state \"\(source.name)\"; nothing leaves a terminal state",
              at: source.location)
          }
        }
      }
      // `system` is the built-in role of timers (docs/workflow-format.md, "Timers").
      for role in transition.allow where role.name != StateTimer.systemRole { checkRole(role) }
      if transition.allow.isEmpty {
        warning("nobody may fire \"\(transition.event)\": its allow list is empty", at: transition.location)
      }
      for reference in transition.notify where !notifications.contains(reference.name) {
        error(unknown("notification", reference.name, among: notifications), at: reference.location)
      }
      let paramTypes = Dictionary(
        transition.params.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
      var params: [CompiledParam] = []
      for param in transition.params {
        if let min = param.min, let max = param.max, min > max {
          error("param \"\(param.name)\" has min \(min) above its max \(max)", at: param.location)
        }
        if case .enumeration(let values) = param.type, values.isEmpty {
          error("enum param \"\(param.name)\" lists no values", at: param.location)
        }
        checkMessage(param.message, extra: Array(paramTypes.keys))
        params.append(
          CompiledParam(
            param: param,
            defaultValue: expression(param.defaultValue, params: paramTypes, expecting: param.type),
            check: expression(param.check, params: paramTypes, expecting: .bool)))
      }
      var choices: [CompiledChoice] = []
      if transition.to.count == 1, transition.to[0].when == nil, let id = states.ids[transition.to[0].state.name] {
        // One plain target, the common case: every transition to that state shares one list
        // (a list per transition was a sixth of a large compiled workflow, W3). A known state
        // with no `when` gets no diagnostic here.
        if let shared = plainChoices[id] {
          choices = shared
        } else {
          choices = [CompiledChoice(state: transition.to[0].state.name, when: nil)]
          plainChoices[id] = choices
        }
      } else {
        for (position, choice) in transition.to.enumerated() {
          checkState(choice.state)
          let last = position == transition.to.count - 1
          if last && choice.when != nil && transition.to.count > 1 {
            error(
              "the last choice of \"\(transition.event)\" must have no \"when\": it is taken when no other applies",
              at: choice.when?.location ?? choice.location)
          }
          if !last && choice.when == nil {
            error(
              "only the last choice of \"\(transition.event)\" may omit \"when\"; the choices after this one could never be taken",
              at: choice.location)
          }
          choices.append(
            CompiledChoice(
              state: choice.state.name, when: expression(choice.when, params: paramTypes, expecting: .bool)))
        }
      }
      var assignments: InlineList<CompiledAssignment> = []
      for assignment in transition.set {
        // By number: copying the field out of a dictionary retained each of its parts.
        guard let id = fieldIDs[assignment.field.name] else {
          error(unknown("field", assignment.field.name, among: fieldTypes.keys), at: assignment.field.location)
          continue
        }
        if definition.fields[id].immutable {
          error(
            "\"\(transition.event)\" sets \"\(assignment.field.name)\", which is immutable: it is fixed at the start",
            at: assignment.field.location)
        }
        if let value = expression(assignment.value, params: paramTypes, expecting: definition.fields[id].type) {
          assignments.append(CompiledAssignment(field: assignment.field.name, value: value))
        }
      }
      if !Self.names(of: transition, equal: previousSources) { previousSources = states.sources(of: transition) }
      if !previousAllow.elementsEqual(transition.allow.lazy.map(\.name)) {
        previousAllow = transition.allow.map(\.name)
        previousRoles = previousAllow.compactMap { rolesByName[$0] }
      }
      let sources = previousSources
      let allow = previousAllow
      indexed(
        CompiledTransition(
          event: transition.event, location: transition.location, index: number, sources: sources, isTaskOutcome: false,
          allow: allow, allowedRoles: previousRoles, params: params, choices: choices, assignments: assignments,
          notify: transition.notify.map(\.name)))
    }
    reportOverlaps(overlaps)
    return (compiled, index)
  }

  /// Whether `transition` leaves exactly the one declared state `names` holds (checked
  /// without building its list of sources).
  private static func names(of transition: Transition, equal names: [String]) -> Bool {
    guard names.count == 1, case .states(let references) = transition.from, references.count == 1 else {
      return false
    }
    return references[0].name == names[0]
  }

  /// Two transitions on one event must not leave the same state: each overlap the index met.
  private mutating func reportOverlaps(
    _ overlaps: [(transition: CompiledTransition, state: Int, first: CompiledTransition)]
  ) {
    for (transition, id, first) in overlaps {
      let state = definition.states[id].name
      let firstPlace = first.isTaskOutcome ? "the task of \"\(state)\"" : "line \(first.location.line)"
      error(
        "\"\(transition.event)\" is declared twice for state \"\(state)\" (also at \(firstPlace)); which one fires would be ambiguous",
        at: transition.location)
    }
  }

  /// Reachability: every state reachable from `initial`, and a terminal state reachable from
  /// every non-terminal one. States are numbered by their first declaration: the walks touch
  /// every edge, and hashing names for each was a tenth of loading a large workflow (W3).
  mutating func checkGraph(_ index: TransitionIndex) {
    let ids = states.ids
    let count = definition.states.count
    // Edges in flat arrays, each state's run found by its start (a list per state was two
    // allocations or more per state, W3).
    var successors = StateEdges(count: count)
    for from in 0..<count {
      for transition in index.leaving[from] {
        for choice in transition.choices { if let to = ids[choice.state] { successors.targets.append(to) } }
      }
      successors.starts[from + 1] = successors.targets.count
    }
    guard let initial = ids[definition.initial.name] else { return }
    var reachable = [Bool](repeating: false, count: count)
    reachable[initial] = true
    var queue = [initial]
    while let state = queue.popLast() {
      for next in successors[state] where !reachable[next] {
        reachable[next] = true
        queue.append(next)
      }
    }
    // Walk backwards from the terminal states: whatever reaches one of them can end.
    let predecessors = successors.reversed()
    var reachesEnd = [Bool](repeating: false, count: count)
    var pending: [Int] = []
    for index in definition.states.indices where definition.states[index].terminal {
      if let id = ids[definition.states[index].name], !reachesEnd[id] {
        reachesEnd[id] = true
        pending.append(id)
      }
    }
    let hasTerminal = !pending.isEmpty
    while let state = pending.popLast() {
      for previous in predecessors[state] where !reachesEnd[previous] {
        reachesEnd[previous] = true
        pending.append(previous)
      }
    }
    if !hasTerminal {
      error(
        "\"\(definition.name)\" has no terminal state; mark the end states with terminal: true", at: definition.location
      )
    }
    // By index: iterating the states would copy each one (its task, timers and texts).
    for index in definition.states.indices {
      let name = definition.states[index].name
      let location = definition.states[index].location
      guard let id = ids[name] else { continue }
      if !reachable[id] {
        warning("state \"\(name)\" cannot be reached from \"\(definition.initial.name)\"", at: location)
      }
      guard !definition.states[index].terminal, hasTerminal else { continue }
      if successors[id].isEmpty {
        error("state \"\(name)\" has no way out; add a transition from it or mark it terminal: true", at: location)
      } else if !reachesEnd[id] {
        error("no terminal state can be reached from \"\(name)\"; a release there could never end", at: location)
      }
    }
  }
}
