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
  private let currentWorkflows: [CompiledWorkflow]
  /// The directory's kinds the workflows were checked against (docs/domain.md).
  public let domain: Domain
  private let lock = NSLock()
  /// Filled on demand: a current definition's digest is computed only when an instance asks.
  private var byDigest: [String: CompiledWorkflow] = [:]
  private var lastKnown: (digest: String, workflow: CompiledWorkflow)?
  private var encodedDefinitions: [String: String] = [:]

  public init(_ entries: [Entry], domain: Domain = .standard) {
    self.domain = domain
    var byName: [String: Entry] = [:]
    for entry in entries { byName[entry.workflow.definition.name] = entry }
    self.entries = byName
    currentWorkflows = byName.values.map(\.workflow)
    hasTimers = entries.contains { $0.workflow.hasTimers }
    // Only the events that read something beyond the instance are kept.
    var reads: [String: EventReads] = [:]
    for entry in entries {
      let workflow = entry.workflow
      for event in Set(workflow.definition.transitions.map(\.event)) {
        let actorEvents = workflow.actorEvents(of: event)
        let timers = workflow.timedEvents.contains(event)
        guard !actorEvents.isEmpty || timers else { continue }
        reads[event, default: EventReads(actorEvents: [], timers: false)].actorEvents.formUnion(actorEvents)
        if timers { reads[event]?.timers = true }
      }
    }
    readsByEvent = reads
  }

  /// What a fire of an event reads with the instance beyond it, in any current workflow.
  public struct EventReads: Sendable {
    /// The events whose last actor its notifications may name.
    public var actorEvents: Set<String>
    /// Whether its transitions may change the instance's timers.
    public var timers: Bool
  }

  /// Only the events that read something: most read nothing more, and one lookup answers
  /// both questions on every fire (docs/benchmarks.md, W4).
  private let readsByEvent: [String: EventReads]

  /// What a fire of `event` reads beyond the instance: the last actors its notifications may
  /// name (a definition pinned before the current files may name others, which a second read
  /// fetches) and, when it may change them, the instance's timers (a pinned older definition
  /// asks again if it must).
  public func reads(of event: String) -> EventReads {
    readsByEvent[event] ?? EventReads(actorEvents: [], timers: false)
  }

  /// Whether any current workflow has a state with timers: only then does a view read the
  /// instance's timers (docs/workflow-format.md, "Timers").
  public let hasTimers: Bool
  /// Whether `workflow` is one of the current definitions (the same object): what its
  /// notifications need is then within `reads(of:)`. Compared by identity over the few
  /// current ones, with no hashing (every fire asks, docs/benchmarks.md, W4).
  public func isCurrent(_ workflow: CompiledWorkflow) -> Bool {
    currentWorkflows.contains { $0 === workflow }
  }

  /// The digests of the definitions already compiled, which a snapshot need not read again
  /// (kept as a set: every fire asks).
  public var knownDigests: Set<String> { lock.withLock { digests } }
  /// The digest `known` found last.
  public var lastKnownDigest: String? { lock.withLock { lastKnown?.digest } }
  private var digests: Set<String> = []

  /// The compiled definition with this digest, when it is already known.
  public func known(_ digest: String) -> CompiledWorkflow? {
    lock.withLock {
      // The last one found first: most fires in a row are of one definition, and comparing
      // its digest is cheaper than hashing its 71 characters (docs/benchmarks.md, W4).
      if let last = lastKnown, last.digest == digest { return last.workflow }
      guard let found = byDigest[digest] else { return nil }
      lastKnown = (digest, found)
      return found
    }
  }

  /// The definition an instance is pinned to, from what one snapshot read: a known digest, a
  /// current file with the stored text, or the stored definition compiled again.
  public func pinned(_ instance: Instance, stored: StoredDefinition?) throws(EngineError) -> CompiledWorkflow {
    let digest = instance.definitionDigest
    if let known = known(digest) { return known }
    if let stored, let entry = entries[stored.workflow], entry.sourceText == stored.sourceText {
      return remember(entry.workflow, as: digest)
    }
    if let stored { return try compile(stored) }
    if let entry = entries[instance.workflow], entry.workflow.digest == digest {
      return remember(entry.workflow, as: digest)
    }
    throw EngineError(.unavailable, "definition version \(digest.prefix(12)) is not in the store")
  }

  /// A stored definition compiled from its JSON form.
  private func compile(_ stored: StoredDefinition) throws(EngineError) -> CompiledWorkflow {
    let digest = stored.digest
    guard let data = stored.definitionJSON.data(using: .utf8),
      let definition = try? JSONDecoder().decode(Workflow.self, from: data)
    else {
      throw EngineError(.unavailable, "stored definition \(digest.prefix(12)) cannot be read back")
    }
    guard let compiled = WorkflowCompiler.compile(definition, domain: domain).workflow else {
      throw EngineError(
        .unavailable, "stored definition \(digest.prefix(12)) of \(stored.workflow) no longer compiles")
    }
    return remember(compiled, as: digest)
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
  public func pinned(_ digest: String, workflow: String? = nil, in store: any DefinitionStore) async throws(EngineError)
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
    return try compile(stored)
  }

  private func remember(_ workflow: CompiledWorkflow, as digest: String) -> CompiledWorkflow {
    lock.withLock {
      byDigest[digest] = workflow
      digests.insert(digest)
    }
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
