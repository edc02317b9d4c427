import ArgumentParser
import Foundation
import RunwayEngine
import RunwayServer

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
      The notification worker does not run here yet: run `runway notify deliver`. The release \
      console is served under / (sign in with a token). See docs/api.md and docs/console.md.
      """)

  @Option(help: "HOST:PORT to listen on (port 0 picks a free one).")
  var listen = "127.0.0.1:8080"
  @Option(name: .customLong("max-body"), help: "The largest request body, in bytes.")
  var maxBody = 4 << 20
  @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
  var logLevel = "info"
  @Option(name: .customLong("session-lifetime"), help: "How long a console session lasts: 8h, 30m, 1d.")
  var sessionLifetime = "8h"
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
      let configuration = APIServer.Configuration(
        listen: address, maxBodySize: maxBody, logLevel: logLevel, sessionLifetime: lifetime)
      if let problem = configuration.problem { throw CommandFailure(.usage, problem) }
      let runway = try await CommandEnvironment.open(storeOptions, longLived: true).runway
      try await APIServer(runway: runway, configuration: configuration).run { bound in
        Console.out("runway is listening on http://\(bound)")
      }
    }
  }
}
