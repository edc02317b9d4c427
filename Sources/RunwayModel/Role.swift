/// A role an actor may hold, bound to the workspace an expression names for each instance,
/// and optionally only for the records listed as assigned to the actor.
public struct Role: Hashable, Sendable, Codable {
  public var name: String
  /// Evaluates to the workspace id (a merchant or an app) the role must be held in.
  public var workspace: ExpressionSource
  /// A `ref` field; when set, the actor's membership must list that field's value as assigned.
  public var assigned: String?
  public var description: String?
  public var location: SourceLocation

  public init(
    name: String, workspace: ExpressionSource, assigned: String? = nil, description: String? = nil,
    location: SourceLocation
  ) {
    self.name = name
    self.workspace = workspace
    self.assigned = assigned
    self.description = description
    self.location = location
  }
}
