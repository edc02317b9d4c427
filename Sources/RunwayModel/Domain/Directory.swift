/// What the workflows refer to: the records of the domain's kinds (apps, merchants, mini
/// programs: docs/domain.md), each a map of its attributes, and the actors.
public struct Directory: Hashable, Sendable {
  /// A record's attributes by name (its id is its key in `records`).
  public typealias Record = [String: Value]

  /// Kind name → id → record. Actors are kept apart, in `actors`.
  public var records: [String: [String: Record]]
  public var actors: [String: Actor]

  public init(records: [String: [String: Record]] = [:], actors: [String: Actor] = [:]) {
    self.records = records.filter { $0.key != EntityKind.actors.name }
    self.actors = actors
  }

  /// The records of one kind, by id.
  public func records(of kind: String) -> [String: Record] { records[kind] ?? [:] }

  /// The record of this kind and id.
  public func record(_ kind: String, _ id: String) -> Record? { records[kind]?[id] }

  /// Adds or replaces a record.
  public mutating func insert(_ kind: String, _ id: String, _ record: Record) {
    records[kind, default: [:]][id] = record
  }

  /// The ids of one kind's records (actors included).
  public func ids(of kind: String) -> [String] {
    kind == EntityKind.actors.name ? Array(actors.keys) : Array(records[kind]?.keys ?? [:].keys)
  }

  /// Whether a record of this kind and id exists.
  public func contains(_ kind: String, _ id: String) -> Bool {
    kind == EntityKind.actors.name ? actors[id] != nil : records[kind]?[id] != nil
  }

  /// The records with this id, of every kind, with the actor of that id.
  public func records(withID id: String) -> Directory {
    var found = Directory()
    for (kind, byID) in records { if let record = byID[id] { found.insert(kind, id, record) } }
    if let actor = actors[id] { found.actors[id] = actor }
    return found
  }

  /// The ids this directory's records name in their attributes (a mini program's merchant),
  /// which a partial read fetches next.
  public var referencedIDs: Set<String> {
    var ids = Set<String>()
    for byID in records.values {
      for record in byID.values {
        for value in record.values { if case .string(let id) = value { ids.insert(id) } }
      }
    }
    return ids
  }

  /// Adds every record of `other`, replacing records with the same kind and id.
  public mutating func merge(_ other: Directory) {
    for (kind, byID) in other.records { records[kind, default: [:]].merge(byID) { _, new in new } }
    actors.merge(other.actors) { _, new in new }
  }

  /// The number of records of every kind.
  public var count: Int { records.values.reduce(actors.count) { $0 + $1.count } }

  /// The number of records of one kind.
  public func count(of kind: String) -> Int {
    kind == EntityKind.actors.name ? actors.count : records[kind]?.count ?? 0
  }

  /// The value of an attribute of a record, or `nil` when the record does not exist. An
  /// attribute the record does not hold is `null`; with the domain, an empty set or map.
  public func attribute(_ name: String, of kind: String, _ id: String, in domain: Domain? = nil) -> Value? {
    if name == "id" { return contains(kind, id) ? .string(id) : nil }
    if kind == EntityKind.actors.name {
      guard let actor = actors[id] else { return nil }
      switch name {
      case "name": return .string(actor.name ?? id)
      case "email": return actor.email.map(Value.string) ?? .null
      default: return actor.extra[name] ?? .null
      }
    }
    guard let record = records[kind]?[id] else { return nil }
    if let value = record[name] { return value }
    switch domain?.kind(kind)?.attribute(name)?.type {
    case .set: return .set([])
    case .map: return .map([:])
    default: return .null
    }
  }
}

extension Directory: Codable {
  /// Keys are kind names (`apps`, `miniPrograms`, `actors`); each holds records by id.
  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    var records: [String: [String: Record]] = [:]
    var actors: [String: Actor] = [:]
    for key in container.allKeys {
      if key.stringValue == EntityKind.actors.name {
        actors = try container.decode([String: Actor].self, forKey: key)
      } else {
        records[key.stringValue] = try container.decode([String: Record].self, forKey: key)
      }
    }
    self.init(records: records, actors: actors)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    for (kind, byID) in records { try container.encode(byID, forKey: Key(stringValue: kind)) }
    try container.encode(actors, forKey: Key(stringValue: EntityKind.actors.name))
  }
}

/// A person or a script that fires transitions.
public struct Actor: Hashable, Sendable, Codable {
  public var name: String?
  public var email: String?
  public var memberships: [Membership]
  public var extra: [String: Value]
  public init(
    name: String? = nil, email: String? = nil, memberships: [Membership] = [],
    extra: [String: Value] = [:]
  ) {
    self.name = name
    self.email = email
    self.memberships = memberships
    self.extra = extra
  }
}

extension Actor {
  /// An actor from the body its `Codable` form writes, read as a value (the stores read
  /// records with `JSONValueReader`, not `JSONDecoder`): optional `name` and `email`,
  /// `memberships` (each `workspace`, `role`, `assigned`) and `extra`; nil for any other shape.
  public init?(storedBody body: [String: Value]) {
    func text(_ value: Value?) -> String?? {
      switch value {
      case nil, .null?: return .some(nil)
      case .string(let text)?: return .some(text)
      default: return nil
      }
    }
    guard let name = text(body["name"]), let email = text(body["email"]),
      case .list(let items)? = body["memberships"], case .map(let extra)? = body["extra"]
    else { return nil }
    var memberships: [Membership] = []
    for item in items {
      guard case .map(let membership) = item, let workspace = membership["workspace"]?.stringValue,
        let role = membership["role"]?.stringValue, case .list(let assigned)? = membership["assigned"]
      else { return nil }
      let ids = assigned.compactMap(\.stringValue)
      guard ids.count == assigned.count else { return nil }
      memberships.append(Membership(workspace: workspace, role: role, assigned: ids))
    }
    self.init(name: name, email: email, memberships: memberships, extra: extra)
  }
}

/// An actor's role in one workspace, and for restricted roles the records assigned to them.
public struct Membership: Hashable, Sendable, Codable {
  public var workspace: String
  public var role: String
  public var assigned: [String]
  public init(workspace: String, role: String, assigned: [String] = []) {
    self.workspace = workspace
    self.role = role
    self.assigned = assigned
  }
}
