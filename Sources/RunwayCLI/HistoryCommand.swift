import ArgumentParser
import RunwayEngine
import RunwayPresentation

/// `runway history ID [--last N]`: every committed change (or the newest N), oldest first.
struct HistoryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Show an instance's history: who fired what, when, from and to which state.")

  @Argument(help: "The instance id.")
  var id: String
  @Option(help: ArgumentHelp("Only the newest N entries (still oldest first).", valueName: "n"))
  var last: Int?
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      if let last, last < 1 { throw CommandFailure(.usage, "--last must be at least 1, not \(last)") }
      let entries = try await CommandEnvironment.open(storeOptions).runway.history(id, last: last)
      Console(json: output.json).print(json: entries.map(HistoryEntryJSON.init)) {
        entries.map(InstancePrinter.entryLine).joined(separator: "\n")
      }
    }
  }
}
