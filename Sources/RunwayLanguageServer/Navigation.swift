/// `textDocument/definition` and `textDocument/references` for states, roles, fields,
/// params, settings, notifications and events (docs/editors.md).
struct Navigation {
  let analysis: DocumentAnalysis
  let index: SymbolIndex

  /// The symbol under the cursor, if any.
  func symbol(at position: Position) -> SymbolKey? {
    index.occurrence(line: position.line + 1, column: analysis.document.column(of: position))?.key
  }

  func definition(at position: Position) -> JSONValue {
    guard let key = symbol(at: position) else { return .null }
    return .array(index.declarations(of: key).map(location))
  }

  func references(at position: Position, includeDeclaration: Bool) -> JSONValue {
    guard let key = symbol(at: position) else { return .null }
    return .array(index.occurrences(of: key).filter { includeDeclaration || !$0.isDeclaration }.map(location))
  }

  func location(_ occurrence: Occurrence) -> JSONValue {
    [
      "uri": .string(analysis.document.uri),
      "range": analysis.document.range(at: occurrence.location, length: occurrence.length).json,
    ]
  }
}
