import RunwayModel

/// What a `start` or `fire` did: the instance as committed, and every history entry and
/// notification it committed (a task state adds the task outcome's entry).
public struct FireOutcome: Sendable, Hashable {
  public var instance: Instance
  public var entries: [HistoryEntry]
  public var notifications: [OutboxEntry]

  public init(instance: Instance, entries: [HistoryEntry], notifications: [OutboxEntry]) {
    self.instance = instance
    self.entries = entries
    self.notifications = notifications
  }
}
