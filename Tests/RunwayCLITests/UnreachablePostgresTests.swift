import Foundation
import Testing

/// A PostgreSQL store that cannot be reached: a closed port and a server that accepts and never
/// answers, both on 127.0.0.1. Each ends within the connect timeout with exit 8 and one
/// sentence (docs/deployment.md).
@Suite("Unreachable PostgreSQL")
struct UnreachablePostgresTests {
  @Test(arguments: [
    ("closed", "connection refused"),
    ("accept", "no answer within 1 s (?connect_timeout=SECONDS in the URL waits longer)"),
  ])
  func anUnreachableServerIsOneSentenceAndExit8(_ mode: String, _ reason: String) throws {
    var runway = try RunwayProcess()
    let server = try TestServer("silent_listener.py", in: runway.folder, arguments: ["--mode", mode])
    runway.environment["RUNWAY_STORE"] = "postgres://runway@127.0.0.1:\(server.port)/runway?connect_timeout=1"
    let started = Date()
    let result = try runway.run("list")
    let elapsed = Date().timeIntervalSince(started)
    #expect(result.status == 8)
    #expect(
      result.stderr == "error: cannot reach the database postgres://runway@127.0.0.1:\(server.port)/runway: \(reason)\n"
    )
    #expect(elapsed < 15, "runway list took \(elapsed) s")
    let json = try runway.run("list", "--json")
    #expect(json.status == 8)
    #expect(try json.errorJSON().code == "unavailable")
  }

  @Test func theTimeoutIsFiveSecondsByDefault() throws {
    var runway = try RunwayProcess()
    let server = try TestServer("silent_listener.py", in: runway.folder)
    runway.environment["RUNWAY_STORE"] = "postgres://runway@127.0.0.1:\(server.port)/runway"
    let started = Date()
    let result = try runway.run("list")
    let elapsed = Date().timeIntervalSince(started)
    #expect(result.status == 8)
    #expect(result.stderr.contains(": no answer within 5 s"))
    #expect(elapsed < 20, "runway list took \(elapsed) s")
  }

  @Test(arguments: [
    ("?connect_timeout=soon", "?connect_timeout=soon is not a number of seconds between 0 and 600"),
    ("?connect_timeout=0", "?connect_timeout=0 is not a number of seconds between 0 and 600"),
    ("?sslmode=require", "unknown option ?sslmode= in the PostgreSQL URL: it takes ?connect_timeout=SECONDS"),
  ])
  func aBadOptionIsAUsageError(_ query: String, _ message: String) throws {
    var runway = try RunwayProcess()
    runway.environment["RUNWAY_STORE"] = "postgres://runway@127.0.0.1:1/runway\(query)"
    let result = try runway.run("list")
    #expect(result.status == 2)
    #expect(result.stderr == "error: \(message)\n")
  }
}
