import RunwayModel

/// What a `start` or `fire` did: the instance as committed, and every history entry and
/// notification it committed (a task state adds the task outcome's entry).
public struct FireOutcome: Sendable, Hashable {
  public var instance: Instance
  public var entries: [HistoryEntry]
  public var notifications: [OutboxEntry]
  /// The instance as the firing actor sees it after the commit, so a front end prints it
  /// without reading it again.
  public var view: InstanceView?

  public init(
    instance: Instance, entries: [HistoryEntry], notifications: [OutboxEntry], view: InstanceView? = nil
  ) {
    self.instance = instance
    self.entries = entries
    self.notifications = notifications
    self.view = view
  }
}
