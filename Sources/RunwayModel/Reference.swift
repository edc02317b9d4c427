/// A name written in a workflow file that refers to something declared elsewhere in it
/// (a state, a role, a field, a notification, an event), with where it was written.
public struct Reference: Hashable, Sendable, Codable, CustomStringConvertible {
  public var name: String
  public var location: SourceLocation

  public init(_ name: String, at location: SourceLocation) {
    self.name = name
    self.location = location
  }

  public var description: String { name }
}
