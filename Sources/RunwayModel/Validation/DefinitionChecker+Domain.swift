extension DefinitionChecker {
  /// Every `ref` names a kind the domain declares (docs/domain.md). The loader reports this
  /// at the `entity:` value; a stored definition compiled again against a changed domain
  /// reaches only this check, at the declaration.
  mutating func checkEntityReferences() {
    var typed: [(owner: String, type: ValueType, location: SourceLocation)] = []
    typed += definition.fields.map { ("field \"\($0.name)\"", $0.type, $0.location) }
    typed += definition.settings.map { ("setting \"\($0.name)\"", $0.type, $0.location) }
    for index in definition.transitions.indices {
      typed += definition.transitions[index].params.map { ("param \"\($0.name)\"", $0.type, $0.location) }
    }
    for (owner, type, location) in typed {
      guard case .ref(let kind) = type, domain.kind(kind) == nil else { continue }
      let kinds = domain.kindNames
      error(
        "\(owner) refers to \"\(kind)\", which the domain does not declare; entity must be one of "
          + kinds.joined(separator: ", ") + Suggestion.hint(for: kind, among: kinds), at: location)
    }
  }
}
