import RunwayLanguageServer
import Testing

/// Rename of a state or a field through the real binary: the edits, applied, leave a valid file.
@Suite struct RenameTests {
  /// Applies single-line edits the way an editor does, last first.
  static func apply(_ edits: [JSONValue], to text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let sorted = edits.sorted {
      (Position(line: $0["range"]["start"]["line"].int ?? 0, character: $0["range"]["start"]["character"].int ?? 0))
        > (Position(line: $1["range"]["start"]["line"].int ?? 0, character: $1["range"]["start"]["character"].int ?? 0))
    }
    for edit in sorted {
      guard let line = edit["range"]["start"]["line"].int, let start = edit["range"]["start"]["character"].int,
        let end = edit["range"]["end"]["character"].int, let newText = edit["newText"].string
      else { continue }
      var utf16 = Array(lines[line].utf16)
      utf16.replaceSubrange(start..<end, with: Array(newText.utf16))
      lines[line] = String(decoding: utf16, as: UTF16.self)
    }
    return lines.joined(separator: "\n")
  }

  static func rename(at position: Position, to newName: String, in client: LanguageClient) throws -> JSONValue {
    guard case .object(var params) = LanguageClient.at(Fixture.uri, position) else { return .null }
    params["newName"] = .string(newName)
    return try client.request("textDocument/rename", .object(params))
  }

  @Test(arguments: [
    (Fixture.position(of: "to: review", offset: 5), "in-review", "review", 3),
    (Fixture.position(of: "\"count + 1\"", offset: 1), "approvals", "count", 4),
  ])
  func renameEditsEveryPlaceAndTheFileStaysValid(at position: Position, newName: String, oldName: String, places: Int)
    throws
  {
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, Fixture.text)
    #expect(try client.diagnostics(Fixture.uri, version: 1).isEmpty)
    let prepared = try client.request("textDocument/prepareRename", LanguageClient.at(Fixture.uri, position))
    #expect(prepared["result"]["placeholder"].string == oldName)
    let response = try Self.rename(at: position, to: newName, in: client)
    let edits = response["result"]["changes"][Fixture.uri].array ?? []
    #expect(edits.count == places)
    #expect(edits.allSatisfy { $0["newText"].string == newName })
    let renamed = Self.apply(edits, to: Fixture.text)
    #expect(!renamed.contains(" \(oldName)\n") && renamed.contains(newName))
    client.change(Fixture.uri, version: 2, renamed)
    #expect(try client.diagnostics(Fixture.uri, version: 2).isEmpty, "the renamed file: \(renamed)")
    #expect(try client.shutDown() == 0)
  }

  @Test func refusedRenamesSayWhyAndEditNothing() throws {
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, Fixture.text)
    #expect(try client.diagnostics(Fixture.uri, version: 1).isEmpty)
    let cases: [(Position, String, String)] = [
      (Fixture.position(of: "to: review", offset: 5), "draft", "there is already a state \"draft\""),
      (Fixture.position(of: "to: review", offset: 5), "In Review", "\"In Review\" is not a state name"),
      (Fixture.position(of: "\"count + 1\"", offset: 1), "note", "there is already a field \"note\""),
      (Fixture.position(of: "\"count + 1\"", offset: 1), "actor", "\"actor\" is a word of expressions"),
      (
        Fixture.position(of: "[reviewer]", offset: 2), "checker",
        "only states and fields can be renamed; this is a role"
      ),
      (Fixture.position(of: "title: Draft", offset: 8), "x", "there is no state or field name here to rename"),
    ]
    for (position, newName, message) in cases {
      let response = try Self.rename(at: position, to: newName, in: client)
      #expect(response["result"] == .null)
      #expect(response["error"]["code"] == -32803)
      #expect(response["error"]["message"].string?.contains(message) == true, "\(response)")
    }
    // Nothing changed: the document is still the valid one, and a rename still works.
    let hover = try client.request(
      "textDocument/hover", LanguageClient.at(Fixture.uri, Fixture.position(of: "to: review", offset: 5)))
    #expect(hover["result"]["contents"]["value"].string?.contains("`review`") == true)
    #expect(try client.shutDown() == 0)
  }
}
