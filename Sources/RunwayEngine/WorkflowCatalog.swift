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

  /// The definition with this digest: a current one, or a version the store keeps. The
  /// current definition of `workflow` is tried first, then the others.
  public func pinned(_ digest: String, workflow: String? = nil, in store: any InstanceStore) async throws(EngineError)
    -> CompiledWorkflow
  {
    if let known = lock.withLock({ byDigest[digest] }) { return known }
    let own = workflow.flatMap { entries[$0] }
    let others = entries.values.filter { $0.workflow.definition.name != workflow }
    for entry in [own].compactMap({ $0 }) + others where entry.workflow.digest == digest {
      lock.withLock { byDigest[digest] = entry.workflow }
      return entry.workflow
    }
    let stored: StoredDefinition?
    do { stored = try await store.definition(digest: digest) } catch { throw .store(error) }
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
    lock.withLock { byDigest[digest] = compiled }
    return compiled
  }

  /// The stored form of a current definition, so instances can stay pinned to it. The JSON
  /// is encoded once per definition: starts are frequent, definitions few.
  func storedDefinition(_ entry: Entry, at date: Date) -> StoredDefinition {
    let digest = entry.workflow.digest
    var json = lock.withLock { encodedDefinitions[digest] }
    if json == nil {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let encoded = (try? encoder.encode(entry.workflow.definition)).map { String(decoding: $0, as: UTF8.self) }
      json = encoded ?? "{}"
      lock.withLock { encodedDefinitions[digest] = json }
    }
    return StoredDefinition(
      digest: digest, workflow: entry.workflow.definition.name, definitionJSON: json ?? "{}",
      sourcePath: entry.sourcePath,
      sourceText: entry.sourceText, storedAt: date)
  }
}
