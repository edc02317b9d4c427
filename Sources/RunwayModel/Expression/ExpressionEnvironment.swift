/// The names an expression may use, with their types, for type-checking at load time.
///
/// Names: a bare identifier is a field (`grayscalePercent`); `params.x`, `settings.x`;
/// `actor` (a `ref(actors)`, so `actor.id`, `actor.email`); `state` (the current state's
/// name, a string). A `ref` navigates into the directory by the attributes its kind declares
/// in the domain (`miniProgram.merchant.name`; docs/domain.md).
public struct ExpressionEnvironment: Sendable {
  public var fields: [String: ValueType]
  /// `nil` when params are not in scope (field defaults and checks, choices of task outcomes).
  public var params: [String: ValueType]?
  public var settings: [String: ValueType]
  /// State names, so `state == "typo"` is reported.
  public var states: Set<String>
  /// The kinds `ref` values name and the attributes they navigate to.
  public var domain: Domain

  public init(
    fields: [String: ValueType], params: [String: ValueType]? = nil,
    settings: [String: ValueType] = [:], states: Set<String> = [], domain: Domain = .standard
  ) {
    self.domain = domain
    self.fields = fields
    self.params = params
    self.settings = settings
    self.states = states
  }
}

/// What an expression reads while it is evaluated. Generic use keeps evaluation free of
/// existential dispatch on the engine's hot path.
public protocol EvaluationContext {
  /// The field's current value (`.null` when unset).
  func fieldValue(_ name: String) -> Value
  /// The param's value (`.null` when not given).
  func paramValue(_ name: String) -> Value
  /// The setting's effective value for this instance.
  func settingValue(_ name: String) -> Value
  /// The id of the actor firing the transition.
  var actorID: String { get }
  /// The name of the instance's current state.
  var stateName: String { get }
  /// A directory attribute, or `nil` when the record does not exist.
  func attribute(_ name: String, of kind: String, id: String) -> Value?
}

/// An expression could not be evaluated (an arithmetic overflow, say).
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation
  public init(_ message: String, at location: SourceLocation) {
    self.message = message
    self.location = location
  }
  public var description: String { "\(location): \(message)" }
}
