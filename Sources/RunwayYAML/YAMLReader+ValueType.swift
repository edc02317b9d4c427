import RunwayModel

extension YAMLReader {
  static let typeNames = ["string", "int", "bool", "enum", "set", "map", "ref", "duration"]

  /// A type from `type`, `values` and `entity` (a field, a param, a setting, or an attribute
  /// in domain.yaml). `kinds`: the names an `entity:` may take; nil accepts any name, for
  /// domain.yaml, where kinds refer to each other and are checked once all are read.
  mutating func valueType(_ pairs: Pairs, _ owner: String, at location: SourceLocation, kinds: [String]?)
    -> ValueType?
  {
    guard let typeNode = value(pairs, "type") else {
      error("\(owner) needs a \"type\" (one of \(Self.typeNames.joined(separator: ", ")))", at: location)
      return nil
    }
    guard let type = string(typeNode, "type") else { return nil }
    let values = value(pairs, "values")
    let entity = value(pairs, "entity")
    if type != "enum", let values {
      error("only enum types take \"values\"", at: values.location)
    }
    if type != "ref", let entity {
      error("only ref types take \"entity\"", at: entity.location)
    }
    switch type {
    case "string": return .string
    case "int": return .int
    case "bool": return .bool
    case "set": return .set
    case "map": return .map
    case "duration": return .duration
    case "enum":
      guard let values else {
        error("\(owner) is an enum and needs \"values\"", at: typeNode.location)
        return nil
      }
      return .enumeration(references(values, "an enum value").map(\.name))
    case "ref":
      guard let entity, let name = string(entity, "entity") else {
        if entity == nil { error("\(owner) is a ref and needs an \"entity\"", at: typeNode.location) }
        return nil
      }
      if let kinds, !kinds.contains(name) {
        error(
          "entity must be one of \(kinds.joined(separator: ", ")), not \"\(name)\""
            + Suggestion.hint(for: name, among: kinds), at: entity.location)
        return nil
      }
      return .ref(name)
    default:
      error(
        "type must be one of \(Self.typeNames.joined(separator: ", ")), not \"\(type)\""
          + Suggestion.hint(for: type, among: Self.typeNames), at: typeNode.location)
      return nil
    }
  }
}
