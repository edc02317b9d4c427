import Foundation
import RunwayLanguageServer

/// W9: the time from a `didChange` on W3's 1,000-state workflow to its published diagnostics,
/// in process through `LanguageServer.receive` (the handler `runway lsp` runs, without the
/// pipe), with the debounce at zero: the debounce waits for the typist, it is not work.
/// The floor is W3's load + validate of the same text, measured in the same rounds.
enum EditorDiagnostics {
  /// Collects the versions whose diagnostics were published.
  actor Publications {
    private var waiting: [Int: CheckedContinuation<Int, Never>] = [:]
    private var published: [Int: Int] = [:]

    func receive(_ message: JSONValue) {
      guard message["method"] == "textDocument/publishDiagnostics", let version = message["params"]["version"].int
      else { return }
      let count = message["params"]["diagnostics"].array?.count ?? -1
      if let continuation = waiting.removeValue(forKey: version) {
        continuation.resume(returning: count)
      } else {
        published[version] = count
      }
    }

    /// The number of diagnostics published for `version`, once they are.
    func diagnostics(of version: Int) async -> Int {
      if let count = published.removeValue(forKey: version) { return count }
      return await withCheckedContinuation { waiting[version] = $0 }
    }
  }

  static func run(quick: Bool) async throws -> BenchmarkRow {
    let text = DefinitionLoading.generate(states: 1000, perState: 5)
    let uri = "file:///generated.yaml"
    let publications = Publications()
    let server = LanguageServer(debounce: .zero) { await publications.receive($0) }
    func send(_ message: JSONValue) async { _ = await server.receive(message.serialized) }
    await send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
    await send(
      [
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": ["textDocument": ["uri": .string(uri), "languageId": "yaml", "version": 1, "text": .string(text)]],
      ])
    guard await publications.diagnostics(of: 1) == 0 else {
      throw BenchmarkError("W9: the generated workflow is not valid")
    }
    // Each change retitles state s500, so every version is new text to check.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let line = lines.firstIndex(where: { $0.hasPrefix("  s500:") }) else { throw BenchmarkError("W9: no s500") }
    let title = "State 500"
    let start = lines[line].utf16.count - " }".utf16.count - title.utf16.count
    var current = title
    var edits: [Double] = []
    var loads: [Double] = []
    for version in 2..<(quick ? 5 : 17) {
      let replacement = "State 500 v\(version)"
      let change: JSONValue = [
        "jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": [
          "textDocument": ["uri": .string(uri), "version": JSONValue(version)],
          "contentChanges": [
            [
              "range": [
                "start": ["line": JSONValue(line), "character": JSONValue(start)],
                "end": ["line": JSONValue(line), "character": JSONValue(start + current.utf16.count)],
              ],
              "text": .string(replacement),
            ]
          ],
        ],
      ]
      current = replacement
      let body = change.serialized
      var count = -1
      edits.append(
        await seconds {
          _ = await server.receive(body)
          count = await publications.diagnostics(of: version)
        })
      guard count == 0 else { throw BenchmarkError("W9: version \(version) published \(count) diagnostics") }
      loads.append(try DefinitionLoading.measure(text, repeats: 1).ours)
    }
    let edit = median(edits)
    let load = median(loads)
    return BenchmarkRow(
      name: "W9 didChange → diagnostics, 1,000 / 5,000", value: edit * 1000, unit: "ms", floor: load * 1000,
      ratio: edit / load, target: "≤ 1.5× W3", meets: edit <= load * 1.5,
      note:
        "in process through LanguageServer.receive, debounce 0, an incremental edit; floor: W3 load + validate of the same text in the same rounds"
    )
  }
}
