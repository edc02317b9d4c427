import ArgumentParser
import RunwayEngine
import RunwayModel

/// `runway audit`: who changed settings and the directory, and when.
struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Show the audit history of settings and directory changes, oldest first.",
    discussion: """
      Every `runway settings set` and `runway directory import` is recorded with its actor \
      (--as, else "operator", the owner of the store) and its time.
      """)

  @OptionGroup var actor: ActorOption
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      let runway = try await CommandEnvironment.open(storeOptions).runway
      let entries = try await runway.audit(caller: .storeOperator(as: actor.optional))
      Console(json: output.json).print(json: entries) {
        entries.isEmpty
          ? "no settings or directory changes recorded"
          : entries.map { "\(Timestamp.string($0.at))  \($0.actor)  \($0.operation)  \($0.summary)" }
            .joined(separator: "\n")
      }
    }
  }
}
