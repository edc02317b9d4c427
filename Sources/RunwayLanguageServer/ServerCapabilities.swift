/// What `runway lsp` answers to `initialize` (LSP 3.17): full-text or incremental sync, and
/// the features of docs/editors.md.
enum ServerCapabilities {
  static func initializeResult(version: String) -> JSONValue {
    [
      "capabilities": [
        "positionEncoding": "utf-16",
        // 2: incremental; whole-text changes are applied too.
        "textDocumentSync": ["openClose": true, "change": 2, "save": false],
        "completionProvider": ["triggerCharacters": [".", "{", "[", " "], "resolveProvider": false],
        "hoverProvider": true,
        "definitionProvider": true,
        "referencesProvider": true,
        "documentSymbolProvider": true,
        "renameProvider": ["prepareProvider": true],
        "codeActionProvider": ["codeActionKinds": ["quickfix"]],
      ],
      "serverInfo": ["name": "runway", "version": .string(version)],
    ]
  }
}
