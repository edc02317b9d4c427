import Foundation
import RunwayModel

/// One run of a workflow: a release of one mini-program version to one app and environment.
public struct Instance: Hashable, Sendable, Codable {
  public var id: String
  public var workflow: String
  /// The digest of the definition this instance started with (or was migrated to).
  public var definitionDigest: String
  public var state: String
  /// Starts at 1 and grows by one with every committed change.
  public var revision: Int
  public var fields: [String: Value]
  /// The actor who started it.
  public var initiator: String
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String, workflow: String, definitionDigest: String, state: String, revision: Int,
    fields: [String: Value], initiator: String, createdAt: Date, updatedAt: Date
  ) {
    self.id = id
    self.workflow = workflow
    self.definitionDigest = definitionDigest
    self.state = state
    self.revision = revision
    self.fields = fields
    self.initiator = initiator
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}
