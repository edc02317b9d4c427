import Foundation

/// W2: one `runway fire` as a whole process on SQLite, against a one-row insert by the
/// `sqlite3` command-line tool on a file with the same settings (WAL, synchronous NORMAL).
enum ProcessLatency {
  static func run(workflows: String, runs: Int, folder: URL) throws -> BenchmarkRow {
    let runway = try Runner.sibling("runway")
    let store = folder.appendingPathComponent("w2.db").path
    let environment = [
      "RUNWAY_STORE": "sqlite:" + store, "RUNWAY_WORKFLOWS": workflows,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    let directory = folder.appendingPathComponent("directory.yaml")
    try """
    apps: { superpay: { name: SuperPay } }
    merchants: { acme: { name: Acme } }
    miniPrograms: { shop: { name: Shop, merchant: acme, versions: ["1.0.0"] } }
    actors:
      alice: { email: alice@acme.example, memberships: [ { workspace: acme, role: developer-admin } ] }
      wendy: { email: wendy@superpay.example, memberships: [ { workspace: superpay, role: workspace-admin } ] }
    """.write(to: directory, atomically: true, encoding: .utf8)
    _ = try Runner.run(runway, ["directory", "import", directory.path], environment: environment)
    _ = try Runner.run(runway, ["settings", "set", "pilotTestingRequired=true"], environment: environment)
    let id = try Runner.run(
      runway,
      [
        "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set", "version=1.0.0",
        "--set", "targetApp=superpay", "--set", "environment=production",
      ], environment: environment
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    for (event, actor) in [("release", "alice"), ("apply", "alice"), ("approve", "wendy")] {
      _ = try Runner.run(runway, ["fire", id, event, "--as", actor], environment: environment)
    }
    var fires: [Double] = []
    for index in 0..<runs {
      fires.append(
        try seconds {
          _ = try Runner.run(
            runway, ["fire", id, "update-testers", "--as", "alice", "--param", "testers=u-\(index)"],
            environment: environment)
        })
    }
    let sqlite3 = try Runner.which("sqlite3")
    let raw = folder.appendingPathComponent("w2-raw.db").path
    _ = try Runner.run(
      sqlite3, [raw, "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);"],
      environment: environment)
    var inserts: [Double] = []
    for index in 0..<runs {
      inserts.append(
        try seconds {
          _ = try Runner.run(
            sqlite3, [raw, "PRAGMA synchronous=NORMAL; INSERT INTO t (body) VALUES ('row \(index)');"],
            environment: environment)
        })
    }
    let value = median(fires) * 1000
    let floor = median(inserts) * 1000
    return BenchmarkRow(
      name: "W2 runway fire, whole process", value: value, unit: "ms (median)", floor: floor, ratio: value / floor,
      target: "≤ 3× the sqlite3 insert", meets: value / floor <= 3,
      note: "median of \(runs) runs each; floor: sqlite3 CLI one-row insert on a WAL file")
  }
}

/// Runs programs and finds them.
enum Runner {
  /// A program built beside this benchmark (same build folder).
  static func sibling(_ name: String) throws -> URL {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let url = here.appendingPathComponent(name)
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      throw BenchmarkError("build \(name) first: swift build -c release (looked in \(here.path))")
    }
    return url
  }

  static func which(_ name: String) throws -> URL {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw BenchmarkError("\(name) is not installed (apt-get install \(name))")
  }

  /// Runs a program to completion and returns its standard output; a failure throws.
  @discardableResult
  static func run(_ program: URL, _ arguments: [String], environment: [String: String], input: URL? = nil) throws
    -> String
  {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    if let input { process.standardInput = try FileHandle(forReadingFrom: input) }
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw BenchmarkError(
        "\(program.lastPathComponent) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
