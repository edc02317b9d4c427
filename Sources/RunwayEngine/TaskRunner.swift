import RunwayModel

/// Runs the automatic step of a state (the package build) and reports its outcome; the
/// engine then fires `success` or `failure` as the `system` actor.
public protocol TaskRunner: Sendable {
  func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome
  /// The same, knowing the instance's workflow: what its `rollout:` declares and the kinds
  /// its fields name (docs/domain.md). By default, the form without it.
  func run(_ task: String, for instance: Instance, workflow: CompiledWorkflow, directory: Directory) async
    -> TaskOutcome
  /// Whether this runner answers `task` in process without waiting on anything (no I/O, no
  /// sleep): its time limit cannot pass, so the engine sets no timer for it. By default, no.
  func answersAtOnce(_ task: TaskBinding) -> Bool
}

extension TaskRunner {
  public func answersAtOnce(_ task: TaskBinding) -> Bool { false }

  public func run(_ task: String, for instance: Instance, workflow: CompiledWorkflow, directory: Directory) async
    -> TaskOutcome
  {
    await run(task, for: instance, directory: directory)
  }
}

/// What a task did: success or failure, fields to record, and a line for the history.
public struct TaskOutcome: Sendable, Hashable {
  public var succeeded: Bool
  /// Field values to set on the instance with the outcome transition.
  public var fields: [String: Value]
  public var message: String?

  public init(succeeded: Bool, fields: [String: Value] = [:], message: String? = nil) {
    self.succeeded = succeeded
    self.fields = fields
    self.message = message
  }

  public static func failure(_ message: String) -> TaskOutcome {
    TaskOutcome(succeeded: false, message: message)
  }
}
