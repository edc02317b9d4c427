import Crypto
import Foundation

/// A workflow definition as loaded from a file: the data, the states and the transitions.
public struct Workflow: Hashable, Sendable, Codable {
  public var name: String
  public var title: String?
  public var description: String?
  public var fields: [Field]
  /// Tuples of fields no two instances of this workflow may share.
  public var unique: [[Reference]]
  public var settings: [Setting]
  public var roles: [Role]
  /// The roles that may start an instance.
  public var start: [Reference]
  public var initial: Reference
  public var states: [State]
  public var transitions: [Transition]
  public var notifications: [NotificationDefinition]
  /// Which fields rollout resolution reads, when releases of this workflow serve users.
  public var rollout: RolloutDeclaration?
  /// Where the `workflow:` key was written (the file's identity in diagnostics).
  public var location: SourceLocation

  public init(
    name: String, title: String? = nil, description: String? = nil, fields: [Field] = [],
    unique: [[Reference]] = [], settings: [Setting] = [], roles: [Role] = [],
    start: [Reference] = [], initial: Reference, states: [State] = [],
    transitions: [Transition] = [], notifications: [NotificationDefinition] = [],
    location: SourceLocation
  ) {
    self.name = name
    self.title = title
    self.description = description
    self.fields = fields
    self.unique = unique
    self.settings = settings
    self.roles = roles
    self.start = start
    self.initial = initial
    self.states = states
    self.transitions = transitions
    self.notifications = notifications
    self.location = location
  }

  public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
  public func state(_ name: String) -> State? { states.first { $0.name == name } }
  public func role(_ name: String) -> Role? { roles.first { $0.name == name } }
  public func setting(_ name: String) -> Setting? { settings.first { $0.name == name } }
  public func notification(_ name: String) -> NotificationDefinition? {
    notifications.first { $0.name == name }
  }

  /// The transitions declared for an event (one event may have several, from disjoint states).
  public func transitions(for event: String) -> [Transition] {
    transitions.filter { $0.event == event }
  }

  /// The SHA-256 of the definition's canonical JSON form, without source locations:
  /// reformatting or commenting a file keeps its digest, any change of meaning does not.
  public var digest: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.userInfo[.canonicalForm] = true
    // Encoding plain value types with string keys cannot fail.
    let data = (try? encoder.encode(self)) ?? Data()
    return Hex.string(contiguous: SHA256.hash(data: data))
  }
}
