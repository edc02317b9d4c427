import Foundation
import RunwayEngine

/// A running timer as `runway timers list --json` and `show --json` (`next`) print it.
public struct TimerJSON: Encodable, Sendable, Hashable {
  public var instance: String
  public var state: String
  public var event: String
  public var dueAt: Date?

  public init(_ timer: ScheduledTimer) {
    instance = timer.instanceID
    state = timer.state
    event = timer.event
    dueAt = timer.dueAt
  }
}
