import Foundation
import Testing

/// The README's test command sets up the Python modules its schema checks need
/// (scripts/python-deps.sh, issue 17 item 12), against real Python environments.
@Suite("test script setup")
struct TestScriptTests {
  static func run(_ script: String, path: String) throws -> RunwayProcess.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [RunwayProcess.packageRoot.appendingPathComponent(script).path]
    process.environment = ["PATH": path, "HOME": NSTemporaryDirectory()]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunwayProcess.Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static let systemPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"

  /// A Python without the modules and without pip: the script says in one sentence how to
  /// install them, instead of a traceback from check-schema.py.
  @Test func withoutPipItSaysHowInOneSentence() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runway-venv-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let venv = Process()
    venv.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    venv.arguments = ["python3", "-m", "venv", "--without-pip", folder.path]
    try venv.run()
    venv.waitUntilExit()
    try #require(venv.terminationStatus == 0)
    let result = try Self.run(
      "scripts/python-deps.sh", path: folder.appendingPathComponent("bin").path + ":" + Self.systemPath)
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)")
    #expect(lines.first?.hasSuffix("install them with: python3 -m pip install jsonschema pyyaml") == true)
    #expect(!result.stderr.contains("Traceback"))
  }

  @Test func withTheModulesItDoesNothing() throws {
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = ["python3", "-c", "import jsonschema, yaml"]
    try check.run()
    check.waitUntilExit()
    try #require(check.terminationStatus == 0, "this machine's python3 lacks jsonschema or PyYAML")
    let result = try Self.run("scripts/python-deps.sh", path: Self.systemPath)
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty && result.stderr.isEmpty)
  }

  @Test func theTestCommandRunsTheSetupFirst() throws {
    let script = try String(
      contentsOf: RunwayProcess.packageRoot.appendingPathComponent("scripts/test.sh"), encoding: .utf8)
    let setup = try #require(script.range(of: "scripts/python-deps.sh"))
    let schema = try #require(script.range(of: "scripts/check-schema.py"))
    #expect(setup.lowerBound < schema.lowerBound)
  }
}
