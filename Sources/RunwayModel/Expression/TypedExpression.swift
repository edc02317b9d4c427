/// A type-checked expression with every name resolved, ready to evaluate.
indirect enum TypedExpression: Sendable {
  case literal(Value)
  case field(String)
  case param(String)
  case setting(String)
  case actor
  case state
  /// A directory attribute of the record a `ref` value names.
  case attribute(TypedExpression, String, kind: String)
  case setLiteral([TypedExpression])
  case not(TypedExpression)
  case negate(TypedExpression, offset: Int)
  case and(TypedExpression, TypedExpression)
  case or(TypedExpression, TypedExpression)
  case arithmetic(ArithmeticOperator, TypedExpression, TypedExpression, offset: Int)
  case concatenate(TypedExpression, TypedExpression)
  case setUnion(TypedExpression, TypedExpression)
  case setDifference(TypedExpression, TypedExpression)
  case equal(TypedExpression, TypedExpression, negated: Bool)
  case compare(ComparisonOperator, TypedExpression, TypedExpression)
  case member(TypedExpression, TypedExpression)
  case size(TypedExpression)
  /// `nextStep(steps, percent)`: the first of comma-separated percentages above `percent`.
  case nextStep(TypedExpression, TypedExpression, offset: Int)
  case conditional(TypedExpression, TypedExpression, TypedExpression)

  enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
  }

  enum ComparisonOperator: String, Sendable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
  }
}
