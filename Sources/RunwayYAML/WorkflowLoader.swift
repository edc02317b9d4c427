import Foundation
import RunwayModel

/// A workflow definition read from a file, with the file's path and text.
public struct LoadedWorkflow: Sendable {
  public var workflow: Workflow
  public var path: String
  public var text: String
  /// The domain the file was read against (its folder's domain.yaml, docs/domain.md).
  public var domain: Domain = .standard

  /// The workflow validated against its domain.
  public func compile() -> (workflow: CompiledWorkflow?, diagnostics: [Diagnostic]) {
    WorkflowCompiler.compile(workflow, domain: domain)
  }
}

/// Reads workflow files: YAML → `Workflow`, every structural problem reported with its
/// `file:line:column`.
public enum WorkflowLoader {
  /// Reads and decodes one file; `domain` names the kinds its `ref` fields may point at.
  public static func load(path: String, domain: Domain = .standard, limits: LoaderLimits = .standard)
    throws(DiagnosticError) -> LoadedWorkflow
  {
    try parse(try FileText.read(path, limits: limits), file: path, domain: domain, limits: limits)
  }

  /// Reads one file against the domain of its folder (its domain.yaml, or the standard one);
  /// a domain file with problems refuses the load with them.
  public static func loadInItsFolder(path: String, limits: LoaderLimits = .standard) throws(DiagnosticError)
    -> LoadedWorkflow
  {
    let (domain, problems) = DomainLoader.load(folder: FilePath.folder(of: path), limits: limits)
    guard problems.isEmpty else { throw DiagnosticError(problems) }
    return try load(path: path, domain: domain, limits: limits)
  }

  /// Decodes workflow text; `file` names it in diagnostics.
  public static func parse(
    _ text: String, file: String, domain: Domain = .standard, limits: LoaderLimits = .standard
  ) throws(DiagnosticError) -> LoadedWorkflow {
    var decoder = WorkflowDecoder(file: file, kinds: domain.kindNames)
    let (root, workflow) = try decoder.read(text, file: file, limits: limits)
    guard root != nil else {
      throw DiagnosticError([.error("the file is empty", at: SourceLocation(file: file, line: 1, column: 1))])
    }
    let errors = decoder.reader.diagnostics
    guard let workflow, errors.isEmpty else { throw DiagnosticError(errors) }
    return LoadedWorkflow(workflow: workflow, path: file, text: text, domain: domain)
  }

  /// Every `*.yaml`/`*.yml` file directly in `folder` (not in subfolders, where scenario
  /// tests live), by name, read against the folder's domain.yaml; its problems come first.
  public static func loadFolder(_ folder: String, limits: LoaderLimits = .standard) -> (
    workflows: [LoadedWorkflow], diagnostics: [Diagnostic]
  ) {
    let (paths, problems) = files(in: folder)
    let (domain, domainProblems) = DomainLoader.load(folder: folder, limits: limits)
    var workflows: [LoadedWorkflow] = []
    var diagnostics = problems + domainProblems
    for path in paths {
      do { workflows.append(try load(path: path, domain: domain, limits: limits)) } catch {
        diagnostics += error.diagnostics
      }
    }
    return (workflows, diagnostics)
  }

  /// The workflow files of a folder (`.yaml`, `.yml`), sorted by name; the folder's
  /// domain.yaml is not one.
  public static func files(in folder: String) -> (paths: [String], diagnostics: [Diagnostic]) {
    guard let names = FolderListing.names(in: folder) else {
      return ([], [.error("cannot read the folder \(folder)", at: nil)])
    }
    let paths = names.sorted().filter {
      ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !DomainLoader.fileNames.contains($0)
    }.map { FolderListing.path($0, in: folder) }
    return (paths, [])
  }
}

/// Reads a file as UTF-8 text within the size limit.
enum FileText {
  static func read(_ path: String, limits: LoaderLimits) throws(DiagnosticError) -> String {
    let start = SourceLocation(file: path, line: 1, column: 1)
    if let size = FileSize.of(path), size > limits.maximumFileSize {
      throw DiagnosticError([
        .error("the file is \(size) bytes, more than the \(limits.maximumFileSize) allowed", at: start)
      ])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DiagnosticError([.error("cannot read \(path)", at: nil)])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw DiagnosticError([.error("the file is not UTF-8 text", at: start)])
    }
    return text
  }
}
