import RunwayModel

/// A YAML node with the location of its first character, built from libyaml's events within
/// the loader's limits (see `YAMLComposer`). Public so that tools reading a draft (the
/// language server) can find what the workflow model does not keep, such as a field's
/// description.
public indirect enum YAMLNode: Sendable {
  /// A scalar's text, whether it was quoted, and where its content starts.
  case scalar(String, quoted: Bool, location: SourceLocation, contentLocation: SourceLocation)
  case mapping([(key: String, keyLocation: SourceLocation, value: YAMLNode)], location: SourceLocation)
  case sequence([YAMLNode], location: SourceLocation)

  /// Where the node starts.
  public var location: SourceLocation {
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
  /// The root's `sections` go to `entry` entry by entry instead, after `sizing` got an
  /// estimate of their size (see `YAMLComposer`).
  static func parse(
    _ text: String, file: String, limits: LoaderLimits, streaming sections: [String] = [],
    sizing: (_ section: String, _ entries: Int) -> Void = { _, _ in },
    entry: (_ section: String, _ pair: YAMLComposer.Pair) -> Void = { _, _ in }
  ) throws(DiagnosticError) -> YAMLNode? {
    let start = SourceLocation(file: file, line: 1, column: 1)
    if text.utf8.count > limits.maximumFileSize {
      throw DiagnosticError([
        .error(
          "the file is \(text.utf8.count) bytes, more than the \(limits.maximumFileSize) allowed",
          at: start)
      ])
    }
    return try YAMLComposer.compose(
      text, file: file, limits: limits, streaming: sections, sizing: sizing, entry: entry)
  }
}
