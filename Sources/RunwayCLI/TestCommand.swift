import ArgumentParser
import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// `runway test [PATH…]`: run scenario files against a fresh in-memory store each.
struct TestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run the scenario tests of workflow files (docs/scenario-tests.md).",
    discussion: """
      PATH is a scenario file or a folder of them (default: Workflows/tests, or $RUNWAY_WORKFLOWS/tests). Each scenario \
      runs on a fresh in-memory store; a failing one is reported with its step, what was \
      expected and what happened, and its file:line. Exit 1 when any scenario fails.
        runway test --coverage
        runway test Workflows/tests/mini-program-release.yaml --junit build/scenarios.xml
      """)

  @Argument(help: "Scenario files or folders (default: Workflows/tests).")
  var paths: [String] = []
  @Option(help: "Also write the results as JUnit XML to this file.")
  var junit: String?
  @Flag(help: "Report which states, transitions and choices the scenarios exercised.")
  var coverage = false
  @OptionGroup var output: OutputOptions

  func run() async throws {
    try await perform(json: output.json) {
      let folder =
        EnvironmentVariable.value("RUNWAY_WORKFLOWS").flatMap { $0.isEmpty ? nil : $0 } ?? "Workflows"
      let files = try scenarioFiles(paths.isEmpty ? [(folder as NSString).appendingPathComponent("tests")] : paths)
      var results: [ScenarioResult] = []
      var coverages: [String: ScenarioCoverage] = [:]
      var problems: [Diagnostic] = []
      for path in files {
        let file: ScenarioFile
        let entry: WorkflowCatalog.Entry
        do {
          file = try ScenarioLoader.load(path: path)
          let loaded = try WorkflowLoader.load(path: file.workflowPath, domain: file.domain)
          let (compiled, diagnostics) = loaded.compile()
          guard let compiled else {
            problems += diagnostics.filter { $0.severity == .error }
            continue
          }
          entry = WorkflowCatalog.Entry(workflow: compiled, sourcePath: loaded.path, sourceText: loaded.text)
        } catch let error as DiagnosticError {
          problems += error.diagnostics
          continue
        }
        let (fileResults, fileCoverage) = await ScenarioRunner(workflow: entry).run(file)
        results += fileResults
        if var existing = coverages[fileCoverage.workflow] {
          existing.merge(fileCoverage)
          coverages[fileCoverage.workflow] = existing
        } else {
          coverages[fileCoverage.workflow] = fileCoverage
        }
      }
      let report = ScenarioReport(
        results: results, problems: problems, coverages: coverages.values.sorted { $0.workflow < $1.workflow })
      if let junit { try report.writeJUnit(to: junit) }
      Console.out(output.json ? report.json(coverage: coverage) : report.text(coverage: coverage))
      if !report.passed { throw ExitCode(ExitStatus.failed.rawValue) }
    }
  }

  private func scenarioFiles(_ paths: [String]) throws(CommandFailure) -> [String] {
    var files: [String] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw CommandFailure(.usage, "no such file or folder: \(path)")
      }
      if isFolder.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
          (path as NSString).appendingPathComponent($0)
        }
      } else {
        files.append(path)
      }
    }
    return files
  }
}
