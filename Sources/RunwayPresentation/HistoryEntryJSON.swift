import Foundation
import RunwayEngine
import RunwayModel

/// The JSON shape of a history entry (docs/cli.md, "JSON shapes").
public struct HistoryEntryJSON: DirectJSON, Sendable {
  public var revision: Int
  public var event: String
  public var from: String?
  public var to: String
  public var actor: String
  public var at: Date
  public var params: [String: Value]
  public var note: String?

  public init(_ entry: HistoryEntry) {
    revision = entry.revision
    event = entry.event
    from = entry.from
    to = entry.to
    actor = entry.actor
    at = entry.at
    params = entry.params
    note = entry.note
  }

  /// The JSON `JSONEncoder` would write (keys sorted, absent optionals left out).
  public func write(to json: inout JSONText) {
    json.raw("{\"actor\":")
    json.string(actor)
    json.raw(",\"at\":")
    json.string(Timestamp.string(at))
    json.raw(",\"event\":")
    json.string(event)
    if let from {
      json.raw(",\"from\":")
      json.string(from)
    }
    if let note {
      json.raw(",\"note\":")
      json.string(note)
    }
    json.raw(",\"params\":")
    json.value(.map(params))  // as `InstanceJSON` writes its fields
    json.raw(",\"revision\":")
    json.integer(revision)
    json.raw(",\"to\":")
    json.string(to)
    json.raw("}")
  }
}
