import Foundation
import Testing

/// Declared secrets (`secret: [appSecret]` on the configuration) never leave the instance in
/// clear: not in fire's output, show's last line, history (text and JSON, as stored), list,
/// nor notifications and their webhook payload (issue 17, item 4).
@Suite("secret masking")
struct SecretMaskingTests {
  static let secret = "s3cr3t-release-only"

  @Test func aSecretGivenAsAParamIsMaskedEverywhereItIsShownStoredOrSent() throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    let configuration = try runway.write(
      "configuration.json", "{\"entry\": \"pages/home\", \"appSecret\": \"\(Self.secret)\"}")
    let log = runway.folder.appendingPathComponent("notifications.jsonl").path

    let fired = try runway.run("fire", id, "configure", "--as", "alice", "--param", "configuration=@\(configuration)")
    #expect(fired.status == 0, "\(fired.stderr)")
    let firedJSON = try runway.run(
      "fire", id, "configure", "--as", "alice", "--param", "configuration=@\(configuration)", "--json")
    #expect(firedJSON.status == 0, "\(firedJSON.stderr)")
    _ = try runway.ok("fire", id, "release", "--as", "alice")
    _ = try runway.ok("fire", id, "apply", "--as", "alice", "--notify", "log:\(log)")

    var printed: [String] = [fired.stdout, fired.stderr, firedJSON.stdout]
    printed.append(try runway.ok("show", id, "--as", "alice"))
    printed.append(try runway.run("show", id, "--json").stdout)
    printed.append(try runway.ok("history", id))
    printed.append(try runway.run("history", id, "--json").stdout)
    printed.append(try runway.run("list", "--json").stdout)
    printed.append(try String(contentsOfFile: log, encoding: .utf8))
    for text in printed { #expect(!text.contains(Self.secret), "\(text)") }
    #expect(printed[1...].contains { $0.contains("appSecret") && $0.contains("••••••") })

    // History keeps the mask, not the secret: the SQLite file itself never holds it in history.
    let database = try #require(runway.environment["RUNWAY_STORE"]).replacingOccurrences(of: "sqlite:", with: "")
    let history = try Self.sqlite(database, "SELECT params FROM history WHERE instance_id = '\(id)'")
    #expect(history.contains("••••••") && !history.contains(Self.secret))
    let outbox = try Self.sqlite(database, "SELECT payload || body || subject FROM outbox")
    #expect(!outbox.isEmpty && !outbox.contains(Self.secret))
    // The release itself keeps it, for the build.
    let fields = try Self.sqlite(database, "SELECT fields FROM instances WHERE id = '\(id)'")
    #expect(fields.contains(Self.secret))
  }

  /// The output of the sqlite3 command-line tool for one query.
  static func sqlite(_ path: String, _ query: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, query]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
