import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// What a command needs: the application API over the workflows of their folder and the
/// store. Each operation then reads only what it needs (docs/deployment.md).
struct CommandEnvironment {
  var runway: Runway
  var catalog: WorkflowCatalog { runway.catalog }

  /// `longLived` (a server) keeps the whole directory and the settings in memory, reading
  /// them again only when another writer changed them.
  static func open(_ options: StoreOptions, longLived: Bool = false) async throws(CommandFailure)
    -> CommandEnvironment
  {
    try await open(store: options.store, workflows: options.workflows, longLived: longLived)
  }

  /// The same, from the store URL and the workflow folder as plain values.
  static func open(store url: String, workflows: String, longLived: Bool = false) async throws(CommandFailure)
    -> CommandEnvironment
  {
    let files = try workflowFiles(workflows)
    let domain = try self.domain(workflows)
    // The store opens on one core while the workflows load on the other: both are most of a
    // short command's own time (W2). A missing folder is refused before the store is touched.
    async let opened = openStore(url, longLived: longLived)
    let catalog = loadCatalog(files, domain: domain)
    let store = try await opened.get()
    OpenStores.keepUntilExit(store)
    let runner = TaskRunners.configured(workflows: workflows)
    var engine = Engine(catalog: catalog, store: store, taskRunner: runner)
    if longLived {
      do { engine = try await Engine.open(catalog: catalog, store: store, taskRunner: runner) } catch {
        throw CommandFailure(error)
      }
    }
    if let lease = try TaskRunners.leaseSeconds() { engine.taskLease = lease }
    return CommandEnvironment(runway: Runway(engine: engine))
  }

  private static func openStore(_ url: String, longLived: Bool) async -> Result<any Store, CommandFailure> {
    do { return .success(try await StoreLocator.open(url, longLived: longLived)) } catch { return .failure(error) }
  }

  /// The workflow files of a folder, or a refusal naming it when it is not one.
  private static func workflowFiles(_ folder: String) throws(CommandFailure) -> (
    paths: [String], diagnostics: [Diagnostic]
  ) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw CommandFailure(
        .notFound, "no workflow folder \"\(folder)\" (give one with --workflows or RUNWAY_WORKFLOWS)")
    }
    return WorkflowLoader.files(in: folder)
  }

  /// The folder's domain (docs/domain.md); a domain file with problems refuses the command,
  /// since every workflow and the directory depend on it.
  private static func domain(_ folder: String) throws(CommandFailure) -> Domain {
    let (domain, problems) = DomainLoader.load(folder: folder)
    guard problems.isEmpty else {
      throw CommandFailure(.invalidInput, problems.map(\.description).joined(separator: "\n"))
    }
    return domain
  }

  /// The valid workflows among `files`. An invalid file is left out with a warning on standard
  /// error, so one broken file does not stop releases of the others. Files are loaded and
  /// checked in parallel, each on its own.
  private static func loadCatalog(_ files: (paths: [String], diagnostics: [Diagnostic]), domain: Domain)
    -> WorkflowCatalog
  {
    let paths = files.paths
    let outcomes = FileOutcomes(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      outcomes.set(index, FileOutcome(path: paths[index], domain: domain))
    }
    var entries: [WorkflowCatalog.Entry] = []
    var broken = Set(files.diagnostics.compactMap { $0.severity == .error ? $0.location?.file : nil })
    for outcome in outcomes.all {
      switch outcome {
      case .compiled(let entry): entries.append(entry)
      case .broken(let path): broken.insert(path)
      case .skipped, nil: break
      }
    }
    for path in broken.sorted() {
      Console.err("warning: \(path) is invalid and was skipped; run: runway validate \(path)")
    }
    return WorkflowCatalog(entries, domain: domain)
  }
}

/// What became of one workflow file.
private enum FileOutcome: Sendable {
  case compiled(WorkflowCatalog.Entry)
  /// The file does not load or does not validate.
  case broken(String)
  /// Loaded, but its definition only warns and yields nothing to run.
  case skipped

  init(path: String, domain: Domain) {
    let file: LoadedWorkflow
    do { file = try WorkflowLoader.load(path: path, domain: domain) } catch {
      self = .broken(error.diagnostics.first { $0.severity == .error }?.location?.file ?? path)
      return
    }
    let (compiled, problems) = file.compile()
    if let compiled {
      self = .compiled(.init(workflow: compiled, sourcePath: file.path, sourceText: file.text))
    } else if problems.contains(where: { $0.severity == .error }) {
      self = .broken(file.path)
    } else {
      self = .skipped
    }
  }
}

/// The stores commands opened, kept until the process exits rather than closed: closing a
/// SQLite store only makes GRDB unregister its notification observers, whose first use costs
/// a short command a scan of every protocol conformance in the binary (about 4 % of a
/// `runway fire`, docs/benchmarks.md, W2); SQLite's checkpoint on close is skipped anyway
/// (`SQLiteInstanceStore`), and the process's end releases the file and its locks.
private enum OpenStores {
  private static let stores = KeptStores()

  static func keepUntilExit(_ store: any Store) { stores.append(store) }

  private final class KeptStores: @unchecked Sendable {
    private var stores: [any Store] = []
    private let lock = NSLock()
    func append(_ store: any Store) { lock.withLock { stores.append(store) } }
  }
}

/// The outcomes of files loaded in parallel, each written once at its index.
private final class FileOutcomes: @unchecked Sendable {
  private var outcomes: [FileOutcome?]
  private let lock = NSLock()
  init(count: Int) { outcomes = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ outcome: FileOutcome) { lock.withLock { outcomes[index] = outcome } }
  var all: [FileOutcome?] { lock.withLock { outcomes } }
}
