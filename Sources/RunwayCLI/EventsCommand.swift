import ArgumentParser
import RunwayEngine

/// `runway events ID --as ACTOR`: every event, whether the actor may fire it now, and why not.
struct EventsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "List every event of an instance: those the actor may fire now, and why each other one is refused.",
    discussion: """
      runway events ID --as bob
      Each refused event names its blockers: state (not possible in the current state), role \
      (the actor's role, workspace or assignment does not allow it), guard (no target's \
      condition holds now) or actor (no such actor). Params each event takes are listed too.
      """)

  @Argument(help: "The instance id.")
  var id: String
  @OptionGroup var actor: ActorOption
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      let actorID = try actor.required()
      let runway = try await CommandEnvironment.open(storeOptions).runway
      let events = try await runway.events(id, caller: .storeOperator(as: actorID))
      Console(json: output.json).print(json: events) {
        events.map { event in
          let params = event.params.map {
            ($0.required ? "" : "[") + "\($0.name): \($0.type)" + ($0.required ? "" : "]")
          }
          let head =
            "\(event.allowed ? "yes" : "no ")  \(event.event)"
            + (params.isEmpty ? "" : " (\(params.joined(separator: ", ")))")
          return ([head] + event.blockers.map { "       \($0.code.rawValue): \($0.message)" }).joined(separator: "\n")
        }.joined(separator: "\n")
      }
    }
  }
}
