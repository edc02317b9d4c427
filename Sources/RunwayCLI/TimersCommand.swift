import ArgumentParser
import RunwayEngine
import RunwayPresentation

/// `runway timers list`: the running timers, earliest first.
struct TimersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timers",
    abstract: "List the timed events that are scheduled: what is due, when, and on which instance.",
    subcommands: [List.self])

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "The scheduled timers, earliest first (a worker fires them when due).")
    @Option(help: "At most this many.")
    var limit: Int?
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        if let limit, limit < 1 { throw CommandFailure(.usage, "--limit must be at least 1") }
        let runway = try await CommandEnvironment.open(storeOptions).runway
        let timers = try await runway.timers(limit: limit)
        Console(json: output.json).print(json: timers.map(TimerJSON.init)) {
          timers.isEmpty
            ? "no timers scheduled"
            : timers.map { timer in
              "\(timer.dueAt.map(Timestamp.string) ?? "paused")  \(timer.instanceID)  \(timer.event)  (in \(timer.state))"
            }.joined(separator: "\n")
        }
      }
    }
  }
}
