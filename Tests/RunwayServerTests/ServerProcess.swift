import Foundation
import RunwayTestSupport
import Testing

/// A real `runway serve` process on 127.0.0.1 (a free port), over its own SQLite store in a
/// temporary folder with the example directory imported; and the `runway` CLI on the same
/// store, to make tokens as an operator would.
final class ServerProcess: @unchecked Sendable {
  static let packageRoot = BuiltRunway.packageRoot

  /// The `runway` binary built beside the test bundle (`swift build` builds it).
  static let binary = BuiltRunway.binary

  let folder: URL
  let environment: [String: String]
  private var process: Process?
  private(set) var baseURL = ""
  /// The server's standard error (its request log): a file, so a long log never blocks it.
  private var logFile: URL { folder.appendingPathComponent("serve.log") }

  /// A fresh folder and store (`store` defaults to SQLite in the folder), the example
  /// directory imported (unless `directory` is false: another process set the store up) and,
  /// with `pilot`, pilot testing required for superpay.
  init(store: String? = nil, pilot: Bool = false, directory: Bool = true) throws {
    folder = try ScratchFolder.make("runway-serve")
    environment = [
      "RUNWAY_STORE": store ?? "sqlite:" + folder.appendingPathComponent("runway.db").path,
      "RUNWAY_WORKFLOWS": Self.packageRoot.appendingPathComponent("Workflows").path,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    guard directory else { return }
    try cli("directory", "import", Self.packageRoot.appendingPathComponent("examples/directory.yaml").path)
    if pilot { try cli("settings", "set", "pilotTestingRequired=true", "--scope", "superpay") }
  }

  // The folder goes with the server: a test run starts dozens, and /tmp kept them all.
  deinit {
    stop()
    try? FileManager.default.removeItem(at: folder)
  }

  /// Runs `runway ARGS…` on the same store and returns its standard output, trimmed; a
  /// failure fails the test with its standard error.
  @discardableResult
  func cli(_ arguments: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    try cli(arguments, sourceLocation: sourceLocation)
  }

  /// A new token for `actor` (`runway tokens create`), with optional scopes and lifetime.
  func token(_ actor: String, scopes: [String] = [], expires: String? = nil) throws -> String {
    var arguments = ["tokens", "create", "--actor", actor]
    for scope in scopes { arguments += ["--scope", scope] }
    if let expires { arguments += ["--expires", expires] }
    return try cli(arguments)
  }

  @discardableResult
  func cli(_ arguments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    let binary = try #require(Self.binary, "build the runway binary first: swift build")
    let result = try BuiltRunway.run(binary, arguments, environment: environment, in: folder)
    #expect(
      result.status == 0, "runway \(arguments.joined(separator: " ")) failed: \(result.stderr)",
      sourceLocation: sourceLocation)
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Starts `runway serve --listen 127.0.0.1:0` and waits for the address it prints.
  func start(_ extra: [String] = []) throws {
    let binary = try #require(Self.binary, "build the runway binary first: swift build")
    let process = Process()
    process.executableURL = binary
    process.arguments = ["serve", "--listen", "127.0.0.1:0"] + extra
    process.environment = environment
    process.currentDirectoryURL = folder
    let out = Pipe()
    process.standardOutput = out
    FileManager.default.createFile(atPath: logFile.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: logFile)
    try process.run()
    self.process = process
    // The first line is "runway is listening on http://127.0.0.1:PORT".
    var line = Data()
    let deadline = Date().addingTimeInterval(60)
    while !line.contains(UInt8(ascii: "\n")), Date() < deadline, process.isRunning {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    let prefix = "runway is listening on "
    guard text.hasPrefix(prefix) else {
      Issue.record("runway serve did not start: \(text)")
      throw ServerDidNotStart()
    }
    baseURL = String(text.dropFirst(prefix.count))
  }

  /// Sends SIGTERM and waits; returns the exit status (0 after a graceful shutdown).
  @discardableResult
  func stop() -> Int32? {
    guard let process, process.isRunning else { return process?.terminationStatus }
    process.terminate()
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// What the server wrote on standard error (its request log), once it has stopped.
  func log() -> String {
    stop()
    return (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
  }

  struct ServerDidNotStart: Error {}
}
