import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// What a command that runs the engine needs: the workflows from their folder, the store and
/// an engine over both with the stored directory and settings.
struct CommandEnvironment {
  var catalog: WorkflowCatalog
  var store: any InstanceStore
  var engine: Engine

  static func open(_ options: StoreOptions) async throws(CommandFailure) -> CommandEnvironment {
    let catalog = try loadCatalog(options.workflows)
    let store = try await StoreLocator.open(options.store)
    do {
      let engine = try await Engine.open(catalog: catalog, store: store)
      return CommandEnvironment(catalog: catalog, store: store, engine: engine)
    } catch { throw CommandFailure(error) }
  }

  /// The valid workflows of a folder. An invalid file is left out with a warning on standard
  /// error, so one broken file does not stop releases of the others.
  static func loadCatalog(_ folder: String) throws(CommandFailure) -> WorkflowCatalog {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw CommandFailure(
        .notFound, "no workflow folder \"\(folder)\" (give one with --workflows or RUNWAY_WORKFLOWS)")
    }
    let (loaded, diagnostics) = WorkflowLoader.loadFolder(folder)
    var entries: [WorkflowCatalog.Entry] = []
    var broken = Set(diagnostics.compactMap { $0.severity == .error ? $0.location?.file : nil })
    for file in loaded {
      let (compiled, problems) = WorkflowCompiler.compile(file.workflow)
      if let compiled {
        entries.append(.init(workflow: compiled, sourcePath: file.path, sourceText: file.text))
      } else if problems.contains(where: { $0.severity == .error }) {
        broken.insert(file.path)
      }
    }
    for path in broken.sorted() {
      Console.err("warning: \(path) is invalid and was skipped; run: runway validate \(path)")
    }
    return WorkflowCatalog(entries)
  }
}
