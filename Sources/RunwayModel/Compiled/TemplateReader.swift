/// Reads a template into tokens the way swift-mustache's parser does, for the subset Runway
/// allows, so that a compiled template renders exactly what Mustache would: the same lines
/// taken by standalone tags, the same white space kept. Nil for anything outside the subset
/// (partials, blocks, delimiters, pragmas, transforms) or that Mustache refuses.
struct TemplateReader {
  private let chars: [Character]
  private var position = 0

  init(_ chars: [Character]) { self.chars = chars }

  private var reachedEnd: Bool { position == chars.count }
  private var current: Character { reachedEnd ? "\0" : chars[position] }

  /// The tokens up to the end of `section` (or of the text).
  mutating func parse(section: String?, newLine initial: Bool) -> [TemplateToken]? {
    var tokens: [TemplateToken] = []
    var newLine = initial
    var whiteSpaceBefore = ""
    while !reachedEnd {
      if newLine { whiteSpaceBefore = read { $0 == " " || $0 == "\t" } }
      guard let text = readUntilTagOrNewline() else { return nil }
      if current.isNewline {
        tokens.append(.text(whiteSpaceBefore + text + String(current)))
        newLine = true
        position += 1
        continue
      }
      if !text.isEmpty {
        tokens.append(.text(whiteSpaceBefore + text))
        whiteSpaceBefore = ""
        newLine = false
      }
      if reachedEnd { break }
      var standalone = false
      switch current {
      case "#", "^":
        let inverted = current == "^"
        position += 1
        guard let name = readName() else { return nil }
        if newLine && hasLineFinished() {
          standalone = true
        } else if !whiteSpaceBefore.isEmpty {
          tokens.append(.text(whiteSpaceBefore))
          whiteSpaceBefore = ""
        }
        guard let children = parse(section: name, newLine: standalone) else { return nil }
        tokens.append(.section(TemplateName(name), children, inverted: inverted))
      case "/":
        position += 1
        guard let name = readName(), name == section else { return nil }
        if !(newLine && hasLineFinished()), !whiteSpaceBefore.isEmpty {
          tokens.append(.text(whiteSpaceBefore))
        }
        return tokens
      case "!":
        position += 1
        guard skipComment() else { return nil }
        standalone = newLine && hasLineFinished()
      case "{", "&":
        let triple = current == "{"
        if !whiteSpaceBefore.isEmpty {
          tokens.append(.text(whiteSpaceBefore))
          whiteSpaceBefore = ""
        }
        position += 1
        guard let name = readName() else { return nil }
        if triple {
          guard current == "}" else { return nil }
          position += 1
        }
        tokens.append(.variable(TemplateName(name)))
      case ">", "<", "$", "=", "%":
        return nil
      default:
        if !whiteSpaceBefore.isEmpty {
          tokens.append(.text(whiteSpaceBefore))
          whiteSpaceBefore = ""
        }
        guard let name = readName() else { return nil }
        tokens.append(.variable(TemplateName(name)))
      }
      newLine = standalone
    }
    return section == nil ? tokens : nil
  }

  /// Whether only spaces and tabs remain on the line; if so, moves past its end.
  mutating func hasLineFinished() -> Bool {
    if reachedEnd { return true }
    var ahead = position
    while ahead < chars.count, chars[ahead] == " " || chars[ahead] == "\t" { ahead += 1 }
    guard ahead < chars.count, chars[ahead].isNewline else { return false }
    position = ahead + 1
    return true
  }

  private mutating func read(while accepts: (Character) -> Bool) -> String {
    // Appended one by one: `String(_:)` of a slice is a generic call that the runtime resolves
    // with a scan of every conformance in the binary (docs/benchmarks.md, W2).
    var text = ""
    while !reachedEnd, accepts(chars[position]) {
      text.append(chars[position])
      position += 1
    }
    return text
  }

  /// The text before the next `{{` (which is consumed) or line break (which is not).
  private mutating func readUntilTagOrNewline() -> String? {
    var text = ""
    while !reachedEnd {
      text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
      if current.isNewline { break }
      if current == "{" {
        guard position + 2 <= chars.count else { return nil }
        if chars[position + 1] == "{" {
          position += 2
          break
        }
        text.append("{")
        position += 1
      }
    }
    return text
  }

  /// A tag's name and its closing `}}`; nil for a transform or an unfinished tag.
  private mutating func readName() -> String? {
    _ = read(while: \.isWhitespace)
    let name = read(while: Self.isNameCharacter)
    _ = read(while: \.isWhitespace)
    guard position + 2 <= chars.count, chars[position] == "}", chars[position + 1] == "}" else { return nil }
    position += 2
    return name.utf8.contains { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") } ? nil : name
  }

  /// Moves past a comment's closing `}}`, matching as swift-mustache does.
  private mutating func skipComment() -> Bool {
    var matched = 0
    while !reachedEnd {
      if chars[position] == "}" {
        matched += 1
        if matched == 2 {
          position += 1
          return true
        }
      } else {
        matched = 0
      }
      position += 1
    }
    return false
  }

  /// The characters Mustache reads in a name: ASCII letters, digits and `.-_?()*`.
  private static func isNameCharacter(_ character: Character) -> Bool {
    guard let byte = character.asciiValue else { return false }
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "A")...UInt8(ascii: "Z"):
      return true
    default:
      return ".-_?()*".utf8.contains(byte)
    }
  }
}
