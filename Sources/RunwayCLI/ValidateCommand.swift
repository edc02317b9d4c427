import ArgumentParser
import Foundation
import RunwayModel
import RunwayYAML

/// `runway validate [PATH…]`: check workflow files and report every problem with its location.
struct ValidateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check workflow files; report every problem as file:line:column.",
    discussion: """
      PATH is a workflow file or a folder of them (default: Workflows, or RUNWAY_WORKFLOWS). Exit status 0 when \
      every file is valid (warnings allowed), 1 when any has an error (or, with --strict, a warning), 2 for \
      usage errors.
      Formats: text (compiler style), json, github (workflow-command annotations for CI).
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
  }

  @Argument(help: "Workflow files or folders (default: Workflows).")
  var paths: [String] = []

  @Option(help: "Output format: text, json or github.")
  var format: Format = .text

  @Flag(help: "Fail on warnings too (exit 1), as on errors: for CI that blocks a merge on any finding.")
  var strict = false

  func run() async throws {
    let folder =
      EnvironmentVariable.value("RUNWAY_WORKFLOWS").flatMap { $0.isEmpty ? nil : $0 } ?? "Workflows"
    let targets = paths.isEmpty ? [folder] : paths
    var diagnostics: [Diagnostic] = []
    var files: [String] = []
    var names: [String: String] = [:]  // workflow name → first file
    for target in targets {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else {
        Console.err("error: no such file or folder: \(target)")
        throw ExitCode(ExitStatus.usage.rawValue)
      }
      var loaded: [LoadedWorkflow] = []
      if isFolder.boolValue {
        let folder = WorkflowLoader.loadFolder(target)
        loaded = folder.workflows
        diagnostics += folder.diagnostics
        files += Set(folder.workflows.map(\.path) + folder.diagnostics.compactMap { $0.location?.file }).sorted()
      } else if DomainLoader.fileNames.contains((target as NSString).lastPathComponent) {
        files.append(target)
        do { _ = try DomainLoader.load(path: target) } catch { diagnostics += error.diagnostics }
      } else {
        files.append(target)
        do { loaded = [try WorkflowLoader.loadInItsFolder(path: target)] } catch {
          diagnostics += error.diagnostics
        }
      }
      for file in loaded {
        diagnostics += file.compile().diagnostics
        let name = file.workflow.name
        if let first = names[name] {
          diagnostics.append(
            .error(
              "workflow \"\(name)\" is also defined in \(first); names must be unique",
              at: file.workflow.location))
        } else {
          names[name] = file.path
        }
      }
    }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    let failed = errors > 0 || (strict && warnings > 0)
    switch format {
    case .text:
      for diagnostic in diagnostics { Console.out(diagnostic.description) }
      let summary = errors > 0 ? "invalid" : failed ? "invalid (--strict: warnings fail)" : "valid"
      Console.out(
        "\(files.count) file\(files.count == 1 ? "" : "s") checked: \(summary), \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
      )
    case .json:
      struct Report: Encodable {
        var valid: Bool
        var files: [String]
        var diagnostics: [Item]
      }
      struct Item: Encodable {
        var severity: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
      }
      Console.out(
        Console.jsonText(
          Report(
            valid: !failed, files: files,
            diagnostics: diagnostics.map {
              Item(
                severity: $0.severity.rawValue, message: $0.message, file: $0.location?.file,
                line: $0.location?.line, column: $0.location?.column)
            })))
    case .github:
      for diagnostic in diagnostics {
        var properties: [String] = []
        if let location = diagnostic.location {
          properties = ["file=\(location.file)", "line=\(location.line)", "col=\(location.column)"]
        }
        let message = diagnostic.message.replacingOccurrences(of: "%", with: "%25")
          .replacingOccurrences(of: "\n", with: "%0A")
        Console.out("::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(message)")
      }
    }
    if failed { throw ExitCode(ExitStatus.failed.rawValue) }
  }
}
