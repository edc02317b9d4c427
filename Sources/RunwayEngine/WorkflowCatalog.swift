import Foundation
import RunwayModel

/// The workflows the engine knows: the current definitions (loaded from the workflow files)
/// and, for instances pinned to an older version, the versions kept by the store.
public final class WorkflowCatalog: @unchecked Sendable {
  /// A current definition and the file it came from.
  public struct Entry: Sendable {
    public var workflow: CompiledWorkflow
    public var sourcePath: String
    public var sourceText: String
    public init(workflow: CompiledWorkflow, sourcePath: String, sourceText: String) {
      self.workflow = workflow
      self.sourcePath = sourcePath
      self.sourceText = sourceText
    }
  }

  private let entries: [String: Entry]
  private let lock = NSLock()
  /// Filled on demand: a current definition's digest is computed only when an instance asks.
  private var byDigest: [String: CompiledWorkflow] = [:]
  private var encodedDefinitions: [String: String] = [:]

  public init(_ entries: [Entry]) {
    var byName: [String: Entry] = [:]
    for entry in entries { byName[entry.workflow.definition.name] = entry }
    self.entries = byName
  }

  /// The names of the current workflows, sorted.
  public var names: [String] { entries.keys.sorted() }

  /// The current definition of a workflow.
  public func current(_ name: String) -> Entry? { entries[name] }

  /// The definition with this digest: a current one, or a version the store keeps.
  ///
  /// A stored version whose source text is a current file's text is that file's compiled
  /// definition (the same text reads the same), so a command that only fires never pays for
  /// the digest, the definition's whole canonical JSON (5 ms of a 30 ms `runway fire`).
  public func pinned(_ digest: String, workflow: String? = nil, in store: any InstanceStore) async throws(EngineError)
    -> CompiledWorkflow
  {
    if let known = lock.withLock({ byDigest[digest] }) { return known }
    let stored: StoredDefinition?
    do { stored = try await store.definition(digest: digest) } catch { throw .store(error) }
    if let stored, let entry = entries[stored.workflow], entry.sourceText == stored.sourceText {
      return remember(entry.workflow, as: digest)
    }
    let own = workflow.flatMap { entries[$0] }
    let others = entries.values.filter { $0.workflow.definition.name != workflow }
    for entry in [own].compactMap({ $0 }) + others where entry.workflow.digest == digest {
      return remember(entry.workflow, as: digest)
    }
    guard let stored else {
      throw EngineError(.unavailable, "definition version \(digest.prefix(12)) is not in the store")
    }
    guard let data = stored.definitionJSON.data(using: .utf8),
      let definition = try? JSONDecoder().decode(Workflow.self, from: data)
    else {
      throw EngineError(.unavailable, "stored definition \(digest.prefix(12)) cannot be read back")
    }
    guard let compiled = WorkflowCompiler.compile(definition).workflow else {
      throw EngineError(
        .unavailable, "stored definition \(digest.prefix(12)) of \(stored.workflow) no longer compiles")
    }
    return remember(compiled, as: digest)
  }

  private func remember(_ workflow: CompiledWorkflow, as digest: String) -> CompiledWorkflow {
    lock.withLock { byDigest[digest] = workflow }
    return workflow
  }

  /// The stored form of a current definition, so instances can stay pinned to it. The JSON
  /// is encoded once per definition: starts are frequent, definitions few.
  func storedDefinition(_ entry: Entry, at date: Date) -> StoredDefinition {
    let digest = entry.workflow.digest
    let json =
      lock.withLock { encodedDefinitions[digest] }
      ?? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded =
          (try? encoder.encode(entry.workflow.definition)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        lock.withLock { encodedDefinitions[digest] = encoded }
        return encoded
      }()
    return StoredDefinition(
      digest: digest, workflow: entry.workflow.definition.name, definitionJSON: json,
      sourcePath: entry.sourcePath,
      sourceText: entry.sourceText, storedAt: date)
  }
}
