import Foundation
import RunwayModel

/// One committed change of an instance; history is append-only.
public struct HistoryEntry: Hashable, Sendable, Codable {
  public var instanceID: String
  /// The instance's revision after this change (1 for the start).
  public var revision: Int
  /// The event fired; `start` for the start, `migrate` for a migration.
  public var event: String
  /// `nil` for the start.
  public var from: String?
  public var to: String
  public var actor: String
  public var at: Date
  public var params: [String: Value]
  /// Free text some entries carry (a task's message, a migration's digests).
  public var note: String?

  public init(
    instanceID: String, revision: Int, event: String, from: String?, to: String, actor: String,
    at: Date, params: [String: Value] = [:], note: String? = nil
  ) {
    self.instanceID = instanceID
    self.revision = revision
    self.event = event
    self.from = from
    self.to = to
    self.actor = actor
    self.at = at
    self.params = params
    self.note = note
  }
}
