import ArgumentParser
import RunwayEngine
import RunwayModel

/// `runway start WORKFLOW --as ACTOR --set k=v…`: start a release; prints its id.
struct StartCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start",
    abstract: "Start an instance of a workflow; prints the new instance id.",
    discussion: """
      runway start mini-program-release --as alice --set miniProgram=shop --set version=1.0.0 \\
        --set targetApp=superpay --set environment=production
      Values are parsed by the field's type; a set takes a,b,c or @FILE (CSV/TXT of user ids), \
      a map JSON or @FILE (YAML/JSON). The target app and environment never change afterwards.
      """)

  @Argument(help: "The workflow to start (a name from the workflow folder).")
  var workflow: String
  @OptionGroup var actor: ActorOption
  @Option(name: [.customLong("set")], help: ArgumentHelp("A field value.", valueName: "name=value"))
  var assignments: [String] = []
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var notify: NotifyOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      let actorID = try actor.required()
      let fields = try AssignmentInput.parse(assignments, option: "--set")
      _ = try notify.checkedNotifiers()  // a bad notifier URL is a usage error before anything is written
      let runway = try await CommandEnvironment.open(storeOptions).runway
      let outcome = try await runway.start(workflow, fields: fields, caller: .storeOperator(as: actorID))
      if !outcome.notifications.isEmpty { await notify.deliverAfterCommit(runway) }
      guard let view = outcome.view else { throw CommandFailure(.unavailable, "the start returned no view") }
      Console(json: output.json).print(json: InstancePrinter.json(view)) { outcome.instance.id }
      if !output.json {
        for entry in outcome.entries.dropFirst() { Console.err(InstancePrinter.entryLine(entry)) }
      }
    }
  }
}
