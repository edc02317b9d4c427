import ArgumentParser
import Foundation
import Logging
import RunwayEngine
import RunwayServer
import ServiceLifecycle

/// `runway serve --listen HOST:PORT`: the authenticated HTTP API (docs/api.md).
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the HTTP API: every operation, authenticated by bearer tokens.",
    discussion: """
      runway tokens create --actor alice            # prints a token once
      runway serve --listen 127.0.0.1:8080
      curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/v1/workflows
      Every request acts as its token's actor (runway tokens). Prints the address it listens \
      on, logs one line per request on standard error, stops gracefully on SIGTERM or SIGINT. \
      A request still running after --request-timeout is answered 503. The worker's loop \
      (due timers, stalled tasks, and the outbox when notifiers are configured) runs beside \
      the server, as `runway worker` would, unless --no-worker. The release console is served \
      under / (sign in with a token). See docs/api.md and docs/console.md.
      """)

  @Option(help: "HOST:PORT to listen on (port 0 picks a free one).")
  var listen = "127.0.0.1:8080"
  @Option(name: .customLong("max-body"), help: "The largest request body, in bytes.")
  var maxBody = 4 << 20
  @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
  var logLevel = "info"
  @Option(name: .customLong("session-lifetime"), help: "How long a console session lasts: 8h, 30m, 1d.")
  var sessionLifetime = "8h"
  @Option(name: .customLong("request-timeout"), help: "How long a request may take before a 503: 30s, 500ms, 2m.")
  var requestTimeout = "30s"
  @Flag(name: .customLong("no-worker"), help: "Do not run the worker's loop here (run `runway worker` elsewhere).")
  var noWorker = false
  @Option(name: .customLong("worker-poll"), help: "Seconds between the worker's rounds when nothing is due.")
  var workerPoll = 5.0
  @OptionGroup var notify: NotifyOptions
  @OptionGroup var storeOptions: StoreOptions

  func run() async throws {
    try await perform(json: false) {
      let address: ListenAddress
      do { address = try ListenAddress(parsing: listen) } catch let error as ListenAddressError {
        throw CommandFailure(.usage, error.description)
      }
      let lifetime: TimeInterval
      do throws(EngineError) { lifetime = try TokenLifetime.parse(sessionLifetime) } catch {
        throw CommandFailure(.usage, "--session-lifetime: \(error.message)")
      }
      guard let timeout = Self.duration(requestTimeout) else {
        throw CommandFailure(
          .usage, "--request-timeout takes a whole number and ms, s or m (30s, 500ms), not \"\(requestTimeout)\"")
      }
      guard workerPoll > 0, workerPoll <= 3600 else {
        throw CommandFailure(.usage, "--worker-poll must be between 0 and 3600 seconds")
      }
      let configuration = APIServer.Configuration(
        listen: address, maxBodySize: maxBody, requestTimeout: timeout, logLevel: logLevel,
        sessionLifetime: lifetime)
      if let problem = configuration.problem { throw CommandFailure(.usage, problem) }
      let notifiers = try notify.notifiers()
      let runway = try await CommandEnvironment.open(storeOptions, longLived: true).runway
      var services: [any Service] = []
      if !noWorker {
        var logger = Logger(label: "runway.worker") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        services.append(
          WorkerLoop(
            runway: runway, notifiers: notifiers, maxAttempts: notify.maxAttempts, poll: workerPoll, logger: logger))
      }
      try await APIServer(runway: runway, configuration: configuration).run(services: services) { bound in
        Console.out("runway is listening on http://\(bound)")
      }
    }
  }

  /// `500ms`, `30s` or `2m` as a duration; nil otherwise.
  static func duration(_ text: String) -> Duration? {
    for (suffix, unit) in [("ms", Duration.milliseconds(1)), ("s", .seconds(1)), ("m", .seconds(60))] {
      guard text.hasSuffix(suffix), let count = Int(text.dropLast(suffix.count)), count > 0, count <= 1_000_000
      else { continue }
      return unit * count
    }
    return nil
  }
}
