/// Which users of the target app see the version while an instance is in a state.
public enum Exposure: Hashable, Sendable, Codable {
  /// Nobody yet.
  case none
  /// The user ids in the named `set` field (pilot testers).
  case testers(field: String)
  /// The users whose bucket falls inside the percentage held by the named `int` field.
  case percent(field: String)
  /// Every user.
  case all
}
