import Foundation
import Testing

/// A real server on 127.0.0.1 (an SMTP sink or an HTTP receiver from Tests/Support), run as
/// its own process for one test; what it receives is read back from its JSON-lines file.
final class TestServer {
  let process = Process()
  let port: Int
  let log: URL

  /// Starts `Tests/Support/SCRIPT` and waits for it to print its port.
  init(_ script: String, in folder: URL, port: Int = 0, arguments: [String] = [], environment: [String: String] = [:])
    throws
  {
    log = folder.appendingPathComponent("\(script)-\(UUID().uuidString).jsonl")
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      [
        "python3", RunwayProcess.packageRoot.appendingPathComponent("Tests/Support/\(script)").path, "--out", log.path,
        "--port", String(port),
      ]
      + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }  // the script ended before printing its port
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    self.port = try #require(Int(text), "\(script) did not start")
  }

  func stop() {
    // SIGKILL: a process started from a shell that ignores SIGTERM inherits that.
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { stop() }

  /// Every record received so far.
  func received() -> [[String: Any]] {
    guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }
}
