import ArgumentParser
import Foundation
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// `runway migrate ID --to-current` / `--all --workflow W`: move instances to the current
/// definition on purpose.
struct MigrateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Move instances to the current definition of their workflow.",
    discussion: """
      An instance moves when its state exists in the current file and its fields satisfy it \
      (fields new to the file take their defaults); otherwise it is refused with the reason \
      and nothing changes. Each migration is a history entry.
        runway migrate r-7k2m9q4xcd --to-current --dry-run
        runway migrate --all --workflow mini-program-release --to-current
      """)

  @Argument(help: "The instance to migrate (or --all --workflow W).")
  var id: String?
  @Flag(name: .customLong("to-current"), help: "Migrate to the current definition (the only target for now).")
  var toCurrent = false
  @Flag(help: "Migrate every instance of --workflow.")
  var all = false
  @Option(help: "With --all: the workflow whose instances move.")
  var workflow: String?
  @Flag(name: .customLong("dry-run"), help: "Say what would happen; change nothing.")
  var dryRun = false
  @OptionGroup var actor: ActorOption
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard toCurrent else { throw ValidationError("say where to: --to-current") }
    if all {
      guard workflow != nil, id == nil else { throw ValidationError("--all needs --workflow W and no instance id") }
    } else if id == nil {
      throw ValidationError("name an instance, or use --all --workflow W")
    }
  }

  func run() async throws {
    try await perform(json: output.json) {
      let runway = try await CommandEnvironment.open(storeOptions).runway
      let caller = Caller.storeOperator(as: actor.optional)
      var ids: [String] = []
      if let id {
        ids = [id]
      } else if let workflow {
        ids = try await runway.list(workflow: workflow, states: [], fields: [:], limit: nil).map(\.id)
      }
      var lines: [MigrationJSON] = []
      var refused: CommandFailure?
      for id in ids {
        do throws(EngineError) {
          let outcome = try await runway.migrate(id, dryRun: dryRun, caller: caller)
          lines.append(MigrationJSON(id: id, outcome: outcome))
        } catch {
          if ids.count == 1 { throw CommandFailure(error) }
          lines.append(MigrationJSON(id: id, result: "refused", reason: error.message))
          refused = CommandFailure(error)
        }
      }
      Console(json: output.json).print(json: lines) {
        lines.isEmpty
          ? "no instances to migrate"
          : lines.map { line in
            switch line.result {
            case "refused": return "\(line.id): refused: \(line.reason ?? "")"
            case "already-current": return "\(line.id): already on the current definition \(line.to ?? "")"
            default: return "\(line.id): \(line.result) \(line.from ?? "") → \(line.to ?? "")"
            }
          }.joined(separator: "\n")
      }
      // Some moved, some did not: the exit status says the refusal's kind.
      if let refused { throw ExitCode(refused.status.rawValue) }
    }
  }
}
