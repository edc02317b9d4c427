import Foundation
import RunwayModel

/// One change of an instance as the store writes it: the new instance (compare-and-swap on
/// `expectedRevision`), its history entry and its outbox entries, all or nothing.
public struct InstanceCommit: Sendable, Hashable {
  public var instance: Instance
  public var expectedRevision: Int
  public var history: HistoryEntry
  public var outbox: [OutboxEntry]
  /// The instance's indexed field values when they changed (nil: unchanged), see `InstanceIndex`.
  public var index: [InstanceIndex.Entry]?
  /// The claim on the run of the new state's task (docs/deployment.md, "Tasks and crashes").
  public var taskLease: TaskLeaseChange = .unchanged
  /// Every timer of the instance after this commit (nil: unchanged), see `ScheduledTimer`.
  public var timers: [ScheduledTimer]?
  /// The fields the commit set to a new value or removed, when known (nil: any may differ
  /// from the instance at `expectedRevision`). A store may write only those again.
  public var changedFields: [String]?

  public init(
    instance: Instance, expectedRevision: Int, history: HistoryEntry, outbox: [OutboxEntry],
    index: [InstanceIndex.Entry]? = nil
  ) {
    self.instance = instance
    self.expectedRevision = expectedRevision
    self.history = history
    self.outbox = outbox
    self.index = index
  }

  /// Whether the instance keeps the definition it had (a store may then leave the digest
  /// alone, and skip checking that it names a stored definition). Only a migration changes it.
  public var keepsDefinition = false

  /// Whether the instance stays in its state (a store may then leave the state column alone).
  public var staysInState: Bool { history.from == history.to }
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
