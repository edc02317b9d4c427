import RunwayModel

extension WorkflowDecoder {
  static let stateKeys = [
    "title", "description", "terminal", "task", "on", "timeout", "retries", "exposure", "timers",
  ]
  static let transitionKeys = ["title", "description", "from", "to", "allow", "params", "set", "notify"]
  static let exposures = ["none", "testers", "all"]

  mutating func state(_ name: String, _ location: SourceLocation, _ node: YAMLNode) -> State? {
    // `name: {}` and `name:` (null) are both a state with defaults.
    if case .scalar(let text, false, _, _) = node, text.isEmpty || text == "null" || text == "~" {
      return State(name: name, title: name, location: location)
    }
    guard let pairs = reader.mapping(node, "state \"\(name)\"") else { return nil }
    reader.checkKeys(pairs, allowed: Self.stateKeys, in: "state \"\(name)\"", at: location)
    var state = State(
      name: name, title: reader.string(reader.value(pairs, "title"), "title") ?? name,
      description: reader.string(reader.value(pairs, "description"), "description"),
      terminal: reader.bool(reader.value(pairs, "terminal"), "terminal") ?? false, location: location)
    let taskNode = reader.value(pairs, "task")
    let onNode = reader.value(pairs, "on")
    if let taskNode, let parsed = task(taskNode) {
      var success: Reference?
      var failure: Reference?
      if let onNode, let onPairs = reader.mapping(onNode, "\"on\"") {
        reader.checkKeys(
          onPairs, allowed: ["success", "failure"], in: "\"on\" of state \"\(name)\"", at: onNode.location)
        success = reader.reference(reader.value(onPairs, "success"), "on success")
        failure = reader.reference(reader.value(onPairs, "failure"), "on failure")
      }
      state.task = TaskBinding(
        name: parsed.name, command: parsed.command, onSuccess: success, onFailure: failure, location: taskNode.location)
      if let timeoutNode = reader.value(pairs, "timeout") {
        state.task?.timeoutLocation = timeoutNode.location
        state.task?.timeout = taskTimeout(timeoutNode)
      }
      if let retriesNode = reader.value(pairs, "retries") { state.task?.retries = retries(retriesNode) }
    } else if taskNode == nil {
      for key in ["on", "timeout", "retries"] {
        guard let node = reader.value(pairs, key) else { continue }
        reader.error("\"\(key)\" needs a \"task\" in the same state", at: node.location)
      }
    }
    if let exposure = reader.value(pairs, "exposure") {
      state.exposureLocation = exposure.location
      state.exposure = self.exposure(exposure) ?? .none
    }
    state.timers = timers(reader.value(pairs, "timers"), of: name)
    return state
  }

  /// `task: build-package`, or `task: {command: [PROGRAM, ARGUMENT…], timeout: 30s}`; a
  /// command task is named after its program.
  private mutating func task(_ node: YAMLNode) -> (name: String, command: CommandTask?)? {
    guard case .mapping(let pairs, _) = node else {
      return reader.string(node, "task").map { ($0, nil) }
    }
    reader.checkKeys(
      pairs, allowed: ["command", "timeout"], required: ["command", "timeout"], in: "task", at: node.location)
    guard let commandNode = reader.value(pairs, "command"), let timeoutNode = reader.value(pairs, "timeout") else {
      return nil
    }
    let command: [String]
    switch commandNode {
    case .scalar(let text, _, _, _): command = [text]
    case .sequence(let items, _):
      var words: [String] = []
      for item in items {
        guard let word = reader.string(item, "command") else { return nil }
        words.append(word)
      }
      command = words
    case .mapping:
      reader.error(
        "\"command\" must be a program or a list [PROGRAM, ARGUMENT…], not a mapping", at: commandNode.location)
      return nil
    }
    guard case .scalar(let text, _, _, _) = timeoutNode, let milliseconds = CommandTask.milliseconds(text) else {
      reader.error(
        "\"timeout\" must be a duration such as 30s, 500ms or 2m, not \(timeoutNode.kindDescription)",
        at: timeoutNode.location)
      return nil
    }
    let task = CommandTask(
      command: command, timeoutMilliseconds: milliseconds, commandLocation: commandNode.location,
      timeoutLocation: timeoutNode.location)
    return (task.program, task)
  }

  private mutating func exposure(_ node: YAMLNode) -> Exposure? {
    switch node {
    case .scalar(let text, _, _, _):
      switch text {
      case "none": return Exposure.none
      case "all": return .all
      case "testers": return .testers(field: "testers")
      default:
        reader.error(
          "exposure must be none, testers, all, {testers: FIELD} or {percent: FIELD}, not \"\(text)\""
            + Suggestion.hint(for: text, among: Self.exposures + ["percent"]), at: node.location)
        return nil
      }
    case .mapping(let pairs, _):
      reader.checkKeys(pairs, allowed: ["testers", "percent"], in: "exposure", at: node.location)
      guard pairs.count == 1, let pair = pairs.first else {
        reader.error("exposure takes one of testers or percent", at: node.location)
        return nil
      }
      guard let field = reader.string(pair.value, pair.key) else { return nil }
      return pair.key == "percent" ? .percent(field: field) : .testers(field: field)
    case .sequence:
      reader.error("exposure must be a word or a mapping, not a list", at: node.location)
      return nil
    }
  }

  mutating func transitions(_ node: YAMLNode?) -> [Transition] {
    guard let node, let pairs = reader.mapping(node, "\"transitions\"") else { return [] }
    var transitions: [Transition] = []
    transitions.reserveCapacity(pairs.count)
    for pair in pairs { self.transitions(of: pair, into: &transitions) }
    return transitions
  }

  /// The transitions of one `event: {…}` or `event: [{…}, …]` entry of `transitions`.
  mutating func transitions(of pair: YAMLComposer.Pair, into transitions: inout [Transition]) {
    reader.checkName(pair.key, kebab: true, "event", at: pair.keyLocation)
    switch pair.value {
    case .sequence(let items, _):
      if items.isEmpty { reader.error("event \"\(pair.key)\" lists no transitions", at: pair.value.location) }
      for item in items {
        if let transition = transition(pair.key, item.location, item) { transitions.append(transition) }
      }
    default:
      if let transition = transition(pair.key, pair.keyLocation, pair.value) { transitions.append(transition) }
    }
  }

  private mutating func transition(_ event: String, _ location: SourceLocation, _ node: YAMLNode) -> Transition? {
    // Built only when a message needs it: most transitions are well formed.
    func context() -> String { "transition \"\(event)\"" }
    guard let pairs = reader.mapping(node, context()) else { return nil }
    reader.checkKeys(
      pairs, allowed: Self.transitionKeys, required: ["from", "to", "allow"], in: context(), at: location)
    var from = Transition.Sources.states([])
    if let fromNode = reader.value(pairs, "from") {
      if case .scalar("*", _, _, _) = fromNode {
        from = .anyState
      } else {
        from = .states(reader.referenceList(fromNode, "a state"))
      }
    }
    var params: [Param] = []
    if let paramsNode = reader.value(pairs, "params"), let paramPairs = reader.mapping(paramsNode, "\"params\"") {
      for pair in paramPairs {
        reader.checkName(pair.key, kebab: false, "param", at: pair.keyLocation)
        if let param = param(pair.key, pair.keyLocation, pair.value) { params.append(param) }
      }
    }
    var assignments: InlineList<Assignment> = []
    if let setNode = reader.value(pairs, "set"), let setPairs = reader.mapping(setNode, "\"set\"") {
      for pair in setPairs {
        if let value = reader.expression(pair.value, "set \(pair.key)") {
          assignments.append(Assignment(field: Reference(pair.key, at: pair.keyLocation), value: value))
        }
      }
    }
    return Transition(
      event: event, title: reader.string(reader.value(pairs, "title"), "title"),
      description: reader.string(reader.value(pairs, "description"), "description"), from: from,
      to: choices(reader.value(pairs, "to")), allow: reader.referenceList(reader.value(pairs, "allow"), "a role"),
      params: params, set: assignments, notify: reader.references(reader.value(pairs, "notify"), "a notification"),
      location: location)
  }

  private mutating func choices(_ node: YAMLNode?) -> InlineList<Choice> {
    guard let node else { return [] }
    switch node {
    case .scalar:
      guard let state = reader.reference(node, "to") else { return [] }
      return [Choice(state: state, location: state.location)]
    case .sequence(let items, _):
      if items.isEmpty { reader.error("\"to\" lists no choices", at: node.location) }
      var choices: InlineList<Choice> = []
      for item in items {
        guard let pairs = reader.mapping(item, "a choice") else { continue }
        reader.checkKeys(pairs, allowed: ["state", "when"], required: ["state"], in: "a choice", at: item.location)
        guard let state = reader.reference(reader.value(pairs, "state"), "state") else { continue }
        choices.append(
          Choice(state: state, when: reader.expression(reader.value(pairs, "when"), "when"), location: item.location))
      }
      return choices
    case .mapping:
      reader.error("\"to\" must be a state or a list of {state, when} choices, not a mapping", at: node.location)
      return []
    }
  }

  mutating func notification(_ name: String, _ location: SourceLocation, _ node: YAMLNode) -> NotificationDefinition? {
    func context() -> String { "notification \"\(name)\"" }
    guard let pairs = reader.mapping(node, context()) else { return nil }
    reader.checkKeys(
      pairs, allowed: ["to", "subject", "body"], required: ["to", "subject", "body"], in: context(), at: location)
    guard let toNode = reader.value(pairs, "to"), let toPairs = reader.mapping(toNode, "\"to\"") else { return nil }
    reader.checkKeys(
      toPairs, allowed: ["actorOf", "roles", "initiator"], in: "\"to\" of \(context())", at: toNode.location)
    guard toPairs.count == 1, let recipient = toPairs.first else {
      reader.error("\"to\" takes exactly one of actorOf, roles or initiator", at: toNode.location)
      return nil
    }
    let to: NotificationDefinition.Recipients
    switch recipient.key {
    case "actorOf":
      guard let event = reader.reference(recipient.value, "actorOf") else { return nil }
      to = .actorOf(event)
    case "roles": to = .roles(reader.references(recipient.value, "a role"))
    case "initiator":
      guard reader.bool(recipient.value, "initiator") == true else { return nil }
      to = .initiator
    default: return nil
    }
    guard let subject = reader.template(reader.value(pairs, "subject"), "subject"),
      let body = reader.template(reader.value(pairs, "body"), "body")
    else { return nil }
    return NotificationDefinition(name: name, to: to, subject: subject, body: body, location: location)
  }
}
