import Foundation
import RunwayModel

/// One committed change of an instance; history is append-only.
///
/// A value kept in one shared object, copied only when a copy changes (as `Instance` is): an
/// entry goes into a commit and an outcome on every transition, and each copy of its nine
/// properties retained each of them (docs/benchmarks.md, W4).
public struct HistoryEntry: Hashable, Sendable, Codable {
  /// The properties; changed only through a reference no other entry holds.
  private final class Parts: @unchecked Sendable {
    var instanceID: String
    var revision: Int
    var event: String
    var from: String?
    var to: String
    var actor: String
    var at: Date
    var params: [String: Value]
    var note: String?

    init(
      instanceID: String, revision: Int, event: String, from: String?, to: String, actor: String, at: Date,
      params: [String: Value], note: String?
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

    func copy() -> Parts {
      Parts(
        instanceID: instanceID, revision: revision, event: event, from: from, to: to, actor: actor, at: at,
        params: params, note: note)
    }
  }

  private var parts: Parts

  /// The parts, copied first when another entry shares them.
  private var unique: Parts {
    mutating get {
      if !isKnownUniquelyReferenced(&parts) { parts = parts.copy() }
      return parts
    }
  }

  public var instanceID: String {
    get { parts.instanceID }
    set { unique.instanceID = newValue }
  }
  /// The instance's revision after this change (1 for the start).
  public var revision: Int {
    get { parts.revision }
    set { unique.revision = newValue }
  }
  /// The event fired; `start` for the start, `migrate` for a migration.
  public var event: String {
    get { parts.event }
    set { unique.event = newValue }
  }
  /// `nil` for the start.
  public var from: String? {
    get { parts.from }
    set { unique.from = newValue }
  }
  public var to: String {
    get { parts.to }
    set { unique.to = newValue }
  }
  public var actor: String {
    get { parts.actor }
    set { unique.actor = newValue }
  }
  public var at: Date {
    get { parts.at }
    set { unique.at = newValue }
  }
  public var params: [String: Value] {
    get { parts.params }
    set { unique.params = newValue }
  }
  /// Free text some entries carry (a task's message, a migration's digests).
  public var note: String? {
    get { parts.note }
    set { unique.note = newValue }
  }

  public init(
    instanceID: String, revision: Int, event: String, from: String?, to: String, actor: String,
    at: Date, params: [String: Value] = [:], note: String? = nil
  ) {
    parts = Parts(
      instanceID: instanceID, revision: revision, event: event, from: from, to: to, actor: actor, at: at,
      params: params, note: note)
  }

  public static func == (left: HistoryEntry, right: HistoryEntry) -> Bool {
    if left.parts === right.parts { return true }
    return left.instanceID == right.instanceID && left.revision == right.revision && left.event == right.event
      && left.from == right.from && left.to == right.to && left.actor == right.actor && left.at == right.at
      && left.params == right.params && left.note == right.note
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(instanceID)
    hasher.combine(revision)
    hasher.combine(event)
    hasher.combine(from)
    hasher.combine(to)
    hasher.combine(actor)
    hasher.combine(at)
    hasher.combine(params)
    hasher.combine(note)
  }

  private enum CodingKeys: String, CodingKey {
    case instanceID, revision, event, from, to, actor, at, params, note
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      instanceID: try container.decode(String.self, forKey: .instanceID),
      revision: try container.decode(Int.self, forKey: .revision),
      event: try container.decode(String.self, forKey: .event),
      from: try container.decodeIfPresent(String.self, forKey: .from),
      to: try container.decode(String.self, forKey: .to),
      actor: try container.decode(String.self, forKey: .actor),
      at: try container.decode(Date.self, forKey: .at),
      params: try container.decode([String: Value].self, forKey: .params),
      note: try container.decodeIfPresent(String.self, forKey: .note))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(instanceID, forKey: .instanceID)
    try container.encode(revision, forKey: .revision)
    try container.encode(event, forKey: .event)
    try container.encodeIfPresent(from, forKey: .from)
    try container.encode(to, forKey: .to)
    try container.encode(actor, forKey: .actor)
    try container.encode(at, forKey: .at)
    try container.encode(params, forKey: .params)
    try container.encodeIfPresent(note, forKey: .note)
  }
}
