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
  /// The task's name as the `TaskRunner` knows it (`build-package`); for a command, its program.
  public var name: String
  /// The program a command task runs; nil for a built-in task. Omitted from the canonical
  /// form when nil, so built-in tasks keep their definitions' digests.
  public var command: CommandTask?
  public var onSuccess: Reference?
  public var onFailure: Reference?
  public var location: SourceLocation

  public init(
    name: String, command: CommandTask? = nil, onSuccess: Reference?, onFailure: Reference?,
    location: SourceLocation
  ) {
    self.name = name
    self.command = command
    self.onSuccess = onSuccess
    self.onFailure = onFailure
    self.location = location
  }

  /// The tasks Runway runs itself, by name (docs/workflow-format.md, "`task` and `on`").
  public static let builtIn: Set<String> = ["build-package"]

  /// The events the engine fires, as the `system` actor, with the task's outcome.
  public static let successEvent = "success"
  public static let failureEvent = "failure"
}
