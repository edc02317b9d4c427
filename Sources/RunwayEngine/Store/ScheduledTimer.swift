import Foundation
import RunwayModel

/// A timer of an instance as the store keeps it (docs/workflow-format.md, "Timers"): the
/// commit that entered its state wrote it; the commit that leaves the state removes it (or,
/// for a `total` timer, pauses it with the time left).
public struct ScheduledTimer: Sendable, Hashable {
  public var instanceID: String
  public var state: String
  public var event: String
  /// The instance's revision when the timer was set; a fire at any other revision is dropped.
  public var revision: Int
  /// When the event is due; nil while a `total` timer is paused outside its state.
  public var dueAt: Date?
  /// What is left of a paused `total` timer.
  public var remaining: TimeInterval?

  public init(
    instanceID: String, state: String, event: String, revision: Int, dueAt: Date?, remaining: TimeInterval? = nil
  ) {
    self.instanceID = instanceID
    self.state = state
    self.event = event
    self.revision = revision
    self.dueAt = dueAt
    self.remaining = remaining
  }
}

/// What firing a due timer did.
public enum TimerOutcome: Sendable {
  /// The event was fired and committed.
  case fired(FireOutcome)
  /// The instance had moved on (another revision or state): nothing was written to its history.
  case dropped
}
