/// A kind of directory record the domain declares (docs/domain.md): apps, merchants, mini
/// programs. `ref` fields point at records of a kind; expressions navigate its attributes.
public struct EntityKind: Hashable, Sendable {
  /// The plural name workflows and directory files use: `miniPrograms`.
  public var name: String
  /// The singular noun used in messages: "mini program".
  public var noun: String
  /// The plural noun used in messages: "mini programs".
  public var plural: String
  /// Whether a record's id is also a workspace actors hold roles in (apps, merchants).
  public var isWorkspace: Bool
  /// The declared attributes, in declaration order (`id` is implicit).
  public var attributes: [Attribute]
  /// Where the kind is declared, when it came from a file.
  public var location: SourceLocation?

  /// One declared attribute of a kind.
  public struct Attribute: Hashable, Sendable {
    public var name: String
    public var type: ValueType
    /// A record without it is refused on import.
    public var required: Bool
    public var location: SourceLocation?

    public init(_ name: String, _ type: ValueType, required: Bool = false, location: SourceLocation? = nil) {
      self.name = name
      self.type = type
      self.required = required
      self.location = location
    }
  }

  public init(
    name: String, noun: String, plural: String? = nil, isWorkspace: Bool = false, attributes: [Attribute] = [],
    location: SourceLocation? = nil
  ) {
    self.name = name
    self.noun = noun
    self.plural = plural ?? noun + "s"
    self.isWorkspace = isWorkspace
    self.attributes = attributes
    self.location = location
  }

  /// The declared attribute with this name.
  public func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }

  /// The attributes an expression may navigate to through a `ref` of this kind, `id` included.
  public var navigable: [String: ValueType] {
    var types: [String: ValueType] = ["id": .ref(name)]
    for attribute in attributes where types[attribute.name] == nil { types[attribute.name] = attribute.type }
    return types
  }

  /// The kind every domain has: actors are the engine's own (memberships, roles).
  public static let actors = EntityKind(
    name: "actors", noun: "actor", attributes: [Attribute("name", .string), Attribute("email", .string)])
}
