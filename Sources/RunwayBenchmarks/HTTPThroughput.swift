import Foundation
import Glibc

/// W6 and W7: `runway serve` under load from `wrk`, a separate process (Debian's `wrk`).
/// W6: `GET /v1/resolve` with keep-alive beside the same server's `/healthz` in the same run;
/// W7: fires over HTTP on SQLite beside W4's in-process persisted transitions.
enum HTTPThroughput {
  /// One `wrk` run's requests per second, and how many answers were not 2xx/3xx.
  struct Load {
    var rate: Double
    var failures: Int
  }

  static func resolve(workflows: String, seconds: Int, folder: URL) throws -> BenchmarkRow {
    let store = try CLIStore("w6", versions: ["1.0.0", "1.1.0", "1.2.0"], workflows: workflows, folder: folder)
    try store.run(["settings", "set", "pilotTestingRequired=true"])
    // The W5 mix: a full release, a 30 % grayscale, a pilot with testers.
    let released = try store.approvedRelease("1.0.0")
    for event in ["complete-testing", "full-release"] { try store.run(["fire", released, event, "--as", "alice"]) }
    let slice = try store.approvedRelease("1.1.0")
    try store.run(["fire", slice, "complete-testing", "--as", "alice"])
    try store.run(["fire", slice, "grayscale", "--as", "alice", "--param", "percent=30"])
    let pilot = try store.approvedRelease("1.2.0")
    try store.run(["fire", pilot, "add-testers", "--as", "alice", "--param", "testers=u-1,u-2,u-3"])
    let token = try store.run(["tokens", "create", "--actor", "alice", "--scope", "resolve"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let server = try Server(store: store, folder: folder)
    defer { server.stop() }
    // Rounds alternate between the two, as W4 does, so both see the same machine.
    var resolves: [Double] = []
    var healths: [Double] = []
    var failures = 0
    let script = folder.appendingPathComponent("w6.lua")
    // Users vary, so every answer is computed (the resolver is cached, the answer is not).
    try """
    counter = 0
    request = function()
      counter = counter + 1
      return wrk.format("GET", "/v1/resolve?app=superpay&env=production&miniProgram=shop&user=u-" .. counter)
    end
    """.write(to: script, atomically: true, encoding: .utf8)
    for _ in 0..<3 {
      let resolve = try wrk(server.base, script: script, token: token, seconds: seconds, connections: 8)
      let health = try wrk(server.base + "/healthz", script: nil, token: nil, seconds: seconds, connections: 8)
      resolves.append(resolve.rate)
      healths.append(health.rate)
      failures += resolve.failures + health.failures
    }
    let value = median(resolves)
    let floor = median(healths)
    return BenchmarkRow(
      name: "W6 GET /v1/resolve, keep-alive", value: value, unit: "requests/s", floor: floor, ratio: value / floor,
      target: "≥ 0.5 of /healthz", meets: value / floor >= 0.5 && failures == 0,
      note:
        "wrk, 1 thread, 8 keep-alive connections, 3 alternating rounds of \(seconds) s, medians; floor: /healthz on the same server; \(failures) answers not 2xx"
    )
  }

  static func fire(workflows: String, seconds: Int, folder: URL, persisted: Double) throws -> BenchmarkRow {
    let connections = 8
    let versions = (0..<connections).map { "1.0.\($0)" }
    let store = try CLIStore("w7", versions: versions, workflows: workflows, folder: folder)
    try store.run(["settings", "set", "pilotTestingRequired=true"])
    // One release in pilot testing per connection, so connections never race on one instance.
    let ids = try versions.map { try store.approvedRelease($0) }
    let token = try store.run(["tokens", "create", "--actor", "alice"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let server = try Server(store: store, folder: folder)
    defer { server.stop() }
    // `extra`: more members of the body after its params.
    func script(_ name: String, extra: String = "") throws -> URL {
      let script = folder.appendingPathComponent(name)
      try """
      local ids = {\(ids.map { "\"\($0)\"" }.joined(separator: ", "))}
      local index = 1
      setup = function(thread)
        thread:set("id", ids[index])
        index = index + 1
      end
      counter = 0
      request = function()
        counter = counter + 1
        return wrk.format("POST", "/v1/instances/" .. id .. "/events/update-testers",
          {["Content-Type"] = "application/json", ["Authorization"] = "Bearer \(token)"},
          '{"params":{"testers":["u-' .. counter .. '"]}\(extra)}')
      end
      """.write(to: script, atomically: true, encoding: .utf8)
      return script
    }
    let fires = try script("w7.lua")
    // The same requests with one unknown key in the body: authenticated, routed and read in
    // full, then refused (400) before the engine. No fire can be faster than its request
    // without the fire (docs/benchmarks.md, W7).
    let refusals = try script("w7-refused.lua", extra: ",\"refused\":true")
    var rates: [Double] = []
    var refusedRates: [Double] = []
    var failures = 0
    for _ in 0..<3 {
      // The script sends the token itself: headers given to wrk.format replace -H ones.
      let load = try wrk(
        server.base, script: fires, token: nil, seconds: seconds, connections: connections, threads: connections)
      rates.append(load.rate)
      failures += load.failures
      let refused = try wrk(
        server.base, script: refusals, token: nil, seconds: seconds, connections: connections,
        threads: connections)
      // Every one of these must be refused: one that fired would measure a fire.
      guard refused.failures > 0, Double(refused.failures) >= refused.rate * Double(seconds) * 0.9 else {
        throw BenchmarkError("W7's refused requests were not refused (\(refused.failures) answers not 2xx)")
      }
      refusedRates.append(refused.rate)
    }
    let value = median(rates)
    let refusedRate = median(refusedRates)
    // What the same server answers with nothing to do, beside W4's transaction: a fire can be
    // no faster than both in turn on these two cores (docs/benchmarks.md, W7).
    let health = try wrk(server.base + "/healthz", script: nil, token: nil, seconds: seconds, connections: connections)
    let bound = 1 / (1 / health.rate + 1 / persisted)
    return BenchmarkRow(
      name: "W7 fire over HTTP, SQLite", value: value, unit: "transitions/s", floor: persisted,
      ratio: value / persisted, target: "≥ 0.5 of W4", meets: value / persisted >= 0.5 && failures == 0,
      note:
        "wrk, \(connections) connections (one thread and one release each), 3 rounds of \(seconds) s, median; floor: W4 in the same run; \(failures) answers not 2xx; the same server's /healthz \(Int(health.rate))/s, so a fire that added nothing to it but W4's transaction would reach \(Int(bound))/s = \(String(format: "%.2f", bound / persisted)) of W4; the same requests refused before the engine (an unknown key in the body, 400) \(Int(refusedRate))/s = \(String(format: "%.2f", refusedRate / persisted)) of W4"
    )
  }

  /// Runs `wrk` against `url` and reads its requests per second.
  static func wrk(
    _ url: String, script: URL?, token: String?, seconds: Int, connections: Int, threads: Int = 1
  ) throws -> Load {
    var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s"]
    if let script { arguments += ["-s", script.path] }
    if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
    let output = try Runner.run(
      try Runner.which("wrk"), arguments + [url],
      environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
    func number(after label: String) -> Double? {
      guard let line = output.split(separator: "\n").first(where: { $0.contains(label) }) else { return nil }
      return Double(line.split(separator: " ").last.map(String.init) ?? "")
    }
    guard let rate = number(after: "Requests/sec:") else { throw BenchmarkError("wrk printed no rate: \(output)") }
    return Load(rate: rate, failures: Int(number(after: "Non-2xx or 3xx responses:") ?? 0))
  }

  /// `runway serve` on the store, on a free port, without the worker's loop and with request
  /// logs off (a log line per request is not what is measured).
  final class Server {
    let process: Process
    let base: String

    init(store: CLIStore, folder: URL) throws {
      process = Process()
      process.executableURL = store.runway
      process.arguments = ["serve", "--listen", "127.0.0.1:0", "--no-worker", "--log-level", "warning"]
      process.environment = store.environment
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      var line = Data()
      while !line.contains(UInt8(ascii: "\n")) {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        line.append(chunk)
      }
      let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      let prefix = "runway is listening on "
      guard text.hasPrefix(prefix) else {
        process.terminate()
        throw BenchmarkError("runway serve did not start: \(text)")
      }
      base = String(text.dropFirst(prefix.count))
    }

    func stop() {
      guard process.isRunning else { return }
      process.terminate()
      process.waitUntilExit()
    }
  }
}
