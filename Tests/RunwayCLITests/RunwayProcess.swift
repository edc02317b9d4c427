import Foundation
import RunwayTestSupport
import Testing

/// Runs the built `runway` binary as a separate process, in a temporary folder with its own
/// SQLite store, as an operator would.
struct RunwayProcess {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The standard output parsed as JSON.
    func json() throws -> Any {
      try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
    }

    /// The `{"error": {"code", "message"}}` printed on standard error with `--json`.
    func errorJSON() throws -> (code: String, message: String) {
      let object = try JSONSerialization.jsonObject(with: Data(stderr.utf8)) as? [String: Any]
      let error = try #require(object?["error"] as? [String: String])
      return (error["code"] ?? "", error["message"] ?? "")
    }
  }

  static let packageRoot = BuiltRunway.packageRoot

  /// The `runway` binary built beside the test bundle (`swift build` builds it).
  static let binary = BuiltRunway.binary

  let folder: URL
  var environment: [String: String]

  /// A fresh folder with a store path and the shipped workflows.
  init() throws {
    folder = try ScratchFolder.make("runway-cli")
    environment = [
      "RUNWAY_STORE": "sqlite:" + folder.appendingPathComponent("runway.db").path,
      "RUNWAY_WORKFLOWS": Self.packageRoot.appendingPathComponent("Workflows").path,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
  }

  /// A file in the folder with `text`, for `@FILE` params and imports.
  func write(_ name: String, _ text: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func path(_ relative: String) -> String {
    Self.packageRoot.appendingPathComponent(relative).path
  }

  /// Runs `runway ARGS…` and waits for it.
  @discardableResult
  func run(_ arguments: String...) throws -> Result { try run(arguments) }

  func run(_ arguments: [String]) throws -> Result {
    let binary = try #require(Self.binary, "build the runway binary first: swift build")
    let result = try BuiltRunway.run(binary, arguments, environment: environment, in: folder)
    return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
  }

  /// Runs and expects success; returns standard output trimmed.
  @discardableResult
  func ok(_ arguments: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    let result = try run(arguments)
    #expect(
      result.status == 0, "runway \(arguments.joined(separator: " ")) failed: \(result.stderr)",
      sourceLocation: sourceLocation)
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The instance as `runway show ID --json` prints it.
  func show(_ id: String, as actor: String? = nil) throws -> [String: Any] {
    var arguments = ["show", id, "--json"]
    if let actor { arguments += ["--as", actor] }
    let result = try run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(try result.json() as? [String: Any])
  }

  /// Imports the example directory.
  func importExampleDirectory() throws {
    try ok("directory", "import", path("examples/directory.yaml"))
  }

  /// Takes `id` through release, apply (alice) and approve (wendy): into pilot testing when
  /// the platform requires it, ready for grayscale otherwise.
  func approve(_ id: String) throws {
    for (event, actor) in [("release", "alice"), ("apply", "alice"), ("approve", "wendy")] {
      try ok("fire", id, event, "--as", actor)
    }
  }

  /// The example directory imported, pilot testing required, and shop 1.0.0 started and
  /// approved into pilot testing; its id.
  func releaseInPilotTesting() throws -> String {
    try importExampleDirectory()
    try ok("settings", "set", "pilotTestingRequired=true")
    let id = try startShop()
    try approve(id)
    return id
  }

  /// Starts shop `version` → superpay `environment` and returns the id.
  func startShop(
    _ workflow: String = "mini-program-release", as actor: String = "alice",
    version: String = "1.0.0", environment: String = "production"
  ) throws -> String {
    try ok(
      "start", workflow, "--as", actor, "--set", "miniProgram=shop", "--set", "version=\(version)",
      "--set", "targetApp=superpay", "--set", "environment=\(environment)")
  }
}

/// A `runway` process running in the background (several workers at once).
struct RunningRunway {
  let launched: BuiltRunway.Launched
  var process: Process { launched.process }

  /// Waits for it and returns what it printed.
  func finish() -> RunwayProcess.Result {
    let outcome = launched.finish()
    return RunwayProcess.Result(status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr)
  }
}

extension RunwayProcess {
  /// Starts `runway ARGS…` without waiting for it.
  func start(_ arguments: String...) throws -> RunningRunway {
    let binary = try #require(Self.binary, "build the runway binary first: swift build")
    return RunningRunway(launched: try BuiltRunway.launch(binary, arguments, environment: environment, in: folder))
  }
}
