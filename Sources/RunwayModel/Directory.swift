/// What the workflows refer to: apps, merchants, mini programs and actors.
public struct Directory: Hashable, Sendable, Codable {
  public var apps: [String: App]
  public var merchants: [String: Merchant]
  public var miniPrograms: [String: MiniProgram]
  public var actors: [String: Actor]

  public init(
    apps: [String: App] = [:], merchants: [String: Merchant] = [:],
    miniPrograms: [String: MiniProgram] = [:], actors: [String: Actor] = [:]
  ) {
    self.apps = apps
    self.merchants = merchants
    self.miniPrograms = miniPrograms
    self.actors = actors
  }

  /// Whether a record of this kind and id exists.
  public func contains(_ kind: EntityKind, _ id: String) -> Bool {
    switch kind {
    case .apps: return apps[id] != nil
    case .merchants: return merchants[id] != nil
    case .miniPrograms: return miniPrograms[id] != nil
    case .actors: return actors[id] != nil
    }
  }

  /// The ids this directory's records name in their attributes (a mini program's merchant),
  /// which a partial read fetches next.
  public var referencedIDs: Set<String> {
    var ids = Set<String>()
    for program in miniPrograms.values {
      ids.insert(program.merchant)
      for value in program.extra.values { if case .string(let id) = value { ids.insert(id) } }
    }
    return ids
  }

  /// Adds every record of `other`, replacing records with the same kind and id.
  public mutating func merge(_ other: Directory) {
    apps.merge(other.apps) { _, new in new }
    merchants.merge(other.merchants) { _, new in new }
    miniPrograms.merge(other.miniPrograms) { _, new in new }
    actors.merge(other.actors) { _, new in new }
  }

  /// The number of records of every kind.
  public var count: Int { apps.count + merchants.count + miniPrograms.count + actors.count }

  /// The value of an attribute (see `EntityKind.attributes`) of a record, or `nil` when the
  /// record does not exist.
  public func attribute(_ name: String, of kind: EntityKind, _ id: String) -> Value? {
    if name == "id" { return contains(kind, id) ? .string(id) : nil }
    switch kind {
    case .apps:
      guard let app = apps[id] else { return nil }
      return name == "name" ? .string(app.name) : nil
    case .merchants:
      guard let merchant = merchants[id] else { return nil }
      return name == "name" ? .string(merchant.name) : nil
    case .miniPrograms:
      guard let program = miniPrograms[id] else { return nil }
      switch name {
      case "name": return .string(program.name)
      case "merchant": return .string(program.merchant)
      case "versions": return .set(Set(program.versions))
      case "configuration": return .map(program.configuration)
      default: return nil
      }
    case .actors:
      guard let actor = actors[id] else { return nil }
      switch name {
      case "name": return .string(actor.name ?? id)
      case "email": return actor.email.map(Value.string) ?? .null
      default: return nil
      }
    }
  }
}

/// A super app that mini programs are released to; its id is also its tenant workspace.
public struct App: Hashable, Sendable, Codable {
  public var name: String
  public var extra: [String: Value]
  public init(name: String, extra: [String: Value] = [:]) {
    self.name = name
    self.extra = extra
  }
}

/// A merchant that owns mini programs; its id is also its developer workspace.
public struct Merchant: Hashable, Sendable, Codable {
  public var name: String
  public var extra: [String: Value]
  public init(name: String, extra: [String: Value] = [:]) {
    self.name = name
    self.extra = extra
  }
}

/// A mini program: its owner, the versions uploaded and its global configuration.
public struct MiniProgram: Hashable, Sendable, Codable {
  public var name: String
  public var merchant: String
  /// Uploaded versions, in upload order.
  public var versions: [String]
  public var configuration: [String: Value]
  public var extra: [String: Value]
  public init(
    name: String, merchant: String, versions: [String] = [], configuration: [String: Value] = [:],
    extra: [String: Value] = [:]
  ) {
    self.name = name
    self.merchant = merchant
    self.versions = versions
    self.configuration = configuration
    self.extra = extra
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
