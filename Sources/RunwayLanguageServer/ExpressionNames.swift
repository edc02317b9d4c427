/// The names an expression's text uses, with their character offsets: what navigation,
/// rename and completion need, read without parsing so that a half-typed expression still
/// yields its names (the grammar is in docs/workflow-format.md).
struct ExpressionNames {
  /// `a.b.c`: a dotted path of identifiers; `isCall` when the last is a function (`size(x)`).
  struct Path {
    var segments: [(name: String, offset: Int)]
    var isCall: Bool
  }

  /// A string literal; `comparedWithState` when it stands beside `state ==` or `state !=`.
  struct Literal {
    var value: String
    /// Where its first character (after the quote) is.
    var offset: Int
    var comparedWithState: Bool
  }

  var paths: [Path] = []
  var literals: [Literal] = []

  private enum Token {
    case name(String, Int)
    case string(String, Int)
    case symbol(String)
  }

  init(_ text: String) {
    let chars = Array(text)
    var tokens: [Token] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.isLetter || c == "_" {
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
        tokens.append(.name(String(chars[start..<i]), start))
      } else if c == "\"" || c == "'" {
        let start = i + 1
        i += 1
        var value = ""
        while i < chars.count, chars[i] != c {
          if chars[i] == "\\" { i += 1 }
          if i < chars.count { value.append(chars[i]) }
          i += 1
        }
        i += 1
        tokens.append(.string(value, start))
      } else if c.isWhitespace {
        i += 1
      } else {
        let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
        if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
          tokens.append(.symbol(two))
          i += 2
        } else {
          tokens.append(.symbol(String(c)))
          i += 1
        }
      }
    }
    collect(tokens)
  }

  private mutating func collect(_ tokens: [Token]) {
    var index = 0
    while index < tokens.count {
      switch tokens[index] {
      case .name(let name, let offset):
        var segments = [(name, offset)]
        var next = index + 1
        while next + 1 < tokens.count, case .symbol(".") = tokens[next], case .name(let more, let at) = tokens[next + 1]
        {
          segments.append((more, at))
          next += 2
        }
        var isCall = false
        if next < tokens.count, case .symbol("(") = tokens[next] { isCall = true }
        // `x.size()` calls a function on x: the path is x.
        if isCall, segments.count > 1 {
          segments.removeLast()
          isCall = false
        }
        if !["in", "true", "false", "null"].contains(name) || segments.count > 1 {
          paths.append(Path(segments: segments, isCall: isCall))
        }
        index = next
      case .string(let value, let offset):
        literals.append(Literal(value: value, offset: offset, comparedWithState: Self.beside(tokens, index)))
        index += 1
      case .symbol:
        index += 1
      }
    }
  }

  /// Whether the literal at `index` is compared with the bare name `state`.
  private static func beside(_ tokens: [Token], _ index: Int) -> Bool {
    func isState(_ at: Int) -> Bool {
      guard at >= 0, at < tokens.count, case .name("state", _) = tokens[at] else { return false }
      // `x.state` is an attribute, not the current state.
      if at > 0, case .symbol(".") = tokens[at - 1] { return false }
      if at + 1 < tokens.count, case .symbol(".") = tokens[at + 1] { return false }
      return true
    }
    func isEquality(_ at: Int) -> Bool {
      guard at >= 0, at < tokens.count, case .symbol(let op) = tokens[at] else { return false }
      return op == "==" || op == "!="
    }
    return (isEquality(index - 1) && isState(index - 2)) || (isEquality(index + 1) && isState(index + 2))
  }
}
