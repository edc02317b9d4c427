/// The directory's entity kinds, as `domain.yaml` declares them next to the workflows
/// (docs/domain.md). Without that file, `Domain.standard` applies: apps, merchants and mini
/// programs as Runway has always had them.
public struct Domain: Hashable, Sendable {
  /// The declared kinds, in declaration order; actors are not among them (see `kind(_:)`).
  public let kinds: [EntityKind]
  private let byName: [String: EntityKind]

  public init(kinds: [EntityKind]) {
    self.kinds = kinds
    var byName = [EntityKind.actors.name: EntityKind.actors]
    for kind in kinds where byName[kind.name] == nil { byName[kind.name] = kind }
    self.byName = byName
  }

  /// A declared kind, or the built-in `actors`.
  public func kind(_ name: String) -> EntityKind? { byName[name] }

  /// Every kind name a `ref` may name: the declared ones, then `actors`.
  public var kindNames: [String] { kinds.map(\.name) + [EntityKind.actors.name] }

  /// The kinds whose records are workspaces.
  public var workspaceKinds: [EntityKind] { kinds.filter(\.isWorkspace) }

  /// The kinds whose records may be assigned to an actor in a membership.
  public var assignableKinds: [EntityKind] { kinds.filter { !$0.isWorkspace } }

  /// The noun of a kind for messages, or its name when it is not declared.
  public func noun(of kind: String) -> String { byName[kind]?.noun ?? kind }

  /// Apps and merchants (workspaces) and mini programs, with today's attributes.
  public static let standard = Domain(kinds: [
    EntityKind(
      name: "apps", noun: "app", isWorkspace: true, attributes: [.init("name", .string, required: true)]),
    EntityKind(
      name: "merchants", noun: "merchant", isWorkspace: true, attributes: [.init("name", .string, required: true)]),
    EntityKind(
      name: "miniPrograms", noun: "mini program",
      attributes: [
        .init("name", .string, required: true), .init("merchant", .ref("merchants"), required: true),
        .init("versions", .set), .init("configuration", .map),
      ]),
  ])
}
