import ArgumentParser
import RunwayEngine
import RunwayPresentation

/// `runway history ID`: every committed change, oldest first.
struct HistoryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Show an instance's history: who fired what, when, from and to which state.")

  @Argument(help: "The instance id.")
  var id: String
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      let entries = try await CommandEnvironment.open(storeOptions).runway.history(id)
      Console(json: output.json).print(json: entries.map(HistoryEntryJSON.init)) {
        entries.map(InstancePrinter.entryLine).joined(separator: "\n")
      }
    }
  }
}
