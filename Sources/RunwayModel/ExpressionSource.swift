/// The text of an expression as written in a workflow file, with where it starts.
public struct ExpressionSource: Hashable, Sendable, Codable, CustomStringConvertible {
  public var text: String
  /// The location of the expression's first character.
  public var location: SourceLocation

  public init(_ text: String, at location: SourceLocation) {
    self.text = text
    self.location = location
  }

  public var description: String { text }
}

/// The text of a Mustache template (notification subject and body, check messages).
public struct TemplateSource: Hashable, Sendable, Codable, CustomStringConvertible {
  public var text: String
  public var location: SourceLocation

  public init(_ text: String, at location: SourceLocation) {
    self.text = text
    self.location = location
  }

  public var description: String { text }
}
