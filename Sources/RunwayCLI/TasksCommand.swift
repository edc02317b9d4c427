import ArgumentParser
import RunwayEngine

/// `runway tasks resume ID [--force]`: finish a release stuck in a task state.
struct TasksCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tasks",
    abstract: "Resume the task of a release whose process died before the task recorded its outcome.",
    subcommands: [Resume.self])

  struct Resume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "resume",
      abstract: "Run the task of the state the instance is in (the package build) and record its outcome.",
      discussion: """
        A process that enters a state with a task claims its run for RUNWAY_TASK_LEASE_SECONDS \
        (60 by default) and records the outcome as the system actor. If it dies first, the \
        release stays in that state: once the claim has run out, `runway tasks resume ID` runs \
        the task and records its outcome. --force takes a claim that has not run out (when you \
        know its process is gone). The outcome is recorded at most once, whoever runs it.
        """)

    @Argument(help: "The instance id.")
    var id: String
    @Flag(help: "Take the run even though another process's claim has not run out.")
    var force = false
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let runway = try await CommandEnvironment.open(storeOptions).runway
        let outcome = try await runway.resumeTask(id, force: force, caller: .storeOperator(as: nil))
        let view = try await runway.view(id, caller: .storeOperator(as: nil))
        Console(json: output.json).print(json: InstancePrinter.json(view)) {
          (outcome.entries.map(InstancePrinter.entryLine)
            + ["\(id) is now \(view.instance.state) (\(view.stateTitle)), revision \(view.instance.revision)"])
            .joined(separator: "\n")
        }
      }
    }
  }
}
