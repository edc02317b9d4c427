import Foundation
import RunwayEngine
import RunwayModel

/// A running timer as `runway timers list --json` and `show --json` (`next`) print it.
public struct TimerJSON: DirectJSON, Sendable, Hashable {
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

  /// The JSON `JSONEncoder` would write (keys sorted, absent optionals left out).
  public func write(to json: inout JSONText) {
    json.raw("{")
    if let dueAt {
      json.raw("\"dueAt\":")
      json.string(Timestamp.string(dueAt))
      json.raw(",")
    }
    json.raw("\"event\":")
    json.string(event)
    json.raw(",\"instance\":")
    json.string(instance)
    json.raw(",\"state\":")
    json.string(state)
    json.raw("}")
  }
}
