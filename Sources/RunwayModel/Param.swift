/// A typed input a transition takes from whoever fires it.
public struct Param: Hashable, Sendable, Codable {
  public var name: String
  public var type: ValueType
  public var title: String?
  public var required: Bool
  public var defaultValue: ExpressionSource?
  public var min: Int?
  public var max: Int?
  public var check: ExpressionSource?
  public var message: TemplateSource?
  public var location: SourceLocation

  public init(
    name: String, type: ValueType, title: String? = nil, required: Bool = false,
    defaultValue: ExpressionSource? = nil, min: Int? = nil, max: Int? = nil,
    check: ExpressionSource? = nil, message: TemplateSource? = nil, location: SourceLocation
  ) {
    self.name = name
    self.type = type
    self.title = title
    self.required = required
    self.defaultValue = defaultValue
    self.min = min
    self.max = max
    self.check = check
    self.message = message
    self.location = location
  }
}
