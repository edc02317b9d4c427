/// A step of a workflow.
public struct State: Hashable, Sendable, Codable {
  public var name: String
  public var title: String
  public var description: String?
  /// No transition leaves a terminal state.
  public var terminal: Bool
  /// An automatic step run when the state is entered.
  public var task: TaskBinding? {
    get { taskBox?.binding }
    set { taskBox = newValue.map(TaskBox.init) }
  }
  /// `task` behind a reference: a binding is 190 bytes, and most states have none; held
  /// inline, it made every state of a large workflow three times its size (W3,
  /// docs/benchmarks.md).
  private var taskBox: TaskBox?
  public var exposure: Exposure
  public var location: SourceLocation
  /// Where `exposure` was written, for diagnostics about it.
  public var exposureLocation: SourceLocation?
  /// Events the system fires after a time in the state (docs/workflow-format.md, "Timers").
  public var timers: [StateTimer] = []

  public init(
    name: String, title: String, description: String? = nil, terminal: Bool = false,
    task: TaskBinding? = nil, exposure: Exposure = .none, location: SourceLocation,
    exposureLocation: SourceLocation? = nil
  ) {
    self.name = name
    self.title = title
    self.description = description
    self.terminal = terminal
    taskBox = task.map(TaskBox.init)
    self.exposure = exposure
    self.location = location
    self.exposureLocation = exposureLocation
  }

  private enum CodingKeys: String, CodingKey {
    case name, title, description, terminal, task, exposure, location, exposureLocation, timers
  }

  /// Decodes a stored definition; those stored before timers existed have none.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    title = try container.decode(String.self, forKey: .title)
    description = try container.decodeIfPresent(String.self, forKey: .description)
    terminal = try container.decode(Bool.self, forKey: .terminal)
    taskBox = try container.decodeIfPresent(TaskBinding.self, forKey: .task).map(TaskBox.init)
    exposure = try container.decode(Exposure.self, forKey: .exposure)
    location = try container.decode(SourceLocation.self, forKey: .location)
    exposureLocation = try container.decodeIfPresent(SourceLocation.self, forKey: .exposureLocation)
    timers = try container.decodeIfPresent([StateTimer].self, forKey: .timers) ?? []
  }

  /// Encodes `timers` only when there are some, so the digest of a definition without
  /// timers is what it was before they existed.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(title, forKey: .title)
    try container.encodeIfPresent(description, forKey: .description)
    try container.encode(terminal, forKey: .terminal)
    try container.encodeIfPresent(task, forKey: .task)
    try container.encode(exposure, forKey: .exposure)
    try container.encode(location, forKey: .location)
    try container.encodeIfPresent(exposureLocation, forKey: .exposureLocation)
    if !timers.isEmpty { try container.encode(timers, forKey: .timers) }
  }
}

/// A state's task binding, shared by copies of the state; compared and hashed by value.
private final class TaskBox: Hashable, Sendable {
  let binding: TaskBinding

  init(_ binding: TaskBinding) { self.binding = binding }

  static func == (left: TaskBox, right: TaskBox) -> Bool { left.binding == right.binding }
  func hash(into hasher: inout Hasher) { hasher.combine(binding) }
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
  /// How long one attempt of a built-in task may run (`timeout:` of the state); a command's
  /// limit is its own `timeout`. Nil: no limit. Omitted from the canonical form when nil.
  public var timeout: Period?
  public var timeoutLocation: SourceLocation?
  /// Further attempts after a failure (`retries:` of the state); nil: one attempt.
  public var retries: TaskRetries?

  public init(
    name: String, command: CommandTask? = nil, onSuccess: Reference?, onFailure: Reference?,
    location: SourceLocation, timeout: Period? = nil, timeoutLocation: SourceLocation? = nil,
    retries: TaskRetries? = nil
  ) {
    self.name = name
    self.command = command
    self.onSuccess = onSuccess
    self.onFailure = onFailure
    self.location = location
    self.timeout = timeout
    self.timeoutLocation = timeoutLocation
    self.retries = retries
  }

  /// How many times the task runs before its failure outcome.
  public var attempts: Int { retries?.attempts ?? 1 }

  /// How long one attempt may run, in seconds: the state's `timeout`, or a command's own.
  public var limitSeconds: Double? {
    if let command { return command.timeoutSeconds }
    return timeout.map { Double($0.seconds) }
  }

  /// The tasks Runway runs itself, by name (docs/workflow-format.md, "`task` and `on`").
  public static let builtIn: Set<String> = ["build-package"]

  /// The events the engine fires, as the `system` actor, with the task's outcome.
  public static let successEvent = "success"
  public static let failureEvent = "failure"
  /// The event that records a failed attempt when another follows (docs/workflow-format.md,
  /// "Time limits and retries"): the instance stays in the task state.
  public static let retryEvent = "retry"
}
