import Foundation

/// Where a PostgreSQL store is: `postgres://user[:password]@host[:port]/database`, with
/// `?connect_timeout=SECONDS` (5 by default, docs/deployment.md); the password may come from
/// `PGPASSWORD` instead.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  public var host: String
  public var port: Int
  public var user: String
  public var password: String?
  public var database: String
  /// How long connecting may take, answer included, before the server counts as unreachable.
  public var connectTimeout: TimeInterval = 5

  /// The location a URL names, or nil when it is not one (`init(parsing:)` says why).
  public init?(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
    guard let location = try? PostgresLocation(parsing: url, environment: environment) else { return nil }
    self = location
  }

  /// The location a URL names; anything else is refused in one sentence.
  public init(parsing url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(PostgresURLError)
  {
    guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
      let host = components.host, !host.isEmpty
    else { throw PostgresURLError("\"\(url)\" is not a PostgreSQL URL: use postgres://user@host:port/database") }
    self.host = host
    port = components.port ?? 5432
    user = components.user ?? environment["PGUSER"] ?? "postgres"
    password = components.password ?? environment["PGPASSWORD"]
    let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : path
    for item in components.queryItems ?? [] {
      guard item.name == "connect_timeout" else {
        throw PostgresURLError(
          "unknown option ?\(item.name)= in the PostgreSQL URL: it takes ?connect_timeout=SECONDS")
      }
      guard let seconds = item.value.flatMap(Double.init), seconds > 0, seconds <= 600 else {
        throw PostgresURLError("?connect_timeout=\(item.value ?? "") is not a number of seconds between 0 and 600")
      }
      connectTimeout = seconds
    }
  }

  /// The URL without its password, for messages.
  public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}

/// A PostgreSQL URL that cannot be used, in one sentence.
public struct PostgresURLError: Error, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
