import Foundation
import Logging
import PostgresNIO
import RunwayEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Connecting within `connectTimeout` (docs/deployment.md). The connection pool retries a
/// server it cannot reach for about a minute before it gives up with an error that names none
/// of it, so one connection is made first, bounded, and its failure said in one sentence.
extension PostgresLocation {
  /// The pool's settings: no TLS, the same bound on each connection it opens.
  var clientConfiguration: PostgresClient.Configuration {
    var configuration = PostgresClient.Configuration(
      host: host, port: port, username: user, password: password, database: database, tls: .disable)
    configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
    return configuration
  }

  /// Connects once and hangs up; an unreachable, silent or refusing server is `unavailable`.
  func checkReachable(logger: Logger) async throws(StoreError) {
    var configuration = PostgresConnection.Configuration(
      host: host, port: port, username: user, password: password, database: database, tls: .disable)
    configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
    do {
      let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
      try? await connection.close()
    } catch {
      throw .unavailable(unreachable(error))
    }
  }

  /// `cannot reach the database postgres://…: connection refused`, or the server's refusal.
  func unreachable(_ error: any Error) -> String {
    if let error = error as? PSQLError, let message = error.serverInfo?[.message] {
      return "the database \(self) refused the connection: \(message)"
    }
    return "cannot reach the database \(self): \(reason(error))"
  }

  private func reason(_ error: any Error) -> String {
    if let error = error as? PSQLError, let underlying = error.underlying { return reason(underlying) }
    switch error {
    case ChannelError.connectTimeout:
      return
        "no answer within \(String(format: "%g", connectTimeout)) s (?connect_timeout=SECONDS in the URL waits longer)"
    case let error as NIOConnectionError:
      if let first = error.connectionErrors.first { return reason(first.error) }
      return "cannot resolve \(host)"
    case let error as IOError: return String(cString: strerror(error.errnoCode)).lowercased()
    case let error as PSQLError: return "\(error.code)"
    default: return String(describing: error).prefix(200).description
    }
  }
}
