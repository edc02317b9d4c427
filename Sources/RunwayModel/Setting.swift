/// A platform setting a workflow reads (`settings.pilotTestingRequired`), optionally
/// scoped by the value of one of the instance's fields (such as `targetApp`).
public struct Setting: Hashable, Sendable, Codable {
  public var name: String
  public var type: ValueType
  public var defaultValue: Value
  /// The field whose value selects a scoped override; the global value applies otherwise.
  public var scope: String?
  public var description: String?
  public var location: SourceLocation

  public init(
    name: String, type: ValueType, defaultValue: Value, scope: String? = nil,
    description: String? = nil, location: SourceLocation
  ) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.scope = scope
    self.description = description
    self.location = location
  }
}
