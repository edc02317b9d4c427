import ArgumentParser
import Foundation
import Logging
import RunwayEngine
import ServiceLifecycle

/// `runway worker [--once]`: fires due timers, resumes task runs whose claim ran out and
/// delivers the outbox (docs/deployment.md, "Workers").
struct WorkerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "worker",
    abstract: "Fire due timers, resume stalled tasks and deliver notifications, continuously or once.",
    discussion: """
      Each round claims what is due, so any number of workers may run on PostgreSQL; on SQLite \
      they take turns on the file. A timer fires at most one poll interval late (--poll, or \
      RUNWAY_WORKER_POLL_SECONDS; 5 s by default). Without notifiers (--notify, RUNWAY_NOTIFY, \
      runway.yaml) the outbox is left to `runway notify deliver`. Logs go to standard error; \
      SIGTERM or SIGINT stops it after the round in flight. --once does what is due now and exits.
      """)

  @Flag(help: "Do what is due now, print a summary and exit.")
  var once = false
  @Option(help: "Seconds between rounds when nothing is due (RUNWAY_WORKER_POLL_SECONDS).")
  var poll: Double?
  @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
  var logLevel = "info"
  @OptionGroup var notify: NotifyOptions
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      guard let level = Logger.Level(rawValue: logLevel) else {
        throw CommandFailure(
          .usage,
          "--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(logLevel)\""
        )
      }
      let interval = try pollInterval()
      let runway = try await CommandEnvironment.open(storeOptions, longLived: true).runway
      let notifiers = try notify.notifiers()
      if once {
        let report = try await runway.workUntilIdle(through: notifiers, maxAttempts: notify.maxAttempts)
        Console(json: output.json).print(json: WorkSummary(report)) { WorkSummary(report).line }
        return
      }
      var logger = Logger(label: "runway.worker") { StreamLogHandler.standardError(label: $0) }
      logger.logLevel = level
      let worker = WorkerLoop(
        runway: runway, notifiers: notifiers, maxAttempts: notify.maxAttempts, poll: interval, logger: logger)
      let group = ServiceGroup(services: [worker], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
      try await group.run()
    }
  }

  private func pollInterval() throws(CommandFailure) -> Double {
    if let poll {
      guard poll > 0, poll <= 3600 else { throw CommandFailure(.usage, "--poll must be between 0 and 3600 seconds") }
      return poll
    }
    guard let text = EnvironmentVariable.value("RUNWAY_WORKER_POLL_SECONDS") else { return 5 }
    guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
      throw CommandFailure(.usage, "RUNWAY_WORKER_POLL_SECONDS must be a number of seconds up to 3600, not \"\(text)\"")
    }
    return seconds
  }
}

/// What `runway worker --once` prints.
struct WorkSummary: Encodable {
  var timersFired: [String]
  var timersDropped: Int
  var tasksResumed: [String]
  var delivered: Int
  var retrying: Int
  var dead: Int
  var failures: [String]

  init(_ report: WorkReport) {
    timersFired = report.timersFired
    timersDropped = report.timersDropped
    tasksResumed = report.tasksResumed
    delivered = report.delivery.delivered.count
    retrying = report.delivery.retrying.count
    dead = report.delivery.dead.count
    failures = report.failures
  }

  var line: String {
    ([
      "\(timersFired.count) timers fired, \(timersDropped) dropped, \(tasksResumed.count) tasks resumed, \(delivered) delivered, \(retrying) to retry, \(dead) dead"
    ]
      + failures.map { "warning: " + $0 }).joined(separator: "\n")
  }
}

/// The continuous worker: rounds of `Runway.work` until a graceful shutdown; a round in
/// flight finishes first.
struct WorkerLoop: Service {
  let runway: Runway
  let notifiers: [any Notifier]
  let maxAttempts: Int
  let poll: Double
  let logger: Logger

  func run() async throws {
    logger.info("worker started", metadata: ["poll": "\(poll)s"])
    while !Task.isShuttingDownGracefully {
      var busy = false
      do {
        let report = try await runway.work(through: notifiers, maxAttempts: maxAttempts)
        busy = report.count > 0
        for fired in report.timersFired { logger.info("timer fired", metadata: ["timer": "\(fired)"]) }
        for id in report.tasksResumed { logger.info("task resumed", metadata: ["instance": "\(id)"]) }
        if report.delivery.attempted > 0 {
          logger.info(
            "notifications",
            metadata: [
              "delivered": "\(report.delivery.delivered.count)", "retrying": "\(report.delivery.retrying.count)",
              "dead": "\(report.delivery.dead.count)",
            ])
        }
        for failure in report.failures { logger.warning("\(failure)") }
      } catch {
        logger.error("\(error.message)")
      }
      if busy { continue }
      // Sleep in short steps so a shutdown does not wait out the whole interval.
      let until = ContinuousClock.now + .milliseconds(Int(poll * 1000))
      while ContinuousClock.now < until && !Task.isShuttingDownGracefully {
        try? await Task.sleep(for: .milliseconds(50))
      }
    }
    logger.info("worker stopped")
  }
}
