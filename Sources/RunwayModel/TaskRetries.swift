/// How often a state's task is tried before its failure outcome, and how long the engine
/// waits between tries (docs/workflow-format.md, "Time limits and retries").
public struct TaskRetries: Hashable, Sendable, Codable {
  /// How many times the task runs in all, the first run included.
  public var attempts: Int
  /// The wait before the second attempt; each later wait is twice the one before.
  public var backoff: Period
  public var location: SourceLocation

  public init(attempts: Int, backoff: Period, location: SourceLocation) {
    self.attempts = attempts
    self.backoff = backoff
    self.location = location
  }

  /// The wait before attempt `attempt` (2, 3, …): the back-off, doubled for each attempt
  /// after the second, capped at a day so a long list of attempts stays bounded.
  public func delay(before attempt: Int) -> Int {
    let doublings = min(max(attempt - 2, 0), 16)
    return min(backoff.seconds << doublings, Self.longestDelay)
  }

  /// The most attempts a task may declare.
  public static let maximumAttempts = 10
  /// The longest back-off a file may write, and the cap of the doubled waits: one day.
  public static let longestDelay = 86_400
}
