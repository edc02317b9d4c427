import RunwayModel
import RunwayYAML

/// What a name in a workflow file declares or refers to.
enum SymbolKind: String, Sendable {
  case state, role, field, param, setting, notification, event
}

/// One declared thing: params belong to the transition at `scope` (its index in the file).
struct SymbolKey: Hashable, Sendable {
  var kind: SymbolKind
  var name: String
  var scope: Int?
}

/// A place where a name is written.
struct Occurrence: Sendable {
  var key: SymbolKey
  var location: SourceLocation
  var isDeclaration: Bool
  var length: Int { key.name.count }
}

/// An expression written in the file, with what it may read (see `ExpressionEnvironment`).
struct ExpressionSite: Sendable {
  var source: ExpressionSource
  /// The transition whose params it sees; nil outside transitions.
  var transition: Int?
  var expecting: ValueType?
}

/// A template written in the file and where it stands.
struct TemplateSite: Sendable {
  var source: TemplateSource
  var transition: Int?
  /// The notification it belongs to, which sees `state`, `event`, `actor`… as well as fields.
  var notification: String?
}

/// Every declaration and reference of a draft, by place: the ground of definition,
/// references, rename and hover. Built on the first request, not on every keystroke (W9).
struct SymbolIndex: Sendable {
  private(set) var occurrences: [Occurrence] = []
  private(set) var expressions: [ExpressionSite] = []
  private(set) var templates: [TemplateSite] = []
  /// Occurrences by 1-based line, for lookups at a cursor.
  private var byLine: [Int: [Int]] = [:]

  init(_ analysis: DocumentAnalysis) {
    guard let workflow = analysis.workflow else { return }
    var builder = SymbolIndexBuilder(document: analysis.document, workflow: workflow, root: analysis.draft?.root)
    builder.build()
    occurrences = builder.occurrences
    expressions = builder.expressions
    templates = builder.templates
    for (index, occurrence) in occurrences.enumerated() { byLine[occurrence.location.line, default: []].append(index) }
  }

  /// The occurrence under a cursor (1-based line and column); the end of a name counts.
  func occurrence(line: Int, column: Int) -> Occurrence? {
    byLine[line]?.lazy.map { occurrences[$0] }.first {
      $0.location.column <= column && column <= $0.location.column + $0.length
    }
  }

  func occurrences(of key: SymbolKey) -> [Occurrence] { occurrences.filter { $0.key == key } }

  func declarations(of key: SymbolKey) -> [Occurrence] { occurrences(of: key).filter(\.isDeclaration) }

  /// The expression whose text covers a cursor, with the character offset in its text.
  func expression(line: Int, column: Int) -> (site: ExpressionSite, offset: Int)? {
    for site in expressions {
      if let offset = Self.offset(of: line, column, in: site.source.text, at: site.source.location) {
        return (site, offset)
      }
    }
    return nil
  }

  /// The template whose text covers a cursor, with the character offset in its text.
  func template(line: Int, column: Int) -> (site: TemplateSite, offset: Int)? {
    for site in templates {
      if let offset = Self.offset(of: line, column, in: site.source.text, at: site.source.location) {
        return (site, offset)
      }
    }
    return nil
  }

  /// Where text starting at `start` puts a cursor, when it does (later lines of a block
  /// scalar start at the first line's column).
  static func offset(of line: Int, _ column: Int, in text: String, at start: SourceLocation) -> Int? {
    var current = (line: start.line, column: start.column)
    var offset = 0
    for character in text {
      if current.line == line, current.column == column { return offset }
      if character == "\n" {
        current = (current.line + 1, start.column)
      } else {
        current.column += 1
      }
      offset += 1
    }
    return current.line == line && current.column == column ? offset : nil
  }

  /// The location of the character `offset` into text that starts at `start`.
  static func location(ofOffset offset: Int, in text: String, at start: SourceLocation) -> SourceLocation {
    var location = start
    for character in text.prefix(offset) {
      if character == "\n" {
        location = SourceLocation(start.source, line: location.line + 1, column: start.column)
      } else {
        location.column += 1
      }
    }
    return location
  }
}
