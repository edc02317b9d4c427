/// The kinds of records the directory holds and `ref` fields point at.
public enum EntityKind: String, CaseIterable, Hashable, Sendable, Codable {
  case apps, merchants, miniPrograms, actors

  /// The attributes an expression may navigate to through a `ref` of this kind.
  public var attributes: [String: ValueType] {
    switch self {
    case .apps: return ["id": .ref(.apps), "name": .string]
    case .merchants: return ["id": .ref(.merchants), "name": .string]
    case .miniPrograms:
      return [
        "id": .ref(.miniPrograms), "name": .string, "merchant": .ref(.merchants),
        "versions": .set, "configuration": .map,
      ]
    case .actors: return ["id": .ref(.actors), "name": .string, "email": .string]
    }
  }

  /// The singular noun used in messages: "mini program", "app".
  public var noun: String {
    switch self {
    case .apps: return "app"
    case .merchants: return "merchant"
    case .miniPrograms: return "mini program"
    case .actors: return "actor"
    }
  }
}
