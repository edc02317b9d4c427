/// Which fields name a release's audience for rollout resolution: the app and environment it
/// goes to, the program it releases and the version (docs/workflow-format.md, `rollout`).
/// Together with the states' `exposure`, it is all rollout reads of a workflow.
public struct RolloutDeclaration: Hashable, Sendable, Codable {
  public var app: Reference
  public var environment: Reference
  public var program: Reference
  public var version: Reference
  public var location: SourceLocation

  public init(
    app: Reference, environment: Reference, program: Reference, version: Reference, location: SourceLocation
  ) {
    self.app = app
    self.environment = environment
    self.program = program
    self.version = version
    self.location = location
  }

  /// The four references with their roles, in order.
  public var all: [(role: String, field: Reference)] {
    [("app", app), ("environment", environment), ("program", program), ("version", version)]
  }
}
