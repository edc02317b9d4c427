import ArgumentParser
import RunwayEngine
import RunwayModel

/// `runway fire ID EVENT --as ACTOR [--param k=v…]`: take a transition.
struct FireCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fire",
    abstract: "Fire an event on an instance (apply, approve, grayscale …).",
    discussion: """
      runway fire ID approve --as wendy
      runway fire ID reject --as wendy --param reason="icons are missing"
      runway fire ID add-testers --as alice --param testers=@examples/testers.csv
      runway fire ID grayscale --as alice --param percent=10
      Params are parsed by their declared type; a set takes a,b,c or @FILE (CSV or TXT, one \
      user id a line or a userId column); a map takes JSON or @FILE (YAML/JSON). `runway show \
      ID --as ACTOR` lists the events that actor may fire now.
      """)

  @Argument(help: "The instance id.")
  var id: String
  @Argument(help: "The event to fire.")
  var event: String
  @OptionGroup var actor: ActorOption
  @Option(name: [.customLong("param")], help: ArgumentHelp("A param value.", valueName: "name=value"))
  var assignments: [String] = []
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var notify: NotifyOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await Self.fire(
      id, event, actor: actor.actor, assignments: assignments, store: storeOptions.store,
      workflows: storeOptions.workflows, notify: notify.settings, json: output.json)
  }

  /// The command's work, from plain values: the parsed command and `FireArguments` (the
  /// hand-read fast path) both end here.
  static func fire(
    _ id: String, _ event: String, actor: String?, assignments: [String], store: String, workflows: String,
    notify: NotifySettings, json: Bool
  ) async throws {
    try await perform(json: json) {
      let actorID = try ActorOption.required(actor)
      let params = try AssignmentInput.parse(assignments, option: "--param")
      _ = try notify.checkedNotifiers()  // a bad notifier URL is a usage error before anything is written
      let runway = try await CommandEnvironment.open(store: store, workflows: workflows).runway
      let outcome = try await runway.fire(id, event, params: params, caller: .storeOperator(as: actorID))
      if !outcome.notifications.isEmpty { await notify.deliverAfterCommit(runway) }
      guard let view = outcome.view else { throw CommandFailure(.unavailable, "the fire returned no view") }
      Console(json: json).print(json: InstancePrinter.json(view)) {
        (outcome.entries.map(InstancePrinter.entryLine)
          + ["\(id) is now \(view.instance.state) (\(view.stateTitle)), revision \(view.instance.revision)"]
          + (view.events.isEmpty ? [] : ["next for \(actorID): \(view.events.joined(separator: ", "))"]))
          .joined(separator: "\n")
      }
    }
  }
}
