extension DefinitionChecker {
  /// Each timer of a state: not on a terminal or the initial state, its delay positive (the
  /// decoder refuses others) or a `duration` setting, its event a transition from the state
  /// that the `system` role may fire (docs/workflow-format.md, "Timers").
  mutating func checkTimers(_ transitions: [CompiledTransition]) {
    // Most workflows have no timers, and the index below costs a dictionary per state.
    guard definition.states.contains(where: { !$0.timers.isEmpty }) else { return }
    var bySource: [String: [String: CompiledTransition]] = [:]
    for transition in transitions where !transition.isTaskOutcome {
      for source in transition.sources where bySource[source]?[transition.event] == nil {
        bySource[source, default: [:]][transition.event] = transition
      }
    }
    for state in definition.states {
      var seen: Set<String> = []
      for timer in state.timers {
        if state.terminal {
          error("terminal state \"\(state.name)\" cannot have timers: nothing leaves it", at: timer.location)
          continue
        }
        if state.name == definition.initial.name {
          error(
            "the initial state \"\(state.name)\" cannot have timers: they are set when a transition enters a state",
            at: timer.location)
        }
        if !seen.insert(timer.event.name).inserted {
          error("state \"\(state.name)\" has two timers firing \"\(timer.event.name)\"", at: timer.location)
        }
        if case .setting(let name) = timer.after {
          if let type = settingTypes[name] {
            if type != .duration {
              error("\"after\" needs a duration setting, but \"\(name)\" is \(type)", at: timer.location)
            }
          } else {
            error("\"after\" names " + unknown("setting", name, among: settingTypes.keys), at: timer.location)
          }
        }
        let event = timer.event.name
        guard let transition = bySource[state.name]?[event] else {
          let events = Set(definition.transitions.map(\.event))
          let problem =
            events.contains(event)
            ? "\"\(event)\", which cannot be fired from \"\(state.name)\"; add \"\(state.name)\" to its from"
            : unknown("event", event, among: events)
          error("the timer of \"\(state.name)\" fires \(problem)", at: timer.event.location)
          continue
        }
        if !transition.allow.contains(StateTimer.systemRole) {
          error(
            "the timer of \"\(state.name)\" fires \"\(event)\", which the system may not fire; add system to its allow",
            at: timer.event.location)
        }
      }
    }
  }
}
