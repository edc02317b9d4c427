import Foundation

// runway-bench [--quick] [--only W1,W3] [--workflows DIR] [--output FILE]
// Measures each workload beside its floor in the same run and writes benchmarks/results.json.
let arguments = CommandLine.arguments.dropFirst()
let usage = """
  USAGE: runway-bench [--quick] [--only W1,W2,W3,W4,W5,W6,W7,W8,W9,W10] [--workflows DIR] [--output FILE]

  Measures Runway's workloads (docs/benchmarks.md) beside floors taken in the same run, prints a table
  and writes the rows as JSON (default benchmarks/results.json). Build with
  `swift build -c release` first: W2, W5, W6, W7 and W10 run the `runway` binary beside this one;
  W6 and W7 load `runway serve` with `wrk` (apt-get install wrk).

    --quick        smaller counts, for a quick look
    --only LIST    some workloads, e.g. --only W1,W4 (for profiling one); W8 also runs W4,
                   its floor
    --workflows    the workflow folder (default Workflows)
    --output       where to write the JSON rows
  See docs/benchmarks.md.
  """
let known: Set<String> = ["--quick", "--only", "--workflows", "--output"]
if arguments.contains("--help") || arguments.contains("-h") {
  print(usage)
  exit(0)
}
var expectsValue = false
for argument in arguments {
  if expectsValue {
    expectsValue = false
  } else if !known.contains(argument) {
    FileHandle.standardError.write(Data("runway-bench: unknown argument \"\(argument)\"\n\n\(usage)\n".utf8))
    exit(2)
  } else {
    expectsValue = argument != "--quick"
  }
}
let quick = arguments.contains("--quick")
func option(_ name: String, _ fallback: String) -> String {
  guard let index = arguments.firstIndex(of: name), arguments.index(after: index) < arguments.endIndex else {
    return fallback
  }
  return arguments[arguments.index(after: index)]
}
let workflows = option("--workflows", "Workflows")
let output = option("--output", "benchmarks/results.json")
// A subset of the workloads, for profiling one of them.
let workloads = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10"]
let only = Set(option("--only", workloads.joined(separator: ",")).split(separator: ",").map { $0.uppercased() })
if let unknown = only.subtracting(workloads).sorted().first {
  FileHandle.standardError.write(
    Data("runway-bench: no workload \"\(unknown)\"; the workloads are \(workloads.joined(separator: ", "))\n".utf8))
  exit(2)
}
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runway-bench-\(UUID().uuidString)")

do {
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  var rows: [BenchmarkRow] = []
  func step(_ name: String) -> Bool {
    guard only.contains(name) else { return false }
    FileHandle.standardError.write(Data("running \(name)…\n".utf8))
    return true
  }
  if step("W1") {
    rows.append(try await EngineThroughput.run(workflows: workflows, releases: quick ? 1000 : 10_000))
  }
  if step("W2") { rows.append(try ProcessLatency.run(workflows: workflows, runs: quick ? 10 : 30, folder: folder)) }
  if step("W3") { rows += try DefinitionLoading.run(quick: quick) }
  // W8's floor is W4 of the same run.
  if only.contains("W8") || step("W4") {
    let w4 = try await PersistedThroughput.run(
      workflows: workflows, transitions: PersistedThroughput.transitions(quick: quick), folder: folder)
    rows.append(w4)
    if step("W8") { rows.append(try await TimerThroughput.run(timers: quick ? 1000 : 5000, w4: w4, folder: folder)) }
  }
  if step("W6") {
    rows.append(try HTTPThroughput.resolve(workflows: workflows, seconds: quick ? 2 : 5, folder: folder))
  }
  if step("W7") {
    // W7's floor is W4 of the same run (measured here when W4 was not asked for).
    var persisted = rows.first { $0.name.hasPrefix("W4") }?.value
    if persisted == nil {
      persisted = try await PersistedThroughput.run(
        workflows: workflows, transitions: PersistedThroughput.transitions(quick: quick), folder: folder
      ).value
    }
    rows.append(
      try HTTPThroughput.fire(workflows: workflows, seconds: quick ? 2 : 5, folder: folder, persisted: persisted ?? 1))
  }
  if step("W5") {
    rows.append(RolloutThroughput.inProcess(users: quick ? 1_000_000 : 5_000_000))
    rows.append(try RolloutThroughput.batchCLI(workflows: workflows, users: 1_000_000, folder: folder))
  }
  if step("W9") { rows.append(try await EditorDiagnostics.run(quick: quick)) }
  if step("W10") {
    rows += try await ScaleLatency.run(
      workflows: workflows, runs: quick ? 7 : 21, programs: 2500, releases: quick ? 2500 : 10_000, folder: folder)
  }
  printTable(rows)
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  try FileManager.default.createDirectory(
    at: URL(fileURLWithPath: output).deletingLastPathComponent(), withIntermediateDirectories: true)
  try encoder.encode(rows).write(to: URL(fileURLWithPath: output))
  print("written to \(output)")
} catch {
  FileHandle.standardError.write(Data("runway-bench: \(error)\n".utf8))
  exit(1)
}
