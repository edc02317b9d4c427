import ArgumentParser
import RunwayEngine
import RunwayModel

/// `runway show ID [--as ACTOR]`: the state, the fields, the events the actor may fire.
struct ShowCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show an instance: state, fields, events the actor may fire now, last entry.",
    discussion: """
      The configuration shown is the effective one: the mini program's global configuration \
      overlaid by this release's own keys; secret keys are masked.
      """)

  @Argument(help: "The instance id.")
  var id: String
  @OptionGroup var actor: ActorOption
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      let runway = try await CommandEnvironment.open(storeOptions).runway
      let viewer = actor.optional
      let view = try await runway.view(id, caller: .storeOperator(as: viewer))
      Console(json: output.json).print(json: InstancePrinter.json(view)) {
        InstancePrinter.text(view, viewer: viewer)
      }
    }
  }
}
