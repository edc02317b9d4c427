import Foundation
import RunwayEngine
import RunwayModel

/// The JSON shape of a history entry (docs/cli.md, "JSON shapes").
public struct HistoryEntryJSON: Encodable, Sendable {
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
}
