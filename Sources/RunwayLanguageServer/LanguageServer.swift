import Foundation
import RunwayModel

/// The language server: reads JSON-RPC messages, keeps the open documents, publishes the
/// validator's diagnostics (debounced) and answers the feature requests (docs/editors.md).
/// It does no I/O: messages come in as bytes and go out through `send`.
public actor LanguageServer {
  private enum Phase { case starting, running, shutDown }

  private let debounce: Duration
  private let version: String
  private let send: @Sendable (JSONValue) async -> Void
  /// The domain of a document's folder, by URI (the server itself reads no files).
  private let domainOf: @Sendable (String) -> Domain
  private var phase = Phase.starting
  private var documents = DocumentStore()
  private var analyses: [String: DocumentAnalysis] = [:]
  private var indexes: [String: (version: Int, index: SymbolIndex)] = [:]
  private var pending: [String: Task<Void, Never>] = [:]

  /// `debounce`: how long a document must stay unchanged before its diagnostics are
  /// computed; each change restarts the wait, so only the last of quick edits is checked.
  /// `domain`: the domain a document's `ref` fields and expressions are checked against.
  public init(
    debounce: Duration, version: String = "0.1.0", domain: @escaping @Sendable (String) -> Domain = { _ in .standard },
    send: @escaping @Sendable (JSONValue) async -> Void
  ) {
    self.debounce = debounce
    self.version = version
    self.domainOf = domain
    self.send = send
  }

  /// Handles one message body; returns the process's exit status after `exit`.
  public func receive(_ body: Data) async -> Int32? {
    guard let json = JSONValue.parse(body) else {
      await send(
        JSONRPC.response(
          id: .null, error: JSONRPC.ResponseError(JSONRPC.ResponseError.parseError, "the message is not JSON")))
      return nil
    }
    switch JSONRPC.read(json) {
    case .failure(let invalid):
      await send(JSONRPC.response(id: invalid.id, error: invalid.error))
      return nil
    case .success(.response):
      return nil
    case .success(.notification(let method, let params)):
      return await notification(method, params)
    case .success(.request(let id, let method, let params)):
      let reply: JSONValue
      do {
        reply = JSONRPC.response(id: id, result: try request(method, params))
      } catch {
        reply = JSONRPC.response(id: id, error: error)
      }
      await send(reply)
      return nil
    }
  }

  /// The input ended without `exit`: status 1 unless the client had asked to shut down.
  public func endOfInput() -> Int32 { phase == .shutDown ? 0 : 1 }

  private func notification(_ method: String, _ params: JSONValue) async -> Int32? {
    if method == "exit" { return phase == .shutDown ? 0 : 1 }
    guard phase == .running else { return nil }
    let uri = params["textDocument"]["uri"].string ?? ""
    switch method {
    case "textDocument/didOpen":
      let item = params["textDocument"]
      guard let text = item["text"].string else { return nil }
      documents.open(TextDocument(uri: uri, version: item["version"].int ?? 0, text: text))
      await publish(uri)
    case "textDocument/didChange":
      let changes = (params["contentChanges"].array ?? []).compactMap { change -> (text: String, range: TextRange?)? in
        guard let text = change["text"].string else { return nil }
        return (text, TextRange(change["range"]))
      }
      let version = params["textDocument"]["version"].int ?? (documents[uri]?.version ?? 0) + 1
      guard documents.change(uri, version: version, changes: changes) != nil else { return nil }
      schedule(uri)
    case "textDocument/didClose":
      documents.close(uri)
      pending.removeValue(forKey: uri)?.cancel()
      analyses[uri] = nil
      indexes[uri] = nil
      await send(JSONRPC.notification("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []]))
    default:
      break  // initialized, didSave, $/cancelRequest, $/setTrace…: nothing to do
    }
    return nil
  }

  /// Publishes the diagnostics once the document has been left alone for `debounce`.
  private func schedule(_ uri: String) {
    pending.removeValue(forKey: uri)?.cancel()
    let debounce = debounce
    pending[uri] = Task {
      if debounce > .zero {
        do { try await Task.sleep(for: debounce) } catch { return }
      }
      await self.publish(uri)
    }
  }

  private func publish(_ uri: String) async {
    guard let analysis = analysis(uri) else { return }
    await send(
      JSONRPC.notification(
        "textDocument/publishDiagnostics",
        DiagnosticReport(document: analysis.document).publication(analysis.diagnostics)))
  }

  /// The analysis of the document's current version, computed once per version.
  private func analysis(_ uri: String) -> DocumentAnalysis? {
    guard let document = documents[uri] else { return nil }
    if let known = analyses[uri], known.document.version == document.version, known.document.text == document.text {
      return known
    }
    let analysis = DocumentAnalysis(document, domain: domainOf(document.uri))
    analyses[uri] = analysis
    return analysis
  }

  private func index(_ analysis: DocumentAnalysis) -> SymbolIndex {
    let uri = analysis.document.uri
    if let known = indexes[uri], known.version == analysis.document.version { return known.index }
    let index = SymbolIndex(analysis)
    indexes[uri] = (analysis.document.version, index)
    return index
  }

  private func request(_ method: String, _ params: JSONValue) throws(JSONRPC.ResponseError) -> JSONValue {
    switch (phase, method) {
    case (.starting, "initialize"):
      phase = .running
      return ServerCapabilities.initializeResult(version: version)
    case (.starting, _):
      throw JSONRPC.ResponseError(JSONRPC.ResponseError.serverNotInitialized, "send initialize first")
    case (.shutDown, _):
      throw JSONRPC.ResponseError(JSONRPC.ResponseError.invalidRequest, "the server is shut down; send exit")
    case (.running, "initialize"):
      throw JSONRPC.ResponseError(JSONRPC.ResponseError.invalidRequest, "the server is already initialized")
    case (.running, "shutdown"):
      phase = .shutDown
      for task in pending.values { task.cancel() }
      pending = [:]
      return .null
    default:
      return try feature(method, params)
    }
  }

  private func feature(_ method: String, _ params: JSONValue) throws(JSONRPC.ResponseError) -> JSONValue {
    let features = [
      "textDocument/completion", "textDocument/hover", "textDocument/definition", "textDocument/references",
      "textDocument/documentSymbol", "textDocument/rename", "textDocument/prepareRename", "textDocument/codeAction",
    ]
    guard features.contains(method) else {
      throw JSONRPC.ResponseError(JSONRPC.ResponseError.methodNotFound, "runway lsp does not handle \"\(method)\"")
    }
    guard let uri = params["textDocument"]["uri"].string else {
      throw JSONRPC.ResponseError.wrongParams("\(method) needs textDocument.uri")
    }
    guard let analysis = analysis(uri) else {
      throw JSONRPC.ResponseError.wrongParams(
        "\(uri) is not open; the server works on the documents the editor opened (didOpen)")
    }
    if method == "textDocument/documentSymbol" { return DocumentSymbols(analysis: analysis).outline() }
    if method == "textDocument/codeAction" {
      return DiagnosticReport.quickFixes(uri: uri, diagnostics: params["context"]["diagnostics"].array ?? [])
    }
    guard let position = Position(params["position"]) else {
      throw JSONRPC.ResponseError.wrongParams("\(method) needs a position {line, character}")
    }
    let index = index(analysis)
    switch method {
    case "textDocument/completion": return Completion(analysis: analysis, index: index).items(at: position)
    case "textDocument/hover": return Hover(analysis: analysis, index: index).hover(at: position)
    case "textDocument/definition": return Navigation(analysis: analysis, index: index).definition(at: position)
    case "textDocument/references":
      return Navigation(analysis: analysis, index: index).references(
        at: position, includeDeclaration: params["context"]["includeDeclaration"].bool ?? true)
    case "textDocument/prepareRename": return try Rename(analysis: analysis, index: index).prepare(at: position)
    default:
      guard let newName = params["newName"].string else {
        throw JSONRPC.ResponseError.wrongParams("rename needs a newName")
      }
      return try Rename(analysis: analysis, index: index).edit(at: position, to: newName)
    }
  }
}
