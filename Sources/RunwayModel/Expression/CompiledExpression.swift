/// An expression parsed and type-checked at load time, evaluated at run time.
public struct CompiledExpression: Sendable {
  public let source: ExpressionSource
  public let type: ValueType
  /// The fields, params and settings it reads.
  public let fieldsRead: Set<String>
  public let paramsRead: Set<String>
  public let settingsRead: Set<String>
  let root: TypedExpression

  /// Parses and type-checks `source`; `expected` is the type the place it stands needs.
  public static func compile(
    _ source: ExpressionSource, in environment: ExpressionEnvironment,
    expecting expected: ValueType? = nil
  ) throws(DiagnosticError) -> CompiledExpression {
    var parser = try ExpressionParser(source)
    let syntax = try parser.parse()
    var checker = ExpressionChecker(source: source, environment: environment)
    let (root, type) = try checker.check(syntax)
    if let expected { try Self.match(type, expected, syntax, checker) }
    return CompiledExpression(
      source: source, type: type, fieldsRead: checker.fieldsRead, paramsRead: checker.paramsRead,
      settingsRead: checker.settingsRead, root: root)
  }

  /// The same compiled expression written at another place (same text, same meaning).
  func relocated(to source: ExpressionSource) -> CompiledExpression {
    CompiledExpression(
      source: source, type: type, fieldsRead: fieldsRead, paramsRead: paramsRead, settingsRead: settingsRead,
      root: root)
  }

  private static func match(
    _ type: ValueType, _ expected: ValueType, _ syntax: ExpressionSyntax, _ checker: ExpressionChecker
  ) throws(DiagnosticError) {
    if case .enumeration(let values) = expected, type == .string {
      // Only a literal among the values can be proven to fit an enum.
      if case .string(let literal, let offset) = syntax {
        guard values.contains(literal) else {
          throw checker.error(
            "\"\(literal)\" is not one of \(values.joined(separator: ", "))"
              + Suggestion.hint(for: literal, among: values), at: offset)
        }
        return
      }
      throw checker.error(
        "this expression is a string, but one of \(values.joined(separator: ", ")) is expected here", at: 0)
    }
    guard expected.accepts(type) else {
      throw checker.error(
        "this expression is \(ExpressionChecker.describe(type)), but \(ExpressionChecker.describe(expected)) is expected here",
        at: 0)
    }
  }

  /// Evaluates with the values `context` gives.
  public func evaluate<C: EvaluationContext>(in context: C) throws(EvaluationError) -> Value {
    try Self.evaluate(root, context, source)
  }

  // A static recursive function keeps the hot path free of closures and existentials.
  private static func evaluate<C: EvaluationContext>(
    _ node: TypedExpression, _ context: C, _ source: ExpressionSource
  ) throws(EvaluationError) -> Value {
    switch node {
    case .literal(let value): return value
    case .field(let name): return context.fieldValue(name)
    case .param(let name): return context.paramValue(name)
    case .setting(let name): return context.settingValue(name)
    case .actor: return .string(context.actorID)
    case .state: return .string(context.stateName)
    case .attribute(let base, let name, let kind):
      guard case .string(let id) = try evaluate(base, context, source) else { return .null }
      return context.attribute(name, of: kind, id: id) ?? .null
    case .setLiteral(let elements):
      var set = Set<String>()
      for element in elements {
        if case .string(let s) = try evaluate(element, context, source) { set.insert(s) }
      }
      return .set(set)
    case .not(let operand):
      return .bool(try evaluate(operand, context, source) != .bool(true))
    case .negate(let operand, let offset):
      guard case .int(let i) = try evaluate(operand, context, source) else { return .null }
      let (result, overflow) = (0).subtractingReportingOverflow(i)
      if overflow { throw EvaluationError("the number is too large", at: source.location(ofOffset: offset)) }
      return .int(result)
    case .and(let left, let right):
      guard try evaluate(left, context, source) == .bool(true) else { return .bool(false) }
      return .bool(try evaluate(right, context, source) == .bool(true))
    case .or(let left, let right):
      if try evaluate(left, context, source) == .bool(true) { return .bool(true) }
      return .bool(try evaluate(right, context, source) == .bool(true))
    case .arithmetic(let op, let left, let right, let offset):
      guard case .int(let a) = try evaluate(left, context, source),
        case .int(let b) = try evaluate(right, context, source)
      else { return .null }
      let location = source.location(ofOffset: offset)
      let result: (Int, Bool)
      switch op {
      case .add: result = a.addingReportingOverflow(b)
      case .subtract: result = a.subtractingReportingOverflow(b)
      case .multiply: result = a.multipliedReportingOverflow(by: b)
      case .divide, .remainder:
        if b == 0 { throw EvaluationError("division by zero", at: location) }
        result = op == .divide ? a.dividedReportingOverflow(by: b) : a.remainderReportingOverflow(dividingBy: b)
      }
      if result.1 { throw EvaluationError("the result of \(op.rawValue) is too large", at: location) }
      return .int(result.0)
    case .concatenate(let left, let right):
      let a = try evaluate(left, context, source).stringValue ?? ""
      let b = try evaluate(right, context, source).stringValue ?? ""
      return .string(a + b)
    case .setUnion(let left, let right):
      let a = try evaluate(left, context, source).setValue ?? []
      let b = try evaluate(right, context, source).setValue ?? []
      return .set(a.union(b))
    case .setDifference(let left, let right):
      let a = try evaluate(left, context, source).setValue ?? []
      let b = try evaluate(right, context, source).setValue ?? []
      return .set(a.subtracting(b))
    case .equal(let left, let right, let negated):
      let equal = try evaluate(left, context, source) == evaluate(right, context, source)
      return .bool(equal != negated)
    case .compare(let op, let left, let right):
      let a = try evaluate(left, context, source)
      let b = try evaluate(right, context, source)
      switch (a, b) {
      case (.int(let x), .int(let y)): return .bool(compare(op, x, y))
      case (.string(let x), .string(let y)): return .bool(compare(op, x, y))
      default: return .bool(false)
      }
    case .member(let element, let collection):
      guard case .string(let key) = try evaluate(element, context, source) else { return .bool(false) }
      switch try evaluate(collection, context, source) {
      case .set(let set): return .bool(set.contains(key))
      case .map(let map): return .bool(map[key] != nil)
      default: return .bool(false)
      }
    case .size(let operand):
      switch try evaluate(operand, context, source) {
      case .string(let s): return .int(s.count)
      case .set(let s): return .int(s.count)
      case .map(let m): return .int(m.count)
      case .list(let l): return .int(l.count)
      default: return .int(0)
      }
    case .nextStep(let steps, let percent, let offset):
      let text = try evaluate(steps, context, source).stringValue ?? ""
      let current = try evaluate(percent, context, source).intValue ?? 0
      guard let next = PhasedSteps.next(after: current, in: text) else {
        throw EvaluationError(PhasedSteps.problem(text), at: source.location(ofOffset: offset))
      }
      return .int(next)
    case .conditional(let condition, let then, let otherwise):
      return try evaluate(condition, context, source) == .bool(true)
        ? evaluate(then, context, source) : evaluate(otherwise, context, source)
    }
  }

  private static func compare<T: Comparable>(
    _ op: TypedExpression.ComparisonOperator, _ a: T, _ b: T
  ) -> Bool {
    switch op {
    case .less: return a < b
    case .lessOrEqual: return a <= b
    case .greater: return a > b
    case .greaterOrEqual: return a >= b
    }
  }
}
