import RunwayModel
import Yams

/// Yams' errors as one located sentence.
enum YAMLErrorTranslation {
  static func diagnostic(_ error: YamlError, text: String, file: String) -> Diagnostic {
    func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let while_ = context.map { " \($0.text)" } ?? ""
      return .error("malformed YAML: \(problem)\(while_)", at: at(mark))
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? "?"
      let second = secondOccurrence(of: key, after: context.mark, in: text)
      return .error(
        "duplicate key \"\(key)\"; a key may appear once in a mapping (first at line \(context.mark.line))",
        at: second.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
          ?? at(context.mark))
    case .reader(let problem, let offset, _, _):
      return .error(
        "the file cannot be read: \(problem)\(offset.map { " at byte \($0)" } ?? "")",
        at: SourceLocation(file: file, line: 1, column: 1))
    default:
      return .error("the file cannot be read as YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
    }
  }

  /// The next line after `mark` that holds `key:` at the same column (block mappings).
  static func secondOccurrence(of key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard mark.line >= 1 else { return nil }
    var index = mark.line  // the line after the first occurrence (0-based index)
    while index < lines.count {
      let line = lines[index]
      let indent = line.prefix { $0 == " " }.count
      let rest = line.dropFirst(indent)
      if indent + 1 == mark.column {
        for candidate in [key + ":", "\"\(key)\":", "'\(key)':"] where rest.hasPrefix(candidate) {
          return (index + 1, indent + 1)
        }
      }
      if indent + 1 < mark.column && !rest.isEmpty && !rest.hasPrefix("#") { return nil }
      index += 1
    }
    return nil
  }
}
