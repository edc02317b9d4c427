import Foundation
import RunwayModel

/// One change of an instance as the store writes it: the new instance (compare-and-swap on
/// `expectedRevision`), its history entry and its outbox entries, all or nothing.
///
/// A value kept in one shared object, copied only when a copy changes (as `Instance` is): a
/// commit passes from the decision through the store's layers, and each copy of its parts
/// retained some thirty references (docs/benchmarks.md, W4).
public struct InstanceCommit: Sendable, Hashable {
  /// The parts; changed only through a reference no other commit holds.
  private final class Parts: @unchecked Sendable {
    var instance: Instance
    var expectedRevision: Int
    var history: HistoryEntry
    var outbox: [OutboxEntry]
    var index: [InstanceIndex.Entry]?
    var taskLease: TaskLeaseChange = .unchanged
    var timers: [ScheduledTimer]?
    var changedFields: [String]?
    var keepsDefinition = false

    init(
      instance: Instance, expectedRevision: Int, history: HistoryEntry, outbox: [OutboxEntry],
      index: [InstanceIndex.Entry]?
    ) {
      self.instance = instance
      self.expectedRevision = expectedRevision
      self.history = history
      self.outbox = outbox
      self.index = index
    }

    func copy() -> Parts {
      let copy = Parts(
        instance: instance, expectedRevision: expectedRevision, history: history, outbox: outbox, index: index)
      copy.taskLease = taskLease
      copy.timers = timers
      copy.changedFields = changedFields
      copy.keepsDefinition = keepsDefinition
      return copy
    }
  }

  private var parts: Parts

  /// The parts, copied first when another commit shares them.
  private var unique: Parts {
    mutating get {
      if !isKnownUniquelyReferenced(&parts) { parts = parts.copy() }
      return parts
    }
  }

  public var instance: Instance {
    get { parts.instance }
    set { unique.instance = newValue }
  }
  public var expectedRevision: Int {
    get { parts.expectedRevision }
    set { unique.expectedRevision = newValue }
  }
  public var history: HistoryEntry {
    get { parts.history }
    set { unique.history = newValue }
  }
  public var outbox: [OutboxEntry] {
    get { parts.outbox }
    set { unique.outbox = newValue }
  }
  /// The instance's indexed field values when they changed (nil: unchanged), see `InstanceIndex`.
  public var index: [InstanceIndex.Entry]? {
    get { parts.index }
    set { unique.index = newValue }
  }
  /// The claim on the run of the new state's task (docs/deployment.md, "Tasks and crashes").
  public var taskLease: TaskLeaseChange {
    get { parts.taskLease }
    set { unique.taskLease = newValue }
  }
  /// Every timer of the instance after this commit (nil: unchanged), see `ScheduledTimer`.
  public var timers: [ScheduledTimer]? {
    get { parts.timers }
    set { unique.timers = newValue }
  }
  /// The fields the commit set to a new value or removed, when known (nil: any may differ
  /// from the instance at `expectedRevision`). A store may write only those again.
  public var changedFields: [String]? {
    get { parts.changedFields }
    set { unique.changedFields = newValue }
  }
  /// Whether the instance keeps the definition it had (a store may then leave the digest
  /// alone, and skip checking that it names a stored definition). Only a migration changes it.
  public var keepsDefinition: Bool {
    get { parts.keepsDefinition }
    set { unique.keepsDefinition = newValue }
  }

  public init(
    instance: Instance, expectedRevision: Int, history: HistoryEntry, outbox: [OutboxEntry],
    index: [InstanceIndex.Entry]? = nil
  ) {
    parts = Parts(
      instance: instance, expectedRevision: expectedRevision, history: history, outbox: outbox, index: index)
  }

  /// Whether the instance stays in its state (a store may then leave the state column alone).
  public var staysInState: Bool { parts.history.from == parts.history.to }

  public static func == (left: InstanceCommit, right: InstanceCommit) -> Bool {
    if left.parts === right.parts { return true }
    return left.instance == right.instance && left.expectedRevision == right.expectedRevision
      && left.history == right.history && left.outbox == right.outbox && left.index == right.index
      && left.taskLease == right.taskLease && left.timers == right.timers
      && left.changedFields == right.changedFields && left.keepsDefinition == right.keepsDefinition
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(instance)
    hasher.combine(expectedRevision)
    hasher.combine(history)
    hasher.combine(outbox)
    hasher.combine(index)
    hasher.combine(taskLease)
    hasher.combine(timers)
    hasher.combine(changedFields)
    hasher.combine(keepsDefinition)
  }
}

/// What a commit does to the claim on a task run: a state with a task is claimed by the
/// process that entered it, until the lease runs out; leaving it releases the claim.
public enum TaskLeaseChange: Sendable, Hashable {
  case unchanged
  case claim(until: Date)
  case release
}

/// What `claimTask` found.
public enum TaskClaim: Sendable, Hashable {
  /// The caller now holds the run.
  case claimed
  /// Another run holds it until then.
  case held(until: Date)
  /// The instance is not at the revision the caller read.
  case moved
}

/// What `InstanceStore.update` writes (nothing when `commit` is nil) and what it returns.
public struct StoreDecision<Result: Sendable>: Sendable {
  public var commit: InstanceCommit?
  public var result: Result

  public init(commit: InstanceCommit?, result: Result) {
    self.commit = commit
    self.result = result
  }
}
