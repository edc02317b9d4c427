/// A file of scenario tests for one workflow: the directory and settings they start from and
/// the scenarios, each a list of steps with expectations.
public struct ScenarioFile: Sendable {
  public var path: String
  /// The workflow file the scenarios exercise, resolved against the scenario file's folder.
  public var workflowPath: String
  public var directory: Directory
  public var settings: [ScenarioSetting]
  public var scenarios: [Scenario]
  /// The domain of the workflow's folder, which the directory was checked against.
  public var domain: Domain = .standard

  public init(
    path: String, workflowPath: String, directory: Directory, settings: [ScenarioSetting],
    scenarios: [Scenario]
  ) {
    self.path = path
    self.workflowPath = workflowPath
    self.directory = directory
    self.settings = settings
    self.scenarios = scenarios
  }
}

/// A setting value a scenario starts with.
public struct ScenarioSetting: Sendable, Hashable {
  public var key: String
  public var scope: String?
  public var value: Value
  public init(key: String, scope: String?, value: Value) {
    self.key = key
    self.scope = scope
    self.value = value
  }
}

/// One story through a workflow, run on a fresh store.
public struct Scenario: Sendable {
  public var name: String
  public var settings: [ScenarioSetting]
  public var steps: [ScenarioStep]
  public var location: SourceLocation
  /// How the runs of each task go, in order, by task name; once the list is used up the
  /// task runs as it would outside a scenario.
  public var tasks: [String: [ScenarioTaskRun]] = [:]

  public init(name: String, settings: [ScenarioSetting], steps: [ScenarioStep], location: SourceLocation) {
    self.name = name
    self.settings = settings
    self.steps = steps
    self.location = location
  }
}

/// One action and what must follow from it.
public struct ScenarioStep: Sendable {
  public enum Action: Sendable {
    /// Start an instance, remembered under `label`.
    case start(label: String, fields: [String: Value])
    /// Fire an event on the labelled instance (nil: the last started).
    case fire(event: String, instance: String?, params: [String: Value])
    /// Ask which version users get.
    case resolve(app: String, environment: String, miniProgram: String)
    /// Add or update directory records (a version withdrawn, an actor reassigned).
    case directory(Directory)
    /// Move the virtual clock on and fire every timer that falls due (`advance: 24h`);
    /// the expectation is checked on the labelled instance (nil: the last started).
    case advance(Period, instance: String?)
  }

  public var action: Action
  /// The actor (not used by `resolve`).
  public var actor: String
  public var expectation: ScenarioExpectation
  public var location: SourceLocation

  public init(action: Action, actor: String, expectation: ScenarioExpectation, location: SourceLocation) {
    self.action = action
    self.actor = actor
    self.expectation = expectation
    self.location = location
  }

  /// `fire approve`, `start`, `resolve shop on superpay (production)`.
  public var summary: String {
    switch action {
    case .start(let label, _): return label == "main" ? "start" : "start \(label)"
    case .fire(let event, let instance, _): return "fire \(event)" + (instance.map { " on \($0)" } ?? "")
    case .resolve(let app, let environment, let program): return "resolve \(program) on \(app) (\(environment))"
    case .directory: return "directory"
    case .advance(let period, let instance): return "advance \(period)" + (instance.map { " on \($0)" } ?? "")
    }
  }
}

/// What a step must produce; every given part is checked.
public struct ScenarioExpectation: Sendable {
  public var state: String?
  /// Field values the instance must have (others are not checked); `null` means unset.
  public var fields: [String: Value]
  /// The events each actor may fire afterwards, exactly.
  public var events: [String: [String]]
  /// A refusal of this code (`forbidden`, `rejected`, …) instead of success.
  public var error: String?
  /// A fragment the refusal's sentence contains.
  public var message: String?
  /// The notifications the step writes to the outbox, by name, in order.
  public var notifications: [String]?
  /// For `resolve`: user id → expected version (nil: none) and reason.
  public var resolutions: [String: (version: String?, reason: String?)]

  public init(
    state: String? = nil, fields: [String: Value] = [:], events: [String: [String]] = [:],
    error: String? = nil, message: String? = nil, notifications: [String]? = nil,
    resolutions: [String: (version: String?, reason: String?)] = [:]
  ) {
    self.state = state
    self.fields = fields
    self.events = events
    self.error = error
    self.message = message
    self.notifications = notifications
    self.resolutions = resolutions
  }
}

/// How one run of a task goes in a scenario (docs/scenario-tests.md, "Tasks").
public enum ScenarioTaskRun: String, Sendable, Hashable, CaseIterable {
  /// The task runs as it would outside a scenario.
  case run
  /// The task fails.
  case fail
  /// The task runs past its state's `timeout` (the virtual clock does not wait for it).
  case timeout
}
