import Foundation
import Logging
import PostgresNIO
import RunwayPostgres
import Testing

/// Fresh databases on the test PostgreSQL server, one per test.
enum PostgresScratch {
  /// `RUNWAY_TEST_POSTGRES_URL`, when a server is there to test against.
  static var serverURL: String? {
    ProcessInfo.processInfo.environment["RUNWAY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Creates an empty database and returns where it is.
  static func database() async throws -> PostgresLocation {
    let url = try #require(serverURL)
    var location = try #require(PostgresLocation(url))
    let name = "runway_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
    let client = PostgresClient(
      configuration: .init(
        host: location.host, port: location.port, username: location.user, password: location.password,
        database: location.database, tls: .disable),
      backgroundLogger: Logger(label: "runway.tests"))
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { await client.run() }
      try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "runway.tests"))
      group.cancelAll()
    }
    location.database = name
    return location
  }
}

@Suite("PostgreSQL availability")
struct PostgresAvailabilityTests {
  /// Says clearly, without failing, that PostgreSQL was not tested in a local run.
  @Test func theTestServerIsNamedOrTheSkipIsSaid() {
    if PostgresScratch.serverURL == nil {
      print(
        "note: RUNWAY_TEST_POSTGRES_URL is not set, so the PostgreSQL store was not tested; run eval \"$(scripts/postgres-dev.sh start)\" first"
      )
    }
    #expect(StoreBackend.allCases.contains(.postgres) == (PostgresScratch.serverURL != nil))
  }
}
