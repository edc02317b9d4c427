import Foundation

/// The `runway` binary the tests drive as a separate process, and the package it was built
/// from: one place for the test targets that run it (CLI, server, language server).
public enum BuiltRunway {
  /// The package's root folder.
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `runway` binary built beside the test bundle (`swift build` builds it), or the one
  /// `RUNWAY_BINARY` names.
  public static let binary: URL? = {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["RUNWAY_BINARY"] {
      candidates.append(URL(fileURLWithPath: path))
    }
    if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
      candidates.append(bundle.appendingPathComponent("runway"))
      candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("runway"))
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/runway"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// What one run printed and how it ended.
  public struct Outcome: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// A started process with its output pipes.
  public struct Launched {
    public let process: Process
    let out: Pipe
    let err: Pipe

    /// Waits for its end and returns what it printed; both pipes are read before waiting so
    /// a large output cannot block the child.
    public func finish() -> Outcome {
      let outData = out.fileHandleForReading.readDataToEndOfFile()
      let errData = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return Outcome(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
    }
  }

  /// Starts `binary` with `arguments` in `folder`, without waiting for it.
  public static func launch(_ binary: URL, _ arguments: [String], environment: [String: String], in folder: URL)
    throws -> Launched
  {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = folder
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    return Launched(process: process, out: out, err: err)
  }

  /// Runs `binary` with `arguments` in `folder` to its end.
  public static func run(_ binary: URL, _ arguments: [String], environment: [String: String], in folder: URL) throws
    -> Outcome
  {
    try launch(binary, arguments, environment: environment, in: folder).finish()
  }
}
