import ArgumentParser
import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// `runway directory import FILE | export`: the apps, merchants, mini programs and actors.
struct DirectoryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "directory",
    abstract: "Import or export the directory (apps, merchants, mini programs, actors).",
    subcommands: [Import.self, Export.self])

  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Add or update directory records from a YAML file.",
      discussion: """
        Records are matched by id: importing again updates them in place; records the file \
        does not name stay. A file with any problem is refused whole, with its line. The import \
        is recorded with who made it (--as, else the store's operator): see `runway audit`.
        """)

    @Argument(help: "A directory YAML file (see examples/directory.yaml).")
    var file: String
    @OptionGroup var actor: ActorOption
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let runway = try await CommandEnvironment.open(storeOptions).runway
        let existing = try await runway.directory()
        let directory: Directory
        do { directory = try DirectoryLoader.load(path: file, domain: runway.catalog.domain, existing: existing) } catch
        {
          throw CommandFailure(.invalidInput, "\(error)")
        }
        try await runway.importDirectory(directory, from: file, caller: .storeOperator(as: actor.optional))
        Console(json: output.json).print(json: ["imported": runway.importCounts(directory)]) {
          "imported \(runway.importSummary(directory)) from \(file)"
        }
      }
    }
  }

  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Print the stored directory as YAML (or JSON with --json).")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let runway = try await CommandEnvironment.open(storeOptions).runway
        let directory = try await runway.directory()
        Console(json: output.json).print(json: directory) {
          DirectoryExporter.yaml(directory, domain: runway.catalog.domain)
        }
      }
    }
  }
}
