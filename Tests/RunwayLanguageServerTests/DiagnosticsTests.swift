import Foundation
import RunwayLanguageServer
import Testing

/// Diagnostics as the editor sees them: on open, on change (debounced), on broken files.
@Suite struct DiagnosticsTests {
  @Test func aValidDocumentHasNoDiagnostics() throws {
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, Fixture.text)
    #expect(try client.diagnostics(Fixture.uri, version: 1).isEmpty)
    #expect(try client.shutDown() == 0)
  }

  @Test func aTypoIsReportedOnItsRangeWithItsDidYouMeanAsAQuickFix() throws {
    let client = try LanguageClient()
    try client.initialize()
    let text = Fixture.replacing("[reviewer]\n", with: "[reviewr]\n")
    client.open(Fixture.uri, text)
    let diagnostics = try client.diagnostics(Fixture.uri, version: 1)
    #expect(diagnostics.count == 1)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic["message"] == "unknown role \"reviewr\" (did you mean \"reviewer\"?)")
    #expect(diagnostic["severity"] == 1)
    #expect(diagnostic["source"] == "runway")
    let start = Fixture.position(of: "reviewr", in: text)
    #expect(diagnostic["range"]["start"]["line"].int == start.line)
    #expect(diagnostic["range"]["start"]["character"].int == start.character)
    #expect(diagnostic["range"]["end"]["character"].int == start.character + 7)
    let actions = try client.request(
      "textDocument/codeAction",
      [
        "textDocument": ["uri": .string(Fixture.uri)], "range": diagnostic["range"],
        "context": ["diagnostics": [diagnostic]],
      ])
    let fix = try #require(actions["result"].array?.first)
    #expect(fix["kind"] == "quickfix")
    let edit = try #require(fix["edit"]["changes"][Fixture.uri].array?.first)
    #expect(edit["newText"] == "reviewer")
    #expect(edit["range"] == diagnostic["range"])
    #expect(try client.shutDown() == 0)
  }

  @Test func aWarningIsAWarning() throws {
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, Fixture.replacing("    allow: [reviewer]\n", with: "    allow: []\n"))
    let diagnostics = try client.diagnostics(Fixture.uri, version: 1)
    #expect(diagnostics.map(\.["severity"]) == [2])
    #expect(diagnostics.first?["message"].string?.contains("nobody may fire \"approve\"") == true)
    #expect(try client.shutDown() == 0)
  }

  /// A half-typed line: the malformed YAML is reported where it is, and the rest of the file
  /// still serves completion and the outline.
  @Test func aBrokenDocumentSaysWhereAndServesWhatItCan() throws {
    let client = try LanguageClient()
    try client.initialize()
    let broken = Fixture.replacing("    allow: [admin]\n", with: "    allow: [admin\n")
    client.open(Fixture.uri, broken)
    let diagnostics = try client.diagnostics(Fixture.uri, version: 1)
    let first = try #require(diagnostics.first)
    #expect(first["message"].string?.hasPrefix("malformed YAML") == true)
    #expect(first["severity"] == 1)
    let brokenLine = Fixture.position(of: "allow: [admin", 2, in: broken).line
    let reported = try #require(first["range"]["start"]["line"].int)
    #expect((brokenLine...brokenLine + 1).contains(reported))

    let cursor = Fixture.position(of: "allow: [reviewer]", in: broken)
    let completion = try client.request(
      "textDocument/completion",
      LanguageClient.at(Fixture.uri, Position(line: cursor.line, character: cursor.character + 8)))
    let labels = completion["result"]["items"].array?.compactMap(\.["label"].string) ?? []
    #expect(labels.sorted() == ["admin", "reviewer"])
    let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(Fixture.uri)]])
    let states = symbols["result"].array?.first { $0["name"] == "states" }
    #expect(states?["children"].array?.compactMap(\.["name"].string) == ["draft", "review", "done"])
    #expect(try client.shutDown() == 0)
  }

  @Test func anEmptyDocumentSaysSo() throws {
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, "")
    let diagnostics = try client.diagnostics(Fixture.uri, version: 1)
    #expect(diagnostics.map(\.["message"]) == ["the file is empty"])
    #expect(try client.shutDown() == 0)
  }

  /// Twenty quick edits: the diagnostics that count are the last version's, and the debounce
  /// spared the server checking every one.
  @Test func rapidEditsEndWithTheLastVersionsDiagnostics() throws {
    let client = try LanguageClient(["--debounce", "200"])
    try client.initialize()
    client.open(Fixture.uri, Fixture.text)
    #expect(try client.diagnostics(Fixture.uri, version: 1).isEmpty)
    for version in 2...20 {
      client.change(
        Fixture.uri, version: version, Fixture.replacing("initial: draft", with: "initial: draft\(version)"))
    }
    client.change(Fixture.uri, version: 21, Fixture.replacing("[reviewer]\n", with: "[reviewr]\n"))
    let last = try client.diagnostics(Fixture.uri, version: 21)
    #expect(last.map(\.["message"]) == ["unknown role \"reviewr\" (did you mean \"reviewer\"?)"])
    Thread.sleep(forTimeInterval: 0.5)
    let versions = client.publications(Fixture.uri).compactMap(\.["params"]["version"].int)
    #expect(versions.last == 21)
    #expect(versions.count < 10, "each edit was checked: \(versions)")
    #expect(try client.shutDown() == 0)
  }

  @Test func anIncrementalChangeEditsTheBufferInPlace() throws {
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, Fixture.text)
    #expect(try client.diagnostics(Fixture.uri, version: 1).isEmpty)
    let start = Fixture.position(of: "allow: [reviewer]", offset: 14)
    client.notify(
      "textDocument/didChange",
      [
        "textDocument": ["uri": .string(Fixture.uri), "version": 2],
        "contentChanges": [
          [
            "range": [
              "start": ["line": JSONValue(start.line), "character": JSONValue(start.character)],
              "end": ["line": JSONValue(start.line), "character": JSONValue(start.character + 2)],
            ],
            "text": "r",
          ]
        ],
      ])
    let diagnostics = try client.diagnostics(Fixture.uri, version: 2)
    #expect(diagnostics.map(\.["message"]) == ["unknown role \"reviewr\" (did you mean \"reviewer\"?)"])
    #expect(try client.shutDown() == 0)
  }

  @Test func closingClearsTheDiagnostics() throws {
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, Fixture.replacing("[reviewer]\n", with: "[reviewr]\n"))
    #expect(try client.diagnostics(Fixture.uri, version: 1).count == 1)
    client.notify("textDocument/didClose", ["textDocument": ["uri": .string(Fixture.uri)]])
    let cleared = try client.wait("cleared diagnostics") {
      $0["method"] == "textDocument/publishDiagnostics" && $0["params"]["version"] == .null
    }
    #expect(cleared["params"]["diagnostics"] == [])
    let hover = try client.request(
      "textDocument/hover", LanguageClient.at(Fixture.uri, Position(line: 0, character: 0)))
    #expect(hover["error"]["code"] == -32602)
    #expect(try client.shutDown() == 0)
  }
}
