import ArgumentParser
import Foundation
import RunwayEngine

/// `runway definitions list`: the definition versions the store keeps.
struct DefinitionsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "definitions",
    abstract: "The workflow definition versions the store keeps, and the instances on each.",
    subcommands: [List.self], defaultSubcommand: List.self)

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List stored definition versions, oldest first.",
      discussion: """
        Every instance stays on the definition (by digest) it started with, even after its \
        workflow file changes; `runway migrate` moves it on purpose.
        """)
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let summaries = try await CommandEnvironment.open(storeOptions).runway.definitions()
        Console(json: output.json).print(json: summaries) {
          summaries.isEmpty
            ? "no definitions stored yet (one is stored when the first instance of a workflow starts)"
            : summaries.map {
              "\($0.digest.prefix(12))  \($0.workflow)  \($0.instances) instance\($0.instances == 1 ? "" : "s")  \(Timestamp.string($0.storedAt))\($0.current ? "  (current)" : "")"
            }.joined(separator: "\n")
        }
      }
    }
  }
}
