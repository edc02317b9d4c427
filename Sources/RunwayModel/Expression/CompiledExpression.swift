/// An expression parsed and type-checked at load time, evaluated at run time. 24 bytes: the
/// use's place and a reference to what every use of the same text shares (the parse, the
/// type, the names read), where holding those inline took 88 bytes in every choice and
/// assignment of a large workflow (docs/benchmarks.md, "W3, loading").
public struct CompiledExpression: Sendable {
  private let body: Body
  /// Where this use of the expression starts.
  public let location: SourceLocation

  /// The parsed and type-checked text, shared by every place that writes it.
  private final class Body: Sendable {
    let text: String
    let type: ValueType
    let fieldsRead: Set<String>
    let paramsRead: Set<String>
    let settingsRead: Set<String>
    let root: TypedExpression

    init(
      text: String, type: ValueType, fieldsRead: Set<String>, paramsRead: Set<String>, settingsRead: Set<String>,
      root: TypedExpression
    ) {
      self.text = text
      self.type = type
      self.fieldsRead = fieldsRead
      self.paramsRead = paramsRead
      self.settingsRead = settingsRead
      self.root = root
    }
  }

  private init(body: Body, location: SourceLocation) {
    self.body = body
    self.location = location
  }

  public var source: ExpressionSource { ExpressionSource(body.text, at: location) }
  public var type: ValueType { body.type }
  /// The fields, params and settings it reads.
  public var fieldsRead: Set<String> { body.fieldsRead }
  public var paramsRead: Set<String> { body.paramsRead }
  public var settingsRead: Set<String> { body.settingsRead }

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
    let body = Body(
      text: source.text, type: type, fieldsRead: checker.fieldsRead, paramsRead: checker.paramsRead,
      settingsRead: checker.settingsRead, root: root)
    return CompiledExpression(body: body, location: source.location)
  }

  /// The same compiled expression written at another place (same text, same meaning).
  func relocated(to source: ExpressionSource) -> CompiledExpression {
    CompiledExpression(body: body, location: source.location)
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
    try Self.evaluate(body.root, context, self)
  }

  // A static recursive function keeps the hot path free of closures and existentials.
  private static func evaluate<C: EvaluationContext>(
    _ node: TypedExpression, _ context: C, _ expression: CompiledExpression
  ) throws(EvaluationError) -> Value {
    switch node {
    case .literal(let value): return value
    case .field(let name): return context.fieldValue(name)
    case .param(let name): return context.paramValue(name)
    case .setting(let name): return context.settingValue(name)
    case .actor: return .string(context.actorID)
    case .state: return .string(context.stateName)
    case .attribute(let base, let name, let kind):
      guard case .string(let id) = try evaluate(base, context, expression) else { return .null }
      return context.attribute(name, of: kind, id: id) ?? .null
    case .setLiteral(let elements):
      var set = Set<String>()
      for element in elements {
        if case .string(let s) = try evaluate(element, context, expression) { set.insert(s) }
      }
      return .set(set)
    case .not(let operand):
      return .bool(try evaluate(operand, context, expression) != .bool(true))
    case .negate(let operand, let offset):
      guard case .int(let i) = try evaluate(operand, context, expression) else { return .null }
      let (result, overflow) = (0).subtractingReportingOverflow(i)
      if overflow { throw EvaluationError("the number is too large", at: expression.source.location(ofOffset: offset)) }
      return .int(result)
    case .and(let left, let right):
      guard try evaluate(left, context, expression) == .bool(true) else { return .bool(false) }
      return .bool(try evaluate(right, context, expression) == .bool(true))
    case .or(let left, let right):
      if try evaluate(left, context, expression) == .bool(true) { return .bool(true) }
      return .bool(try evaluate(right, context, expression) == .bool(true))
    case .arithmetic(let op, let left, let right, let offset):
      guard case .int(let a) = try evaluate(left, context, expression),
        case .int(let b) = try evaluate(right, context, expression)
      else { return .null }
      let result: (Int, Bool)
      switch op {
      case .add: result = a.addingReportingOverflow(b)
      case .subtract: result = a.subtractingReportingOverflow(b)
      case .multiply: result = a.multipliedReportingOverflow(by: b)
      case .divide, .remainder:
        if b == 0 { throw EvaluationError("division by zero", at: expression.source.location(ofOffset: offset)) }
        result = op == .divide ? a.dividedReportingOverflow(by: b) : a.remainderReportingOverflow(dividingBy: b)
      }
      if result.1 {
        throw EvaluationError(
          "the result of \(op.rawValue) is too large", at: expression.source.location(ofOffset: offset))
      }
      return .int(result.0)
    case .concatenate(let left, let right):
      let a = try evaluate(left, context, expression).stringValue ?? ""
      let b = try evaluate(right, context, expression).stringValue ?? ""
      return .string(a + b)
    case .setUnion(let left, let right):
      let a = try evaluate(left, context, expression).setValue ?? []
      let b = try evaluate(right, context, expression).setValue ?? []
      return .set(a.union(b))
    case .setDifference(let left, let right):
      let a = try evaluate(left, context, expression).setValue ?? []
      let b = try evaluate(right, context, expression).setValue ?? []
      return .set(a.subtracting(b))
    case .equal(let left, let right, let negated):
      let equal = try evaluate(left, context, expression) == evaluate(right, context, expression)
      return .bool(equal != negated)
    case .compare(let op, let left, let right):
      let a = try evaluate(left, context, expression)
      let b = try evaluate(right, context, expression)
      switch (a, b) {
      case (.int(let x), .int(let y)): return .bool(compare(op, x, y))
      case (.string(let x), .string(let y)): return .bool(compare(op, x, y))
      default: return .bool(false)
      }
    case .member(let element, let collection):
      guard case .string(let key) = try evaluate(element, context, expression) else { return .bool(false) }
      switch try evaluate(collection, context, expression) {
      case .set(let set): return .bool(set.contains(key))
      case .map(let map): return .bool(map[key] != nil)
      default: return .bool(false)
      }
    case .size(let operand):
      switch try evaluate(operand, context, expression) {
      case .string(let s): return .int(s.count)
      case .set(let s): return .int(s.count)
      case .map(let m): return .int(m.count)
      case .list(let l): return .int(l.count)
      default: return .int(0)
      }
    case .nextStep(let steps, let percent, let offset):
      let text = try evaluate(steps, context, expression).stringValue ?? ""
      let current = try evaluate(percent, context, expression).intValue ?? 0
      guard let next = PhasedSteps.next(after: current, in: text) else {
        throw EvaluationError(PhasedSteps.problem(text), at: expression.source.location(ofOffset: offset))
      }
      return .int(next)
    case .conditional(let condition, let then, let otherwise):
      return try evaluate(condition, context, expression) == .bool(true)
        ? evaluate(then, context, expression) : evaluate(otherwise, context, expression)
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
