import RunwayModel

/// The attributes an expression may read through a `ref` of `kind` (`miniProgram.merchant`).
/// The one place the server asks the model about entity kinds, so that configurable kinds
/// need changing only here.
func entityAttributes(of kind: EntityKind) -> [String: ValueType] { kind.attributes }
