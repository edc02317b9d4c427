import Foundation

/// Where a PostgreSQL store is: `postgres://user[:password]@host[:port]/database`; the
/// password may come from `PGPASSWORD` instead.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  public var host: String
  public var port: Int
  public var user: String
  public var password: String?
  public var database: String

  public init?(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
    guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
      let host = components.host, !host.isEmpty
    else { return nil }
    self.host = host
    port = components.port ?? 5432
    user = components.user ?? environment["PGUSER"] ?? "postgres"
    password = components.password ?? environment["PGPASSWORD"]
    let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : path
  }

  /// The URL without its password, for messages.
  public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}
