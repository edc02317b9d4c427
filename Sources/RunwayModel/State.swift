/// A step of a workflow.
public struct State: Hashable, Sendable, Codable {
  public var name: String
  public var title: String
  public var description: String?
  /// No transition leaves a terminal state.
  public var terminal: Bool
  /// An automatic step run when the state is entered.
  public var task: TaskBinding?
  public var exposure: Exposure
  public var location: SourceLocation
  /// Where `exposure` was written, for diagnostics about it.
  public var exposureLocation: SourceLocation?

  public init(
    name: String, title: String, description: String? = nil, terminal: Bool = false,
    task: TaskBinding? = nil, exposure: Exposure = .none, location: SourceLocation,
    exposureLocation: SourceLocation? = nil
  ) {
    self.name = name
    self.title = title
    self.description = description
    self.terminal = terminal
    self.task = task
    self.exposure = exposure
    self.location = location
    self.exposureLocation = exposureLocation
  }
}

/// The automatic task of a state and the states its outcomes lead to.
public struct TaskBinding: Hashable, Sendable, Codable {
  /// The task's name as the `TaskRunner` knows it (`build-package`).
  public var name: String
  public var onSuccess: Reference?
  public var onFailure: Reference?
  public var location: SourceLocation

  public init(name: String, onSuccess: Reference?, onFailure: Reference?, location: SourceLocation) {
    self.name = name
    self.onSuccess = onSuccess
    self.onFailure = onFailure
    self.location = location
  }

  /// The events the engine fires, as the `system` actor, with the task's outcome.
  public static let successEvent = "success"
  public static let failureEvent = "failure"
}
