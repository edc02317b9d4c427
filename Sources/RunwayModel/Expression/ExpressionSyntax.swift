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
struct ExpressionParser {
  private var tokens: [ExpressionToken]
  private var position = 0
  private let lexer: ExpressionLexer

  init(_ source: ExpressionSource) throws(DiagnosticError) {
    lexer = ExpressionLexer(source: source)
    tokens = try lexer.tokens()
  }

  /// Parses the whole text as one expression.
  mutating func parse() throws(DiagnosticError) -> ExpressionSyntax {
    if case .end = tokens[0].kind { throw lexer.error("the expression is empty", at: 0) }
    let expression = try conditional()
    guard case .end = current.kind else {
      throw lexer.error("unexpected \(describe(current)) after a complete expression", at: current.offset)
    }
    return expression
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

  private mutating func conditional() throws(DiagnosticError) -> ExpressionSyntax {
    let condition = try binary(0)
    guard isSymbol("?") else { return condition }
    let offset = advance().offset
    let then = try conditional()
    try expect(":")
    let otherwise = try conditional()
    return .conditional(condition, then, otherwise, offset: offset)
  }

  private static let precedence: [String: Int] = [
    "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "in": 3,
    "+": 4, "-": 4, "*": 5, "/": 5, "%": 5,
  ]

  private mutating func binary(_ minimum: Int) throws(DiagnosticError) -> ExpressionSyntax {
    var left = try unary()
    while case .symbol(let op) = current.kind, let level = Self.precedence[op], level > minimum {
      let offset = advance().offset
      let right = try binary(level)
      left = .binary(op, left, right, offset: offset)
    }
    return left
  }

  private mutating func unary() throws(DiagnosticError) -> ExpressionSyntax {
    if isSymbol("!") || isSymbol("-") {
      let token = advance()
      guard case .symbol(let op) = token.kind else { return try postfix() }
      return .unary(op, try unary(), offset: token.offset)
    }
    return try postfix()
  }

  private mutating func postfix() throws(DiagnosticError) -> ExpressionSyntax {
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
        expression = .call(name, [expression], offset: token.offset)
      } else {
        expression = .member(expression, name, offset: token.offset)
      }
    }
    return expression
  }

  private mutating func primary() throws(DiagnosticError) -> ExpressionSyntax {
    let token = advance()
    switch token.kind {
    case .int(let i): return .int(i, offset: token.offset)
    case .string(let s): return .string(s, offset: token.offset)
    case .identifier("true"): return .bool(true, offset: token.offset)
    case .identifier("false"): return .bool(false, offset: token.offset)
    case .identifier("null"): return .null(offset: token.offset)
    case .identifier(let name):
      if isSymbol("(") {
        _ = advance()
        var arguments: [ExpressionSyntax] = []
        if !isSymbol(")") {
          arguments.append(try conditional())
          while isSymbol(",") {
            _ = advance()
            arguments.append(try conditional())
          }
        }
        try expect(")")
        return .call(name, arguments, offset: token.offset)
      }
      return .name(name, offset: token.offset)
    case .symbol("("):
      let inner = try conditional()
      try expect(")")
      return inner
    case .symbol("["):
      var elements: [ExpressionSyntax] = []
      if !isSymbol("]") {
        elements.append(try conditional())
        while isSymbol(",") {
          _ = advance()
          elements.append(try conditional())
        }
      }
      try expect("]")
      return .list(elements, offset: token.offset)
    default:
      throw lexer.error("expected a value but found \(describe(token))", at: token.offset)
    }
  }
}
