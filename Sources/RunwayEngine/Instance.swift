import Foundation
import RunwayModel

/// One run of a workflow: a release of one mini-program version to one app and environment.
///
/// A value, kept in one shared object that is copied only when a copy changes: an instance
/// passes through a snapshot, a decision, a commit, an outcome and a store's memory on every
/// transition, and each copy of nine properties cost six retains (docs/benchmarks.md, W4).
public struct Instance: Hashable, Sendable, Codable {
  /// The properties; changed only through a reference no other instance holds.
  private final class Storage: @unchecked Sendable {
    var id: String
    var workflow: String
    var definitionDigest: String
    var state: String
    var revision: Int
    var fields: [String: Value]
    var initiator: String
    var createdAt: Date
    var updatedAt: Date

    init(
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

    func copy() -> Storage {
      Storage(
        id: id, workflow: workflow, definitionDigest: definitionDigest, state: state, revision: revision,
        fields: fields, initiator: initiator, createdAt: createdAt, updatedAt: updatedAt)
    }
  }

  private var storage: Storage

  /// The storage, copied first when another instance shares it.
  private var unique: Storage {
    mutating get {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      return storage
    }
  }

  public var id: String {
    get { storage.id }
    set { unique.id = newValue }
  }
  public var workflow: String {
    get { storage.workflow }
    set { unique.workflow = newValue }
  }
  /// The digest of the definition this instance started with (or was migrated to).
  public var definitionDigest: String {
    get { storage.definitionDigest }
    set { unique.definitionDigest = newValue }
  }
  public var state: String {
    get { storage.state }
    set { unique.state = newValue }
  }
  /// Starts at 1 and grows by one with every committed change.
  public var revision: Int {
    get { storage.revision }
    set { unique.revision = newValue }
  }
  public var fields: [String: Value] {
    get { storage.fields }
    set { unique.fields = newValue }
    // In place: a field set through `instance.fields[name]` copies no dictionary.
    _modify { yield &unique.fields }
  }
  /// The actor who started it.
  public var initiator: String {
    get { storage.initiator }
    set { unique.initiator = newValue }
  }
  public var createdAt: Date {
    get { storage.createdAt }
    set { unique.createdAt = newValue }
  }
  public var updatedAt: Date {
    get { storage.updatedAt }
    set { unique.updatedAt = newValue }
  }

  public init(
    id: String, workflow: String, definitionDigest: String, state: String, revision: Int,
    fields: [String: Value], initiator: String, createdAt: Date, updatedAt: Date
  ) {
    storage = Storage(
      id: id, workflow: workflow, definitionDigest: definitionDigest, state: state, revision: revision,
      fields: fields, initiator: initiator, createdAt: createdAt, updatedAt: updatedAt)
  }

  public static func == (left: Instance, right: Instance) -> Bool {
    if left.storage === right.storage { return true }
    return left.id == right.id && left.workflow == right.workflow && left.definitionDigest == right.definitionDigest
      && left.state == right.state && left.revision == right.revision && left.fields == right.fields
      && left.initiator == right.initiator && left.createdAt == right.createdAt && left.updatedAt == right.updatedAt
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(workflow)
    hasher.combine(definitionDigest)
    hasher.combine(state)
    hasher.combine(revision)
    hasher.combine(fields)
    hasher.combine(initiator)
    hasher.combine(createdAt)
    hasher.combine(updatedAt)
  }

  private enum CodingKeys: String, CodingKey {
    case id, workflow, definitionDigest, state, revision, fields, initiator, createdAt, updatedAt
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try container.decode(String.self, forKey: .id),
      workflow: try container.decode(String.self, forKey: .workflow),
      definitionDigest: try container.decode(String.self, forKey: .definitionDigest),
      state: try container.decode(String.self, forKey: .state),
      revision: try container.decode(Int.self, forKey: .revision),
      fields: try container.decode([String: Value].self, forKey: .fields),
      initiator: try container.decode(String.self, forKey: .initiator),
      createdAt: try container.decode(Date.self, forKey: .createdAt),
      updatedAt: try container.decode(Date.self, forKey: .updatedAt))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(workflow, forKey: .workflow)
    try container.encode(definitionDigest, forKey: .definitionDigest)
    try container.encode(state, forKey: .state)
    try container.encode(revision, forKey: .revision)
    try container.encode(fields, forKey: .fields)
    try container.encode(initiator, forKey: .initiator)
    try container.encode(createdAt, forKey: .createdAt)
    try container.encode(updatedAt, forKey: .updatedAt)
  }
}
