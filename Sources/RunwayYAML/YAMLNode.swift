import RunwayModel
import Yams

/// A YAML node with the location of its first character, built from Yams' tree within the
/// loader's limits.
indirect enum YAMLNode: Sendable {
  /// A scalar's text, whether it was quoted, and where its content starts.
  case scalar(String, quoted: Bool, location: SourceLocation, contentLocation: SourceLocation)
  case mapping([(key: String, keyLocation: SourceLocation, value: YAMLNode)], location: SourceLocation)
  case sequence([YAMLNode], location: SourceLocation)

  var location: SourceLocation {
    switch self {
    case .scalar(_, _, let location, _), .mapping(_, let location), .sequence(_, let location):
      return location
    }
  }

  /// "a mapping", "a list", "the text "x"" — for messages about the wrong kind of value.
  var kindDescription: String {
    switch self {
    case .scalar(let text, _, _, _): return "\"\(text)\""
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
  }

  /// Parses `text` into a located tree; every failure is a diagnostic with its location.
  static func parse(_ text: String, file: String, limits: LoaderLimits) throws(DiagnosticError)
    -> YAMLNode?
  {
    let start = SourceLocation(file: file, line: 1, column: 1)
    if text.utf8.count > limits.maximumFileSize {
      throw DiagnosticError([
        .error(
          "the file is \(text.utf8.count) bytes, more than the \(limits.maximumFileSize) allowed",
          at: start)
      ])
    }
    if let deep = FlowDepthScan.firstTooDeep(text, limit: limits.maximumDepth) {
      throw DiagnosticError([
        .error("the file nests deeper than \(limits.maximumDepth) levels", at: deep.located(in: file))
      ])
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw DiagnosticError([YAMLErrorTranslation.diagnostic(error, text: text, file: file)])
    } catch {
      throw DiagnosticError([.error("the file cannot be read as YAML: \(error)", at: start)])
    }
    guard let root else { return nil }
    var builder = Builder(
      file: file, lines: text.split(separator: "\n", omittingEmptySubsequences: false), limits: limits)
    return try builder.build(root, depth: 0)
  }

  private struct Builder {
    let file: String
    let lines: [Substring]
    let limits: LoaderLimits
    var nodes = 0

    func location(_ mark: Mark?) -> SourceLocation {
      SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func build(_ node: Node, depth: Int) throws(DiagnosticError) -> YAMLNode {
      nodes += 1
      if nodes > limits.maximumNodes {
        throw DiagnosticError([
          .error(
            "the file expands to more than \(limits.maximumNodes) values (through aliases?); it is refused",
            at: location(node.mark))
        ])
      }
      if depth > limits.maximumDepth {
        throw DiagnosticError([
          .error("the file nests deeper than \(limits.maximumDepth) levels", at: location(node.mark))
        ])
      }
      switch node {
      case .scalar(let scalar):
        let at = location(scalar.mark)
        return .scalar(
          scalar.string, quoted: scalar.style == .singleQuoted || scalar.style == .doubleQuoted,
          location: at, contentLocation: contentLocation(scalar, at))
      case .mapping(let mapping):
        var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
        for (key, value) in mapping {
          guard case .scalar(let keyScalar) = key else {
            throw DiagnosticError([
              .error("a key must be a plain name, not a mapping or a list", at: location(key.mark))
            ])
          }
          pairs.append((keyScalar.string, location(keyScalar.mark), try build(value, depth: depth + 1)))
        }
        return .mapping(pairs, location: location(mapping.mark))
      case .sequence(let sequence):
        var items: [YAMLNode] = []
        for item in sequence { items.append(try build(item, depth: depth + 1)) }
        return .sequence(items, location: location(sequence.mark))
      case .alias(let alias):
        throw DiagnosticError([.error("unresolved alias", at: location(alias.mark))])
      }
    }

    /// Where a scalar's text starts: after the quote, or on the first line of a block.
    func contentLocation(_ scalar: Node.Scalar, _ at: SourceLocation) -> SourceLocation {
      switch scalar.style {
      case .singleQuoted, .doubleQuoted: return at.advanced(by: 1)
      case .literal, .folded:
        var line = at.line  // 1-based: lines[line] is the next line
        while line < lines.count {
          let text = lines[line]
          if let first = text.firstIndex(where: { $0 != " " }) {
            return SourceLocation(
              file: file, line: line + 1, column: text.distance(from: text.startIndex, to: first) + 1)
          }
          line += 1
        }
        return at
      default: return at
      }
    }
  }
}

/// Finds flow collections (`[`, `{`) nested deeper than a limit before the parser's own
/// recursion could be exhausted by them.
enum FlowDepthScan {
  struct Position {
    var line: Int
    var column: Int
    func located(in file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
  }

  static func firstTooDeep(_ text: String, limit: Int) -> Position? {
    var depth = 0
    var line = 1
    var column = 0
    var quote: Character?
    var comment = false
    for character in text {
      column += 1
      if character == "\n" {
        line += 1
        column = 0
        comment = false
        if quote == "'" || quote == "\"" { continue }
        continue
      }
      if comment { continue }
      if let open = quote {
        if character == open { quote = nil }
        continue
      }
      switch character {
      case "\"", "'": quote = character
      case "#": comment = true
      case "[", "{":
        depth += 1
        if depth > limit { return Position(line: line, column: column) }
      case "]", "}": depth = max(0, depth - 1)
      default: break
      }
    }
    return nil
  }
}
