/// A timed event of a state: once an instance has been in the state for `after`, the
/// `system` actor fires `event` (docs/workflow-format.md, "Timers").
public struct StateTimer: Hashable, Sendable, Codable {
  /// How long the instance stays in the state before the event fires.
  public enum Delay: Hashable, Sendable, Codable {
    /// A duration written in the file (`24h`).
    case fixed(Period)
    /// A `duration` setting (`settings.phasedInterval`), read when the state is entered.
    case setting(String)
  }

  public var event: Reference
  public var after: Delay
  /// Whether the time counts across every visit to the state (a budget): leaving pauses it,
  /// entering again continues with what is left. Otherwise each entry starts it anew.
  public var total: Bool
  public var location: SourceLocation

  public init(event: Reference, after: Delay, total: Bool = false, location: SourceLocation) {
    self.event = event
    self.after = after
    self.total = total
    self.location = location
  }

  /// The role a transition lists in `allow` to let timers fire it.
  public static let systemRole = "system"
}
