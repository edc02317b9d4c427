import Foundation
import RunwayEngine
import RunwayModel

/// The JSON shape of an instance, printed by `start`, `fire`, `show` and `list` and served by
/// the HTTP API (docs/cli.md, "JSON shapes").
public struct InstanceJSON: DirectJSON, Sendable {
  public var id: String
  public var workflow: String
  public var state: String
  public var stateTitle: String?
  public var revision: Int
  public var fields: [String: Value]
  public var events: [String]
  public var initiator: String
  public var createdAt: Date
  public var updatedAt: Date
  public var last: HistoryEntryJSON?
  /// The next timed event, when the state has timers.
  public var next: TimerJSON?

  /// The instance as a caller sees it: effective fields, the events it may fire, the last entry.
  public init(_ view: InstanceView) {
    id = view.instance.id
    workflow = view.instance.workflow
    state = view.instance.state
    stateTitle = view.stateTitle
    revision = view.instance.revision
    fields = view.fields
    events = view.events
    initiator = view.instance.initiator
    createdAt = view.instance.createdAt
    updatedAt = view.instance.updatedAt
    last = view.lastEntry.map(HistoryEntryJSON.init)
    next = view.nextTimer.map(TimerJSON.init)
  }

  /// An instance as a list shows it: stored fields, no events, no last entry.
  public init(listed instance: Instance) {
    id = instance.id
    workflow = instance.workflow
    state = instance.state
    stateTitle = nil
    revision = instance.revision
    fields = instance.fields
    events = []
    initiator = instance.initiator
    createdAt = instance.createdAt
    updatedAt = instance.updatedAt
    last = nil
  }

  /// Written directly (`DirectJSON`): a fire over HTTP answers with it, and `JSONEncoder` was
  /// a tenth of the request (docs/benchmarks.md, W7).
  public func write(to json: inout JSONText) {
    json.raw("{\"createdAt\":")
    json.string(Timestamp.string(createdAt))
    json.raw(",\"events\":")
    json.array(events) { $0.string($1) }
    json.raw(",\"fields\":")
    // As a map value: written by RunwayModel's own code, specialised there; the generic
    // `object` called from here sorted the keys through run-time generics (docs/benchmarks.md, W7).
    json.value(.map(fields))
    json.raw(",\"id\":")
    json.string(id)
    json.raw(",\"initiator\":")
    json.string(initiator)
    if let last {
      json.raw(",\"last\":")
      last.write(to: &json)
    }
    if let next {
      json.raw(",\"next\":")
      next.write(to: &json)
    }
    json.raw(",\"revision\":")
    json.integer(revision)
    json.raw(",\"state\":")
    json.string(state)
    if let stateTitle {
      json.raw(",\"stateTitle\":")
      json.string(stateTitle)
    }
    json.raw(",\"updatedAt\":")
    json.string(Timestamp.string(updatedAt))
    json.raw(",\"workflow\":")
    json.string(workflow)
    json.raw("}")
  }
}
