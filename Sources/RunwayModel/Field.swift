/// A typed piece of data every instance of a workflow carries.
public struct Field: Hashable, Sendable, Codable {
  public var name: String
  public var type: ValueType
  public var title: String?
  public var required: Bool
  /// Once set at start, the value never changes.
  public var immutable: Bool
  /// Evaluated at start when no value is given.
  public var defaultValue: ExpressionSource?
  /// Bounds: the value for `int`, the number of elements for `set`, the length for `string`.
  public var min: Int?
  public var max: Int?
  /// A bool expression every value must satisfy; `message` explains a failure.
  public var check: ExpressionSource?
  public var message: TemplateSource?
  /// For `map` fields: a map expression (usually from the directory) this field's own
  /// entries overlay key by key; the effective value is the overlay of both.
  public var overlay: ExpressionSource?
  /// For `map` fields: keys whose values are masked when shown.
  public var secretKeys: [String]
  public var location: SourceLocation

  public init(
    name: String, type: ValueType, title: String? = nil, required: Bool = false,
    immutable: Bool = false, defaultValue: ExpressionSource? = nil, min: Int? = nil,
    max: Int? = nil, check: ExpressionSource? = nil, message: TemplateSource? = nil,
    overlay: ExpressionSource? = nil, secretKeys: [String] = [], location: SourceLocation
  ) {
    self.name = name
    self.type = type
    self.title = title
    self.required = required
    self.immutable = immutable
    self.defaultValue = defaultValue
    self.min = min
    self.max = max
    self.check = check
    self.message = message
    self.overlay = overlay
    self.secretKeys = secretKeys
    self.location = location
  }
}
