import ArgumentParser
import Foundation
import RunwayEngine
import RunwayModel

/// `runway settings set KEY=VALUE [--scope ID] | show`: platform settings the workflows read.
struct SettingsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "settings",
    abstract: "Set or show platform settings (such as pilotTestingRequired).",
    subcommands: [Set.self, Show.self])

  struct Set: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract: "Set a setting globally or for one scope (an app id).",
      discussion: """
        runway settings set pilotTestingRequired=true --scope superpay
        A scoped value wins over the global one for instances whose scope field (targetApp \
        for pilotTestingRequired) has that value. The change is recorded with who made it \
        (--as, else the store's operator) and when: see `runway audit`.
        """)

    @Argument(help: "KEY=VALUE")
    var assignment: String
    @Option(help: "The scope (for pilotTestingRequired: an app id). Omit for the global value.")
    var scope: String?
    @OptionGroup var actor: ActorOption
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        guard let equals = assignment.firstIndex(of: "=") else {
          throw CommandFailure(.usage, "write the setting as KEY=VALUE, not \"\(assignment)\"")
        }
        let key = String(assignment[..<equals])
        let text = String(assignment[assignment.index(after: equals)...])
        let runway = try await CommandEnvironment.open(storeOptions).runway
        let stored = try await runway.setSetting(
          key, text: text, scope: scope, caller: .storeOperator(as: actor.optional))
        Console(json: output.json).print(json: stored) { stored.summary }
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show every declared setting with its default and stored values.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let rows = try await CommandEnvironment.open(storeOptions).runway.settings()
        Console(json: output.json).print(json: rows) {
          rows.map { row in
            var lines = ["\(row.key) (\(row.type)), default \(row.defaultValue.display)"]
            for value in row.values {
              lines.append("  \(value.scope.map { "for \($0)" } ?? "global"): \(value.value.display)")
            }
            return lines.joined(separator: "\n")
          }.joined(separator: "\n")
        }
      }
    }
  }
}
