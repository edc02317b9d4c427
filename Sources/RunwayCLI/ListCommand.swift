import ArgumentParser
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// `runway list [--workflow W] [--state S] [--where k=v]`: find instances.
struct ListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List instances, oldest first, filtered by workflow, state and field values.",
    discussion: "runway list --workflow mini-program-release --state under-review --where targetApp=superpay")

  @Option(help: "Only this workflow.")
  var workflow: String?
  @Option(help: "Only instances in this state (repeatable).")
  var state: [String] = []
  @Option(
    name: [.customLong("where")], help: ArgumentHelp("A field value to match (repeatable).", valueName: "name=value"))
  var conditions: [String] = []
  @Option(help: "At most this many.")
  var limit: Int?
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      let fields = try AssignmentInput.parse(conditions, option: "--where")
      let runway = try await CommandEnvironment.open(storeOptions).runway
      let instances = try await runway.list(workflow: workflow, states: state, fields: fields, limit: limit)
      Console(json: output.json).print(
        json: instances.map(InstanceJSON.init(listed:))
      ) {
        instances.isEmpty
          ? "no instances"
          : instances.map { instance in
            let summary = ["miniProgram", "version", "targetApp", "environment"].compactMap {
              instance.fields[$0]?.display
            }.joined(separator: " ")
            return "\(instance.id)  \(instance.workflow)  \(instance.state)  r\(instance.revision)  \(summary)"
          }.joined(separator: "\n")
      }
    }
  }
}
