/// `textDocument/rename` of a state or a field: every place the file names it, declarations,
/// references, expressions and templates (docs/editors.md). A refusal changes nothing.
struct Rename {
  let analysis: DocumentAnalysis
  let index: SymbolIndex

  /// The name under the cursor and its range, when it can be renamed.
  func prepare(at position: Position) throws(JSONRPC.ResponseError) -> JSONValue {
    let occurrence = try renameable(at: position)
    return [
      "range": analysis.document.range(at: occurrence.location, length: occurrence.length).json,
      "placeholder": .string(occurrence.key.name),
    ]
  }

  func edit(at position: Position, to newName: String) throws(JSONRPC.ResponseError) -> JSONValue {
    let key = try renameable(at: position).key
    guard let workflow = analysis.workflow else { throw Self.refusal("the file declares nothing yet") }
    switch key.kind {
    case .state:
      guard Self.isKebab(newName) else {
        throw Self.refusal("\"\(newName)\" is not a state name: use lower-case letters, digits and single hyphens")
      }
      if workflow.state(newName) != nil { throw Self.refusal("there is already a state \"\(newName)\"") }
    default:
      guard Self.isIdentifier(newName) else {
        throw Self.refusal("\"\(newName)\" is not a field name: use letters, digits and _, starting with a letter")
      }
      if workflow.field(newName) != nil { throw Self.refusal("there is already a field \"\(newName)\"") }
      if ["actor", "state", "params", "settings", "true", "false", "null", "in", "size"].contains(newName) {
        throw Self.refusal("\"\(newName)\" is a word of expressions; a field cannot be called so")
      }
    }
    let edits: [JSONValue] = index.occurrences(of: key).map {
      [
        "range": analysis.document.range(at: $0.location, length: $0.length).json,
        "newText": .string(newName),
      ]
    }
    return ["changes": .object([analysis.document.uri: .array(edits)])]
  }

  private func renameable(at position: Position) throws(JSONRPC.ResponseError) -> Occurrence {
    let column = analysis.document.column(of: position)
    guard let occurrence = index.occurrence(line: position.line + 1, column: column) else {
      throw Self.refusal("there is no state or field name here to rename")
    }
    guard occurrence.key.kind == .state || occurrence.key.kind == .field else {
      throw Self.refusal("only states and fields can be renamed; this is a \(occurrence.key.kind.rawValue)")
    }
    guard !index.declarations(of: occurrence.key).isEmpty else {
      throw Self.refusal("\"\(occurrence.key.name)\" is not declared in this file; rename the declaration")
    }
    return occurrence
  }

  static func refusal(_ message: String) -> JSONRPC.ResponseError {
    JSONRPC.ResponseError(JSONRPC.ResponseError.requestFailed, message)
  }

  static func isKebab(_ name: String) -> Bool {
    guard let first = name.first, first.isASCII, first.isLowercase, name.last != "-", !name.contains("--") else {
      return false
    }
    return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
  }

  static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
  }
}
