import RunwayModel

/// The attributes an expression may read through a `ref` of `kind` (`miniProgram.merchant`),
/// as the document's domain declares them (docs/domain.md); `id` included.
func entityAttributes(of kind: String, in domain: Domain) -> [String: ValueType] {
  domain.kind(kind)?.navigable ?? [:]
}
