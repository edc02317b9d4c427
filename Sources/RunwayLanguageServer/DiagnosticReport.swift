import RunwayModel

/// The validator's findings as LSP diagnostics: each with the range of the name or value it
/// is about and, when the validator guessed a typo, its did-you-mean as a quick fix.
struct DiagnosticReport {
  let document: TextDocument

  /// `textDocument/publishDiagnostics` params for one version of the document.
  func publication(_ diagnostics: [Diagnostic]) -> JSONValue {
    [
      "uri": .string(document.uri), "version": JSONValue(document.version),
      "diagnostics": .array(diagnostics.map(json)),
    ]
  }

  func json(_ diagnostic: Diagnostic) -> JSONValue {
    var range = TextRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0))
    var data: JSONValue = .null
    if let location = diagnostic.location {
      if let typo = Self.typo(in: diagnostic.message), let start = start(of: typo.name, at: location) {
        range = document.range(at: start, length: typo.name.count)
        data = ["replacement": .string(typo.suggestion)]
      } else {
        range = document.range(at: location, length: tokenLength(at: location))
      }
    }
    var json: [String: JSONValue] = [
      "range": range.json, "severity": JSONValue(diagnostic.severity == .error ? 1 : 2), "source": "runway",
      "message": .string(diagnostic.message),
    ]
    if data != .null { json["data"] = data }
    return .object(json)
  }

  /// The misspelt name and the suggestion of a message ending in `"x" … (did you mean "y"?)`.
  static func typo(in message: String) -> (name: String, suggestion: String)? {
    guard let hint = message.range(of: " (did you mean \"") else { return nil }
    let suggestion = message[hint.upperBound...].prefix { $0 != "\"" }
    let before = message[..<hint.lowerBound]
    // The last quoted name before the hint is the one written in the file.
    let quotes = before.indices.filter { before[$0] == "\"" }
    guard quotes.count >= 2, !suggestion.isEmpty else { return nil }
    let name = before[before.index(after: quotes[quotes.count - 2])..<quotes[quotes.count - 1]]
    return name.isEmpty ? nil : (String(name), String(suggestion))
  }

  /// Where `name` is written at `location`, itself or just inside a quote; nil when it is not.
  private func start(of name: String, at location: SourceLocation) -> SourceLocation? {
    for candidate in [location, location.advanced(by: 1)] {
      if SymbolIndexBuilder.text(document, at: candidate, length: name.count) == Substring(name) { return candidate }
    }
    return nil
  }

  /// The width of the word or quoted value at `location`; one character at least.
  private func tokenLength(at location: SourceLocation) -> Int {
    let scalars = Array(document.line(location.line - 1).unicodeScalars.dropFirst(location.column - 1))
    guard let first = scalars.first else { return 0 }
    if first == "\"" || first == "'" {
      return (scalars.dropFirst().firstIndex(of: first).map { $0 + 1 }) ?? scalars.count
    }
    let word = scalars.prefix {
      $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.*".unicodeScalars.contains($0)
    }
    return max(1, word.count)
  }

  /// `textDocument/codeAction`: for each diagnostic of the request that carries a
  /// did-you-mean, the edit that applies it.
  static func quickFixes(uri: String, diagnostics: [JSONValue]) -> JSONValue {
    .array(
      diagnostics.compactMap { diagnostic in
        guard let replacement = diagnostic["data"]["replacement"].string, TextRange(diagnostic["range"]) != nil else {
          return nil
        }
        return [
          "title": .string("Change to \"\(replacement)\""), "kind": "quickfix", "diagnostics": [diagnostic],
          "isPreferred": true,
          "edit": ["changes": .object([uri: [["range": diagnostic["range"], "newText": .string(replacement)]]])],
        ]
      })
  }
}
