extension DefinitionChecker {
  mutating func checkFields() {
    for field in definition.fields {
      if case .enumeration(let values) = field.type, values.isEmpty {
        error("enum field \"\(field.name)\" lists no values", at: field.location)
      }
      if let min = field.min, let max = field.max, min > max {
        error("\"\(field.name)\" has min \(min) above its max \(max)", at: field.location)
      }
      if field.type != .map {
        if field.overlay != nil {
          error("only map fields may have an overlay; \"\(field.name)\" is \(field.type)", at: field.location)
        }
        if !field.secretKeys.isEmpty {
          error("only map fields may have secret keys; \"\(field.name)\" is \(field.type)", at: field.location)
        }
      }
      checkMessage(field.message, extra: [])
    }
  }

  mutating func checkUniqueAndSettings() {
    for tuple in definition.unique {
      for reference in tuple {
        guard let field = fieldsByName[reference.name] else {
          error(unknown("field", reference.name, among: fieldTypes.keys), at: reference.location)
          continue
        }
        if !field.immutable {
          error(
            "unique field \"\(field.name)\" must be immutable: the uniqueness key is fixed at the start",
            at: reference.location)
        }
      }
    }
    for setting in definition.settings {
      if let scope = setting.scope, fieldTypes[scope] == nil {
        error(
          "setting \"\(setting.name)\" is scoped by \(unknown("field", scope, among: fieldTypes.keys))",
          at: setting.location)
      }
      let defaultType: ValueType
      switch setting.defaultValue {
      case .bool: defaultType = .bool
      case .int: defaultType = .int
      case .string: defaultType = .string
      default: defaultType = .null
      }
      if setting.type == .duration {
        if Period(setting.defaultValue.stringValue ?? "") == nil {
          error(
            "the default of \"\(setting.name)\" must be a duration: "
              + Period.problem(setting.defaultValue.stringValue ?? setting.defaultValue.display), at: setting.location)
        }
      } else if case .enumeration(let values) = setting.type, case .string(let s) = setting.defaultValue,
        !values.contains(s)
      {
        error(
          "the default of \"\(setting.name)\" is not one of \(values.joined(separator: ", "))", at: setting.location)
      } else if !setting.type.accepts(defaultType) || setting.defaultValue.isNull {
        error("the default of \"\(setting.name)\" must be \(setting.type)", at: setting.location)
      }
    }
  }

  /// `rollout` names declared, immutable fields: the app and program as references, the
  /// environment and version as strings (a release's audience is found by them).
  mutating func checkRollout() {
    guard let rollout = definition.rollout else { return }
    for (role, reference) in rollout.all {
      guard let field = fieldsByName[reference.name] else {
        error(
          "rollout.\(role) names \(unknown("field", reference.name, among: fieldTypes.keys))", at: reference.location)
        continue
      }
      let wanted: Bool
      switch (role, field.type) {
      case ("app", .ref), ("program", .ref): wanted = true
      case ("environment", let type), ("version", let type): wanted = type.isStringLike
      default: wanted = false
      }
      if !wanted {
        let kind = role == "app" || role == "program" ? "a ref field" : "a string, enum or ref field"
        error("rollout.\(role) must name \(kind); \"\(field.name)\" is \(field.type)", at: reference.location)
      }
      if !field.immutable {
        error(
          "rollout.\(role) field \"\(field.name)\" must be immutable: a release's audience is found by it",
          at: reference.location)
      }
    }
  }

  mutating func checkRoles() -> [CompiledRole] {
    var roles: [CompiledRole] = []
    for role in definition.roles {
      if role.name == StateTimer.systemRole {
        error("\"system\" is the built-in role of timers; name this role otherwise", at: role.location)
      }
      if let assigned = role.assigned {
        if let type = fieldTypes[assigned] {
          if case .ref = type {
          } else {
            error(
              "role \"\(role.name)\" is assigned by \"\(assigned)\", which must be a ref field, not \(type)",
              at: role.location)
          }
        } else {
          error(
            "role \"\(role.name)\" is assigned by \(unknown("field", assigned, among: fieldTypes.keys))",
            at: role.location)
        }
      }
      if let workspace = expression(role.workspace, expecting: .string) {
        roles.append(CompiledRole(role: role, workspace: workspace))
      }
    }
    for reference in definition.start { checkRole(reference) }
    return roles
  }

  mutating func checkRole(_ reference: Reference) {
    if !roleNames.contains(reference.name) {
      error(unknown("role", reference.name, among: roleNames), at: reference.location)
    }
  }

  mutating func checkState(_ reference: Reference, _ what: String = "state") {
    if !stateNames.contains(reference.name) {
      error(unknown(what, reference.name, among: stateNames), at: reference.location)
    }
  }

  mutating func checkStates() {
    checkState(definition.initial, "initial state")
    for state in definition.states {
      if let task = state.task {
        if state.terminal {
          error("terminal state \"\(state.name)\" cannot run a task", at: task.location)
        }
        checkTask(task)
        for (outcome, reference) in [("success", task.onSuccess), ("failure", task.onFailure)] {
          if let reference {
            checkState(reference)
          } else {
            error("task state \"\(state.name)\" needs an \"on: \(outcome)\" state", at: task.location)
          }
        }
      }
      switch state.exposure {
      case .none, .all: break
      case .testers(let field), .percent(let field):
        let needed: ValueType = { if case .percent = state.exposure { return .int } else { return .set } }()
        let location = state.exposureLocation ?? state.location
        guard let type = fieldTypes[field] else {
          error("exposure of \"\(state.name)\" names \(unknown("field", field, among: fieldTypes.keys))", at: location)
          continue
        }
        if type != needed {
          let kind = needed == .int ? "percent" : "testers"
          error(
            "exposure \(kind) needs \(needed == .int ? "an int" : "a set") field, but \"\(field)\" is \(type)",
            at: location)
        }
      }
    }
  }

  mutating func checkNotifications() {
    // Built for the first `actorOf` only: a large workflow has thousands of events, and most
    // notifications name none (W3, docs/benchmarks.md).
    var declaredEvents: Set<String>?
    for notification in definition.notifications {
      switch notification.to {
      case .initiator: break
      case .actorOf(let event):
        let transitions = definition.transitions
        let events = declaredEvents ?? Set(transitions.indices.lazy.map { transitions[$0].event })
        declaredEvents = events
        if !events.contains(event.name) {
          error(unknown("event", event.name, among: events), at: event.location)
        }
      case .roles(let roles): for role in roles { checkRole(role) }
      }
      var params = Set<String>()
      // By index: iterating the transitions would copy each one (all its lists) to read one.
      for index in definition.transitions.indices
      where definition.transitions[index].notify.contains(where: { $0.name == notification.name }) {
        params.formUnion(definition.transitions[index].params.map(\.name))
      }
      let roots: Set<String> = Set(fieldTypes.keys).union(["state", "event", "params", "actor", "workflow", "instance"])
      for template in [notification.subject, notification.body] {
        checkTemplate(template, roots: roots, params: params)
      }
    }
  }

  /// A check message sees the fields and, for a param, the transition's params.
  mutating func checkMessage(_ template: TemplateSource?, extra params: [String]) {
    guard let template else { return }
    var roots = Set(fieldTypes.keys)
    if !params.isEmpty { roots.insert("params") }
    checkTemplate(template, roots: roots, params: Set(params))
  }

  mutating func checkTemplate(_ template: TemplateSource, roots: Set<String>, params: Set<String>) {
    let members: [String: Set<String>] = [
      "state": ["name", "title"], "actor": ["id", "email", "name"], "params": params,
    ]
    let scan = scan(template.text)
    if let problem = scan.problem {
      error(problem.message, at: template.location(ofOffset: problem.offset))
      return
    }
    let locations = template.locations(ofAscending: scan.uses.map(\.offset))
    for (use, location) in zip(scan.uses, locations) {
      let parts = use.name.split(separator: ".").map(String.init)
      guard let root = parts.first, roots.contains(root) else {
        error("the template uses \(unknown("variable", use.name, among: roots))", at: location)
        continue
      }
      if parts.count > 1, let allowed = members[root], !allowed.contains(parts[1]) {
        error(
          "the template uses \"\(use.name)\", but \(root) has \(allowed.isEmpty ? "nothing" : allowed.sorted().joined(separator: ", "))"
            + Suggestion.hint(for: parts[1], among: allowed), at: location)
      }
    }
  }
}

extension DefinitionChecker {
  /// A task is a built-in one by name, or a command with a program inside the workflow's
  /// folder and a time limit between a millisecond and an hour.
  mutating func checkTask(_ task: TaskBinding) {
    if let timeout = task.timeout, let location = task.timeoutLocation {
      if task.command != nil {
        error(
          "a command task's time limit is the \"timeout\" inside its task; remove this one", at: location)
      } else if timeout.seconds * 1000 > CommandTask.maximumTimeoutMilliseconds {
        error("the timeout must be at most 1h, not \(timeout)", at: location)
      }
    }
    guard let command = task.command else {
      if !TaskBinding.builtIn.contains(task.name) {
        error(
          "task must be \(TaskBinding.builtIn.sorted().joined(separator: ", ")) or {command: [PROGRAM, ARGUMENT…], timeout: 30s}, not \"\(task.name)\""
            + Suggestion.hint(for: task.name, among: TaskBinding.builtIn), at: task.location)
      }
      return
    }
    if let problem = CommandTask.programProblem(command.program) {
      error("the command " + problem, at: command.commandLocation)
    }
    if command.command.contains(where: { $0.utf8.contains(0) }) {
      error("the command contains a NUL character, which no program can receive", at: command.commandLocation)
    }
    if command.timeoutMilliseconds <= 0 {
      error("the timeout must be positive", at: command.timeoutLocation)
    } else if command.timeoutMilliseconds > CommandTask.maximumTimeoutMilliseconds {
      error(
        "the timeout must be at most \(CommandTask.secondsText(CommandTask.maximumTimeoutMilliseconds)) (an hour)",
        at: command.timeoutLocation)
    }
  }
}
