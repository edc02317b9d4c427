import ArgumentParser
import Foundation

/// Where the store and the workflow files are; shared by every command that runs the engine.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The store: sqlite:PATH (the default, sqlite:runway.db) or memory:. Env: RUNWAY_STORE.",
      valueName: "url"))
  var store: String = Self.defaultStore

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The folder of workflow files (default Workflows). Env: RUNWAY_WORKFLOWS.", valueName: "dir"))
  var workflows: String = Self.defaultWorkflows

  /// The store when `--store` is not given.
  static var defaultStore: String { EnvironmentVariable.value("RUNWAY_STORE") ?? "sqlite:runway.db" }
  /// The workflow folder when `--workflows` is not given.
  static var defaultWorkflows: String { EnvironmentVariable.value("RUNWAY_WORKFLOWS") ?? "Workflows" }
}

/// `--json`: print results and errors as JSON for scripts.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print results and errors as JSON.")
  var json = false
}

/// `--as ACTOR`, falling back to `RUNWAY_ACTOR`.
struct ActorOption: ParsableArguments {
  @Option(
    name: [.customLong("as")],
    help: ArgumentHelp("The actor (a directory id) doing this. Env: RUNWAY_ACTOR.", valueName: "actor"))
  var actor: String?

  /// The actor given by `--as` or the environment, or a usage failure.
  func required() throws(CommandFailure) -> String { try Self.required(actor) }

  /// `given` (from `--as`), else the environment's actor, else a usage failure.
  static func required(_ given: String?) throws(CommandFailure) -> String {
    if let actor = given ?? EnvironmentVariable.value("RUNWAY_ACTOR"), !actor.isEmpty {
      return actor
    }
    throw CommandFailure(.usage, "say who acts with --as ACTOR (or set RUNWAY_ACTOR)")
  }

  /// The actor if one was given.
  var optional: String? {
    actor ?? EnvironmentVariable.value("RUNWAY_ACTOR").flatMap { $0.isEmpty ? nil : $0 }
  }
}
