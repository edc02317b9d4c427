import RunwayModel

extension WorkflowDecoder {
  static let timerKeys = ["after", "fire", "total"]

  /// A state's `timers:`, a list of `{after: 24h | settings.NAME, fire: EVENT, total: bool}`
  /// (docs/workflow-format.md, "Timers").
  mutating func timers(_ node: YAMLNode?, of state: String) -> [StateTimer] {
    guard let node else { return [] }
    guard case .sequence(let items, _) = node else {
      reader.error("\"timers\" of state \"\(state)\" must be a list of {after, fire}", at: node.location)
      return []
    }
    var timers: [StateTimer] = []
    for item in items {
      guard let pairs = reader.mapping(item, "a timer") else { continue }
      reader.checkKeys(
        pairs, allowed: Self.timerKeys, required: ["after", "fire"], in: "a timer of state \"\(state)\"",
        at: item.location)
      guard let event = reader.reference(reader.value(pairs, "fire"), "fire"),
        let afterNode = reader.value(pairs, "after"), let after = delay(afterNode)
      else { continue }
      let total = reader.bool(reader.value(pairs, "total"), "total") ?? false
      timers.append(StateTimer(event: event, after: after, total: total, location: item.location))
    }
    return timers
  }

  /// `24h`, or `settings.NAME` naming a duration setting.
  private mutating func delay(_ node: YAMLNode) -> StateTimer.Delay? {
    guard let text = reader.string(node, "after") else { return nil }
    let prefix = "settings."
    if text.hasPrefix(prefix) { return .setting(String(text.dropFirst(prefix.count))) }
    guard let period = Period(text) else {
      reader.error("\"after\" must be a duration or settings.NAME: " + Period.problem(text), at: node.location)
      return nil
    }
    return .fixed(period)
  }
}
