extension DefinitionChecker {
  /// Compiles declared transitions and the task outcomes, checking every reference.
  mutating func compileTransitions() -> [CompiledTransition] {
    var compiled: [CompiledTransition] = []
    for state in definition.states {
      guard let task = state.task else { continue }
      // A failed attempt with another to come stays in the state (docs/workflow-format.md,
      // "Time limits and retries").
      let retry = task.retries.map { Reference(state.name, at: $0.location) }
      for (event, target) in [
        (TaskBinding.successEvent, task.onSuccess), (TaskBinding.failureEvent, task.onFailure),
        (TaskBinding.retryEvent, retry),
      ] {
        guard let target else { continue }
        let transition = Transition(
          event: event, from: .states([Reference(state.name, at: task.location)]),
          to: [Choice(state: target, location: target.location)], allow: [], location: task.location)
        compiled.append(
          CompiledTransition(
            event: event, transition: transition, index: -1, sources: [state.name], isTaskOutcome: true, allow: [],
            params: [], choices: [CompiledChoice(state: target.name, when: nil)], assignments: [],
            notify: []))
      }
    }
    let notifications = definition.notifications.map(\.name)
    for (index, transition) in definition.transitions.enumerated() {
      if case .states(let sources) = transition.from {
        for source in sources {
          checkState(source)
          if let state = states.byName[source.name], state.terminal {
            error(
              "\"\(transition.event)\" leaves terminal state \"\(state.name)\"; nothing leaves a terminal state",
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
      var assignments: [CompiledAssignment] = []
      for assignment in transition.set {
        guard let field = fieldsByName[assignment.field.name] else {
          error(unknown("field", assignment.field.name, among: fieldTypes.keys), at: assignment.field.location)
          continue
        }
        if field.immutable {
          error(
            "\"\(transition.event)\" sets \"\(field.name)\", which is immutable: it is fixed at the start",
            at: assignment.field.location)
        }
        if let value = expression(assignment.value, params: paramTypes, expecting: field.type) {
          assignments.append(CompiledAssignment(field: field.name, value: value))
        }
      }
      compiled.append(
        CompiledTransition(
          event: transition.event, transition: transition, index: index, sources: states.sources(of: transition),
          isTaskOutcome: false,
          allow: transition.allow.map(\.name), params: params, choices: choices,
          assignments: assignments, notify: transition.notify.map(\.name)))
    }
    checkOverlaps(compiled)
    return compiled
  }

  /// Two transitions on one event must not leave the same state.
  private mutating func checkOverlaps(_ transitions: [CompiledTransition]) {
    var seen: [String: [String: CompiledTransition]] = [:]  // state → event → first
    for transition in transitions {
      for name in transition.sources {
        guard let state = states.byName[name] else { continue }
        if let first = seen[state.name]?[transition.event] {
          let firstPlace =
            first.isTaskOutcome ? "the task of \"\(state.name)\"" : "line \(first.transition.location.line)"
          error(
            "\"\(transition.event)\" is declared twice for state \"\(state.name)\" (also at \(firstPlace)); which one fires would be ambiguous",
            at: transition.transition.location)
        } else {
          seen[state.name, default: [:]][transition.event] = transition
        }
      }
    }
  }

  /// Reachability: every state reachable from `initial`, and a terminal state reachable from
  /// every non-terminal one. States are numbered by their first declaration: the walks touch
  /// every edge, and hashing names for each was a tenth of loading a large workflow (W3).
  mutating func checkGraph(_ transitions: [CompiledTransition]) {
    var ids: [String: Int] = [:]
    for (index, state) in definition.states.enumerated() where ids[state.name] == nil { ids[state.name] = index }
    let count = definition.states.count
    var successors = [[Int]](repeating: [], count: count)
    for transition in transitions {
      let targets = transition.choices.compactMap { ids[$0.state] }
      for name in transition.sources { if let from = ids[name] { successors[from] += targets } }
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
    var predecessors = [[Int]](repeating: [], count: count)
    for (state, nexts) in successors.enumerated() {
      for next in nexts { predecessors[next].append(state) }
    }
    var reachesEnd = [Bool](repeating: false, count: count)
    var pending: [Int] = []
    for state in definition.states where state.terminal {
      if let id = ids[state.name], !reachesEnd[id] {
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
    for state in definition.states {
      guard let id = ids[state.name] else { continue }
      if !reachable[id] {
        warning("state \"\(state.name)\" cannot be reached from \"\(definition.initial.name)\"", at: state.location)
      }
      guard !state.terminal, hasTerminal else { continue }
      if successors[id].isEmpty {
        error(
          "state \"\(state.name)\" has no way out; add a transition from it or mark it terminal: true",
          at: state.location)
      } else if !reachesEnd[id] {
        error(
          "no terminal state can be reached from \"\(state.name)\"; a release there could never end", at: state.location
        )
      }
    }
  }
}
