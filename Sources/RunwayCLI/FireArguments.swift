import ArgumentParser

/// `runway fire ID EVENT` read by hand when it uses only `--as`, `--param`, `--store`,
/// `--workflows` and `--json`, as scripts do: ArgumentParser's reflection over every option
/// group was a fifth of a `runway fire` (W2, docs/benchmarks.md). Anything else (help, another
/// option, a repeated one, a value that looks like an option) goes to ArgumentParser, which
/// reads the same words to the same values; a test runs both ways and compares.
struct FireArguments: Equatable {
  var id: String
  var event: String
  var actor: String?
  var assignments: [String] = []
  var store: String?
  var workflows: String?
  var json = false

  /// The arguments after `runway`, or nil when they are not this plain form of `fire`.
  init?(_ arguments: [String]) {
    guard arguments.first == "fire" else { return nil }
    var positionals: [String] = []
    var actor: String?
    var store: String?
    var workflows: String?
    var json = false
    var index = 1
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      guard word.hasPrefix("-") else {
        positionals.append(word)
        continue
      }
      if word == "--json" {
        guard !json else { return nil }
        json = true
        continue
      }
      let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0])
      let value: String
      if parts.count == 2 {
        value = String(parts[1])
      } else {
        guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
        value = arguments[index]
        index += 1
      }
      switch name {
      case "--param": assignments.append(value)
      case "--as" where actor == nil: actor = value
      case "--store" where store == nil: store = value
      case "--workflows" where workflows == nil: workflows = value
      default: return nil
      }
    }
    guard positionals.count == 2 else { return nil }
    (id, event) = (positionals[0], positionals[1])
    (self.actor, self.store, self.workflows, self.json) = (actor, store, workflows, json)
  }

  /// Fires as `FireCommand` does.
  func run() async throws {
    try await FireCommand.fire(
      id, event, actor: actor, assignments: assignments, store: store ?? StoreOptions.defaultStore,
      workflows: workflows ?? StoreOptions.defaultWorkflows, notify: NotifySettings(), json: json)
  }
}
