/// Type-checks parsed expressions against an environment and resolves their names.
struct ExpressionChecker {
  let source: ExpressionSource
  let environment: ExpressionEnvironment
  var fieldsRead: Set<String> = []
  var paramsRead: Set<String> = []
  var settingsRead: Set<String> = []

  init(source: ExpressionSource, environment: ExpressionEnvironment) {
    self.source = source
    self.environment = environment
  }

  func error(_ message: String, at offset: Int) -> DiagnosticError {
    DiagnosticError([.error(message, at: source.location(ofOffset: offset))])
  }

  static func describe(_ type: ValueType) -> String {
    switch type {
    case .int: return "an int"
    case .enumeration: return "an enum"
    default: return "a \(type)"
    }
  }

  mutating func check(_ syntax: ExpressionSyntax) throws(DiagnosticError) -> (TypedExpression, ValueType) {
    switch syntax {
    case .int(let i, _): return (.literal(.int(i)), .int)
    case .string(let s, _): return (.literal(.string(s)), .string)
    case .bool(let b, _): return (.literal(.bool(b)), .bool)
    case .null: return (.literal(.null), .null)
    case .list(let elements, _):
      var typed: [TypedExpression] = []
      for element in elements {
        let (expression, type) = try check(element)
        guard type.isStringLike else {
          throw error("a list holds strings, but this element is \(Self.describe(type))", at: element.offset)
        }
        typed.append(expression)
      }
      return (.setLiteral(typed), .set)
    case .name(let name, let offset): return try resolve(name, at: offset)
    case .member(let base, let name, let offset): return try member(base, name, offset)
    case .call(let function, let arguments, let offset):
      if function == "nextStep" { return try nextStep(arguments, offset) }
      guard function == "size" else {
        throw error("unknown function \"\(function)\"; the functions are size() and nextStep()", at: offset)
      }
      guard arguments.count == 1 else {
        throw error("size() takes one value", at: offset)
      }
      let (argument, type) = try check(arguments[0])
      switch type {
      case .string, .set, .map, .enumeration, .ref, .null: return (.size(argument), .int)
      default:
        throw error("size() needs a string, a set or a map, not \(Self.describe(type))", at: arguments[0].offset)
      }
    case .unary(let op, let operand, let offset):
      let (typed, type) = try check(operand)
      if op == "!" {
        guard type == .bool else {
          throw error("\"!\" needs a bool, but this is \(Self.describe(type))", at: operand.offset)
        }
        return (.not(typed), .bool)
      }
      guard type == .int else {
        throw error("\"-\" needs an int, but this is \(Self.describe(type))", at: operand.offset)
      }
      return (.negate(typed, offset: offset), .int)
    case .binary(let op, let left, let right, let offset):
      return try binary(op, left, right, offset)
    case .conditional(let condition, let then, let otherwise, _):
      let (c, conditionType) = try check(condition)
      guard conditionType == .bool else {
        throw error(
          "the condition before \"?\" must be a bool, not \(Self.describe(conditionType))", at: condition.offset)
      }
      let (a, aType) = try check(then)
      let (b, bType) = try check(otherwise)
      guard let type = Self.common(aType, bType) else {
        throw error(
          "both branches of \"?:\" must have one type, but they are \(Self.describe(aType)) and \(Self.describe(bType))",
          at: otherwise.offset)
      }
      return (.conditional(c, a, b), type)
    }
  }

  /// `nextStep(steps, percent)`: a string of comma-separated percentages and an int
  /// (docs/workflow-format.md, "Expressions").
  private mutating func nextStep(_ arguments: [ExpressionSyntax], _ offset: Int) throws(DiagnosticError)
    -> (TypedExpression, ValueType)
  {
    guard arguments.count == 2 else {
      throw error("nextStep() takes the steps (a string such as \"1,2,5,100\") and a percentage", at: offset)
    }
    let (steps, stepsType) = try check(arguments[0])
    guard stepsType.isStringLike else {
      throw error("nextStep() needs the steps as a string, not \(Self.describe(stepsType))", at: arguments[0].offset)
    }
    let (percent, percentType) = try check(arguments[1])
    guard percentType == .int else {
      throw error(
        "nextStep() needs the percentage as an int, not \(Self.describe(percentType))", at: arguments[1].offset)
    }
    return (.nextStep(steps, percent, offset: offset), .int)
  }

  /// The type both may be, if any: equal types, null with anything, string-likes as string.
  static func common(_ a: ValueType, _ b: ValueType) -> ValueType? {
    if a == b { return a }
    if a == .null { return b }
    if b == .null { return a }
    if a.isStringLike && b.isStringLike { return .string }
    return nil
  }

  private mutating func resolve(_ name: String, at offset: Int) throws(DiagnosticError) -> (TypedExpression, ValueType)
  {
    switch name {
    case "actor": return (.actor, .ref(EntityKind.actors.name))
    case "state": return (.state, .string)
    case "params", "settings":
      throw error("\"\(name)\" needs a name after it, as in \(name).x", at: offset)
    default:
      guard let type = environment.fields[name] else {
        let candidates = Array(environment.fields.keys) + ["actor", "state", "params", "settings"]
        throw error("unknown field \"\(name)\"" + Suggestion.hint(for: name, among: candidates), at: offset)
      }
      fieldsRead.insert(name)
      return (.field(name), type)
    }
  }

  private mutating func member(_ base: ExpressionSyntax, _ name: String, _ offset: Int) throws(DiagnosticError)
    -> (TypedExpression, ValueType)
  {
    if case .name("params", _) = base {
      guard let params = environment.params else {
        throw error("params are not available here; only a transition's expressions see them", at: base.offset)
      }
      guard let type = params[name] else {
        let known = params.keys.sorted()
        let list = known.isEmpty ? "this transition takes no params" : "its params are \(known.joined(separator: ", "))"
        throw error("unknown param \"\(name)\"" + Suggestion.hint(for: name, among: known) + "; " + list, at: offset)
      }
      paramsRead.insert(name)
      return (.param(name), type)
    }
    if case .name("settings", _) = base {
      guard let type = environment.settings[name] else {
        throw error(
          "unknown setting \"\(name)\"" + Suggestion.hint(for: name, among: environment.settings.keys), at: offset)
      }
      settingsRead.insert(name)
      return (.setting(name), type)
    }
    let (typed, type) = try check(base)
    guard case .ref(let kind) = type else {
      throw error(
        "\"\(name)\" cannot be read from \(Self.describe(type)); only references to the directory have attributes",
        at: offset)
    }
    guard let declared = environment.domain.kind(kind) else {
      throw error(
        "\"\(name)\" cannot be read: the domain declares no kind \"\(kind)\"", at: offset)
    }
    let attributes = declared.navigable
    guard let attributeType = attributes[name] else {
      let known = attributes.keys.sorted()
      throw error(
        "a \(declared.noun) has no attribute \"\(name)\"" + Suggestion.hint(for: name, among: known)
          + "; it has \(known.joined(separator: ", "))", at: offset)
    }
    if name == "id" { return (typed, type) }
    return (.attribute(typed, name, kind: kind), attributeType)
  }

  private mutating func binary(_ op: String, _ left: ExpressionSyntax, _ right: ExpressionSyntax, _ offset: Int)
    throws(DiagnosticError) -> (TypedExpression, ValueType)
  {
    let (l, lType) = try check(left)
    let (r, rType) = try check(right)
    switch op {
    case "&&", "||":
      for (side, type) in [(left, lType), (right, rType)] where type != .bool {
        throw error("\"\(op)\" needs bools, but this is \(Self.describe(type))", at: side.offset)
      }
      return (op == "&&" ? .and(l, r) : .or(l, r), .bool)
    case "==", "!=":
      guard Self.common(lType, rType) != nil else {
        throw error("\(Self.describe(lType)) is never equal to \(Self.describe(rType))", at: offset)
      }
      try checkEnumLiteral(lType, right)
      try checkEnumLiteral(rType, left)
      try checkStateLiteral(l, right)
      try checkStateLiteral(r, left)
      return (.equal(l, r, negated: op == "!="), .bool)
    case "<", "<=", ">", ">=":
      guard (lType == .int && rType == .int) || (lType.isStringLike && rType.isStringLike) else {
        throw error(
          "\"\(op)\" compares two ints or two strings, not \(Self.describe(lType)) and \(Self.describe(rType))",
          at: offset)
      }
      let comparison = TypedExpression.ComparisonOperator(rawValue: op) ?? .less
      return (.compare(comparison, l, r), .bool)
    case "in":
      switch rType {
      case .set, .map:
        guard lType.isStringLike || lType == .null else {
          throw error("\"in\" looks for a string, but this is \(Self.describe(lType))", at: left.offset)
        }
        return (.member(l, r), .bool)
      default:
        throw error("\"in\" needs a set or a map on its right, but this is \(Self.describe(rType))", at: right.offset)
      }
    case "+", "-":
      if lType == .int && rType == .int {
        return (.arithmetic(op == "+" ? .add : .subtract, l, r, offset: offset), .int)
      }
      if op == "+" && lType.isStringLike && rType.isStringLike { return (.concatenate(l, r), .string) }
      if lType == .set && (rType == .set || rType.isStringLike) {
        let element = rType == .set ? r : .setLiteral([r])
        return (op == "+" ? .setUnion(l, element) : .setDifference(l, element), .set)
      }
      throw error("\"\(op)\" cannot combine \(Self.describe(lType)) and \(Self.describe(rType))", at: offset)
    default:
      guard lType == .int && rType == .int else {
        throw error("\"\(op)\" needs ints, not \(Self.describe(lType)) and \(Self.describe(rType))", at: offset)
      }
      let arithmetic = TypedExpression.ArithmeticOperator(rawValue: op) ?? .multiply
      return (.arithmetic(arithmetic, l, r, offset: offset), .int)
    }
  }

  /// `environment == "prod"` is a typo when "prod" is not one of the enum's values.
  private func checkEnumLiteral(_ type: ValueType, _ other: ExpressionSyntax) throws(DiagnosticError) {
    guard case .enumeration(let values) = type, case .string(let literal, let offset) = other,
      !values.contains(literal)
    else { return }
    throw error(
      "\"\(literal)\" is not one of \(values.joined(separator: ", "))" + Suggestion.hint(for: literal, among: values),
      at: offset)
  }

  /// `state == "reviw"` is a typo when there is no such state.
  private func checkStateLiteral(_ typed: TypedExpression, _ other: ExpressionSyntax) throws(DiagnosticError) {
    guard case .state = typed, case .string(let literal, let offset) = other, !environment.states.isEmpty,
      !environment.states.contains(literal)
    else { return }
    throw error(
      "there is no state \"\(literal)\"" + Suggestion.hint(for: literal, among: environment.states), at: offset)
  }
}
