/// The parsed, not yet type-checked form of an expression. Offsets index the source text.
indirect enum ExpressionSyntax: Hashable, Sendable {
  case int(Int, offset: Int)
  case string(String, offset: Int)
  case bool(Bool, offset: Int)
  case null(offset: Int)
  case list([ExpressionSyntax], offset: Int)
  case name(String, offset: Int)
  case member(ExpressionSyntax, String, offset: Int)
  case call(String, [ExpressionSyntax], offset: Int)
  case unary(String, ExpressionSyntax, offset: Int)
  case binary(String, ExpressionSyntax, ExpressionSyntax, offset: Int)
  case conditional(ExpressionSyntax, ExpressionSyntax, ExpressionSyntax, offset: Int)

  var offset: Int {
    switch self {
    case .int(_, let o), .string(_, let o), .bool(_, let o), .null(let o), .list(_, let o),
      .name(_, let o), .member(_, _, let o), .call(_, _, let o), .unary(_, _, let o),
      .binary(_, _, _, let o), .conditional(_, _, _, let o):
      return o
    }
  }
}

/// A Pratt parser for the CEL subset: `?:`, `||`, `&&`, relations (`== != < <= > >= in`),
/// `+ -`, `* / %`, unary `! -`, member access and calls.
///
/// The text is at most `InputLimits.expressionLength` characters and the tree at most
/// `InputLimits.expressionDepth` deep: the checker and the evaluator recurse over it, so input
/// must not be able to drive them past the stack (docs/workflow-format.md, "Limits").
struct ExpressionParser {
  private var tokens: [ExpressionToken]
  private var position = 0
  private let lexer: ExpressionLexer
  /// How many of the parser's own recursive calls are open.
  private var nesting = 0

  /// A parsed node and the height of its tree (a leaf is 1).
  private struct Parsed {
    var syntax: ExpressionSyntax
    var height: Int
  }

  init(_ source: ExpressionSource) throws(DiagnosticError) {
    lexer = ExpressionLexer(source: source)
    let length = source.text.count
    guard length <= InputLimits.expressionLength else {
      throw lexer.error(
        "this expression is \(length) characters long; the limit is \(InputLimits.expressionLength)", at: 0)
    }
    tokens = try lexer.tokens()
  }

  /// Parses the whole text as one expression.
  mutating func parse() throws(DiagnosticError) -> ExpressionSyntax {
    if case .end = tokens[0].kind { throw lexer.error("the expression is empty", at: 0) }
    let expression = try conditional()
    guard case .end = current.kind else {
      throw lexer.error("unexpected \(describe(current)) after a complete expression", at: current.offset)
    }
    return expression.syntax
  }

  private var current: ExpressionToken { tokens[position] }

  private mutating func advance() -> ExpressionToken {
    let token = tokens[position]
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  private func isSymbol(_ symbol: String) -> Bool {
    if case .symbol(let s) = current.kind { return s == symbol }
    return false
  }

  private mutating func expect(_ symbol: String) throws(DiagnosticError) {
    guard isSymbol(symbol) else {
      throw lexer.error("expected \"\(symbol)\" but found \(describe(current))", at: current.offset)
    }
    _ = advance()
  }

  private func describe(_ token: ExpressionToken) -> String {
    switch token.kind {
    case .int(let i): return "\(i)"
    case .string(let s): return "\"\(s)\""
    case .identifier(let name): return "\"\(name)\""
    case .symbol(let s): return "\"\(s)\""
    case .end: return "the end of the expression"
    }
  }

  private func tooDeep(at offset: Int) -> DiagnosticError {
    lexer.error("this expression nests more than \(InputLimits.expressionDepth) levels deep", at: offset)
  }

  /// A node over `children`, refused when the tree grows past the depth limit.
  private func node(_ syntax: ExpressionSyntax, _ children: Parsed...) throws(DiagnosticError) -> Parsed {
    try node(syntax, height: children.map(\.height).max() ?? 0)
  }

  private func node(_ syntax: ExpressionSyntax, height childHeight: Int) throws(DiagnosticError) -> Parsed {
    let height = childHeight + 1
    guard height <= InputLimits.expressionDepth else { throw tooDeep(at: syntax.offset) }
    return Parsed(syntax: syntax, height: height)
  }

  /// Counts one more recursive call; the parser recurses only through here and `unary`.
  private mutating func enter() throws(DiagnosticError) {
    nesting += 1
    guard nesting <= InputLimits.expressionDepth else { throw tooDeep(at: current.offset) }
  }

  private mutating func conditional() throws(DiagnosticError) -> Parsed {
    try enter()
    defer { nesting -= 1 }
    let condition = try binary(0)
    guard isSymbol("?") else { return condition }
    let offset = advance().offset
    let then = try conditional()
    try expect(":")
    let otherwise = try conditional()
    return try node(
      .conditional(condition.syntax, then.syntax, otherwise.syntax, offset: offset), condition, then, otherwise)
  }

  private static let precedence: [String: Int] = [
    "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "in": 3,
    "+": 4, "-": 4, "*": 5, "/": 5, "%": 5,
  ]

  /// Each recursive call raises `minimum`, so this recursion is bounded by the five levels.
  private mutating func binary(_ minimum: Int) throws(DiagnosticError) -> Parsed {
    var left = try unary()
    while case .symbol(let op) = current.kind, let level = Self.precedence[op], level > minimum {
      let offset = advance().offset
      let right = try binary(level)
      left = try node(.binary(op, left.syntax, right.syntax, offset: offset), left, right)
    }
    return left
  }

  private mutating func unary() throws(DiagnosticError) -> Parsed {
    if isSymbol("!") || isSymbol("-") {
      try enter()
      defer { nesting -= 1 }
      let token = advance()
      guard case .symbol(let op) = token.kind else { return try postfix() }
      let operand = try unary()
      return try node(.unary(op, operand.syntax, offset: token.offset), operand)
    }
    return try postfix()
  }

  private mutating func postfix() throws(DiagnosticError) -> Parsed {
    var expression = try primary()
    while isSymbol(".") {
      _ = advance()
      let token = advance()
      guard case .identifier(let name) = token.kind else {
        throw lexer.error("expected a name after \".\" but found \(describe(token))", at: token.offset)
      }
      if isSymbol("(") {
        _ = advance()
        try expect(")")
        expression = try node(.call(name, [expression.syntax], offset: token.offset), expression)
      } else {
        expression = try node(.member(expression.syntax, name, offset: token.offset), expression)
      }
    }
    return expression
  }

  /// Comma-separated expressions up to `closing`, which is consumed.
  private mutating func list(until closing: String) throws(DiagnosticError) -> [Parsed] {
    var elements: [Parsed] = []
    if !isSymbol(closing) {
      elements.append(try conditional())
      while isSymbol(",") {
        _ = advance()
        elements.append(try conditional())
      }
    }
    try expect(closing)
    return elements
  }

  private mutating func primary() throws(DiagnosticError) -> Parsed {
    let token = advance()
    switch token.kind {
    case .int(let i): return try node(.int(i, offset: token.offset))
    case .string(let s): return try node(.string(s, offset: token.offset))
    case .identifier("true"): return try node(.bool(true, offset: token.offset))
    case .identifier("false"): return try node(.bool(false, offset: token.offset))
    case .identifier("null"): return try node(.null(offset: token.offset))
    case .identifier(let name):
      if isSymbol("(") {
        _ = advance()
        let arguments = try list(until: ")")
        return try node(
          .call(name, arguments.map(\.syntax), offset: token.offset), height: arguments.map(\.height).max() ?? 0)
      }
      return try node(.name(name, offset: token.offset))
    case .symbol("("):
      let inner = try conditional()
      try expect(")")
      return inner
    case .symbol("["):
      let elements = try list(until: "]")
      return try node(
        .list(elements.map(\.syntax), offset: token.offset), height: elements.map(\.height).max() ?? 0)
    default:
      throw lexer.error("expected a value but found \(describe(token))", at: token.offset)
    }
  }
}
