/// One token of an expression, with its character offset in the source text.
struct ExpressionToken: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    case int(Int)
    case string(String)
    case identifier(String)
    /// Operators and punctuation: `( ) [ ] , . ? : ! - + * / % == != < <= > >= && || in`.
    case symbol(String)
    case end
  }

  var kind: Kind
  var offset: Int
}

/// Splits expression text into tokens; an unexpected character is a located diagnostic.
struct ExpressionLexer {
  let source: ExpressionSource

  func tokens() throws(DiagnosticError) -> [ExpressionToken] {
    let chars = Array(source.text)
    var tokens: [ExpressionToken] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.isSpace {
        i += 1
        continue
      }
      let start = i
      if c.isDigit {
        var digits = ""
        while i < chars.count, chars[i].isDigit {
          digits.append(chars[i])
          i += 1
        }
        guard let value = Int(digits) else {
          throw error("the number \(digits) is too large", at: start)
        }
        tokens.append(ExpressionToken(kind: .int(value), offset: start))
        continue
      }
      if c.isNameStart {
        var name = ""
        while i < chars.count, chars[i].isNameStart || chars[i].isDigit {
          name.append(chars[i])
          i += 1
        }
        tokens.append(
          ExpressionToken(kind: name == "in" ? .symbol("in") : .identifier(name), offset: start))
        continue
      }
      if c == "\"" || c == "'" {
        i += 1
        var text = ""
        var closed = false
        while i < chars.count {
          let d = chars[i]
          if d == c {
            closed = true
            i += 1
            break
          }
          if d == "\\" {
            guard i + 1 < chars.count else { break }
            let escaped = chars[i + 1]
            switch escaped {
            case "n": text.append("\n")
            case "t": text.append("\t")
            case "\\", "\"", "'": text.append(escaped)
            default: throw error("unknown escape \\\(escaped) in a string", at: i)
            }
            i += 2
            continue
          }
          text.append(d)
          i += 1
        }
        guard closed else { throw error("this string is not closed with \(c)", at: start) }
        tokens.append(ExpressionToken(kind: .string(text), offset: start))
        continue
      }
      let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
      if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
        tokens.append(ExpressionToken(kind: .symbol(two), offset: start))
        i += 2
        continue
      }
      if "()[],.?:!-+*/%<>".contains(c) {
        tokens.append(ExpressionToken(kind: .symbol(String(c)), offset: start))
        i += 1
        continue
      }
      if c == "=" { throw error("use == to compare", at: start) }
      if c == "&" || c == "|" { throw error("use \(c)\(c) for a logical operator", at: start) }
      throw error("unexpected character \"\(c)\"", at: start)
    }
    tokens.append(ExpressionToken(kind: .end, offset: chars.count))
    return tokens
  }

  func error(_ message: String, at offset: Int) -> DiagnosticError {
    DiagnosticError([.error(message, at: source.location(ofOffset: offset))])
  }
}

extension ExpressionSource {
  /// The location of the character at `offset` in the text, across lines.
  func location(ofOffset offset: Int) -> SourceLocation { location.advanced(through: text, offset) }
}

extension TemplateSource {
  /// The location of the character at `offset` in the text, across lines.
  func location(ofOffset offset: Int) -> SourceLocation { location.advanced(through: text, offset) }

  /// The locations of ascending `offsets`, in one pass over the text: a template with
  /// thousands of tags must not walk it once per tag.
  func locations(ofAscending offsets: [Int]) -> [SourceLocation] {
    var result: [SourceLocation] = []
    result.reserveCapacity(offsets.count)
    var line = location.line
    var column = location.column
    var next = 0
    for (index, character) in text.enumerated() {
      while next < offsets.count, offsets[next] <= index {
        result.append(SourceLocation(location.source, line: line, column: column))
        next += 1
      }
      if next == offsets.count { break }
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    while next < offsets.count {
      result.append(SourceLocation(location.source, line: line, column: column))
      next += 1
    }
    return result
  }
}

extension SourceLocation {
  /// Where the character `offset` characters into `text` stands, when `text` starts here.
  func advanced(through text: String, _ offset: Int) -> SourceLocation {
    var line = self.line
    var column = self.column
    for (index, character) in text.enumerated() where index < offset {
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return SourceLocation(source, line: line, column: column)
  }
}

/// The lexer's character classes, answered from the byte for ASCII (nearly every expression)
/// and by Unicode properties otherwise, which cost a table lookup per character.
extension Character {
  fileprivate var isSpace: Bool {
    guard let byte = asciiValue else { return isWhitespace }
    return byte == 0x20 || (0x09...0x0D).contains(byte)
  }

  fileprivate var isDigit: Bool {
    guard let byte = asciiValue else { return isNumber }
    return (0x30...0x39).contains(byte)
  }

  fileprivate var isNameStart: Bool {
    guard let byte = asciiValue else { return isLetter }
    return (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || byte == 0x5F
  }
}
