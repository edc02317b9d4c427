import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import RunwayEngine
import ServiceLifecycle

/// `runway serve`: the HTTP API over the application API (docs/api.md). Every route calls
/// `Runway` as the bearer token's actor; the server decides no workflow logic of its own.
public struct APIServer: Sendable {
  /// How the server listens and what it accepts.
  public struct Configuration: Sendable {
    public var listen: ListenAddress
    /// The largest request body read, in bytes (413 beyond).
    public var maxBodySize: Int
    /// How long a keep-alive connection may sit idle before it is closed.
    public var idleTimeout: Duration
    /// How long a request may take before it is answered 503 `unavailable`.
    public var requestTimeout: Duration
    /// How long a console session lasts at most (docs/console.md, "Sessions").
    public var sessionLifetime: TimeInterval
    /// The least severe request log written to standard error: trace, debug, info, notice,
    /// warning, error or critical.
    public var logLevel: String

    public init(
      listen: ListenAddress, maxBodySize: Int = 4 << 20, idleTimeout: Duration = .seconds(60),
      requestTimeout: Duration = .seconds(30), logLevel: String = "info",
      sessionLifetime: TimeInterval = 8 * 3_600
    ) {
      self.requestTimeout = requestTimeout
      self.sessionLifetime = sessionLifetime
      self.listen = listen
      self.maxBodySize = maxBodySize
      self.idleTimeout = idleTimeout
      self.logLevel = logLevel
    }

    /// The sentence saying what is wrong, or nil.
    public var problem: String? {
      if Logger.Level(rawValue: logLevel) == nil {
        return
          "--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(logLevel)\""
      }
      if maxBodySize < 1_024 { return "--max-body must be at least 1024 bytes" }
      if requestTimeout < .milliseconds(10) || requestTimeout > .seconds(3_600) {
        return "--request-timeout must be between 10ms and 1h"
      }
      return nil
    }
  }

  let runway: Runway
  let configuration: Configuration
  let logger: Logger
  let metrics: PrometheusCollectorRegistry

  /// A server over `runway`. Its request counts go to the process's metrics (Prometheus,
  /// bootstrapped here: one server a process).
  public init(runway: Runway, configuration: Configuration) {
    self.runway = runway
    self.configuration = configuration
    var logger = Logger(label: "runway.server") { StandardErrorLog(label: $0) }
    logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    self.logger = logger
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    metrics = registry
  }

  /// The routes, in front of them the request log and the token check.
  func router() -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    let counts = RequestMetrics()
    router.add(middleware: RequestLogMiddleware(metrics: counts))
    router.add(middleware: AuthenticationMiddleware(runway: runway))
    let api = API(runway: runway, input: RequestInput(limit: configuration.maxBodySize), metrics: counts)
    HealthRoutes.register(on: router, api)
    MetricsRoutes.register(on: router, api, registry: metrics)
    WorkflowRoutes.register(on: router, api)
    InstanceRoutes.register(on: router, api)
    AdministrationRoutes.register(on: router, api)
    RolloutRoutes.register(on: router, api)
    NotificationRoutes.register(on: router, api)
    DefinitionRoutes.register(on: router, api)
    ConsoleRoutes.register(on: router, api, sessionLifetime: configuration.sessionLifetime)
    return router
  }

  /// Serves until SIGTERM or SIGINT, then finishes the requests in flight and returns
  /// (graceful shutdown, swift-service-lifecycle). `services` (the worker's loop) run beside
  /// the server and stop with it. `onListening` gets the bound address.
  public func run(services: [any Service] = [], onListening: @escaping @Sendable (ListenAddress) -> Void)
    async throws
  {
    let listen = configuration.listen
    let app = Application(
      responder: TimeLimitedResponder(inner: router().buildResponder(), limit: configuration.requestTimeout),
      server: .http1(
        configuration: .init(
          idleTimeout: .nanoseconds(Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000))),
      configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "runway"),
      services: services,
      onServerRunning: { channel in
        var bound = listen
        if let port = channel.localAddress?.port { bound.port = port }
        onListening(bound)
      },
      logger: logger)
    try await app.runService()
  }
}
