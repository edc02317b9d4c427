import RunwayLanguageServer
import Testing

/// Hover, go to definition, find references and the outline, through the real binary.
@Suite struct NavigationTests {
  static func started() throws -> LanguageClient {
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, Fixture.text)
    #expect(try client.diagnostics(Fixture.uri, version: 1).isEmpty)
    return client
  }

  static func hoverText(_ client: LanguageClient, _ position: Position) throws -> String {
    let response = try client.request("textDocument/hover", LanguageClient.at(Fixture.uri, position))
    return response["result"]["contents"]["value"].string ?? ""
  }

  @Test func hoverShowsTitlesDescriptionsAndTypes() throws {
    let client = try Self.started()
    let state = try Self.hoverText(client, Fixture.position(of: "from: draft", offset: 7))
    #expect(state.contains("**state** `draft` — Draft"))
    #expect(state.contains("Being written."))
    let field = try Self.hoverText(client, Fixture.position(of: "\"count + 1\"", offset: 2))
    #expect(field.contains("**field** `count`: `int` — Approvals"))
    #expect(field.contains("How many times it was submitted."))
    #expect(field.contains("expression: `int`, where int is expected"))
    let role = try Self.hoverText(client, Fixture.position(of: "allow: [admin]", 2, offset: 9))
    #expect(role.contains("**role** `admin`"))
    #expect(role.contains("Runs the release."))
    let setting = try Self.hoverText(client, Fixture.position(of: "settings.strict", offset: 10))
    #expect(setting.contains("**setting** `strict`: `bool`"))
    #expect(setting.contains("Whether reviews are strict."))
    let expression = try Self.hoverText(client, Fixture.position(of: "&&", offset: 1))
    #expect(expression == "expression: `bool`, where bool is expected")
    let nothing = try client.request(
      "textDocument/hover", LanguageClient.at(Fixture.uri, Fixture.position(of: "title: Draft", offset: 9)))
    #expect(nothing["result"] == .null)
    #expect(try client.shutDown() == 0)
  }

  @Test func definitionGoesToTheDeclaration() throws {
    let client = try Self.started()
    let cases: [(from: Position, to: Position)] = [
      (Fixture.position(of: "to: review", offset: 5), Fixture.position(of: "review: {")),
      (Fixture.position(of: "[reviewer]", offset: 2), Fixture.position(of: "reviewer: {")),
      (Fixture.position(of: "params.ok", offset: 8), Fixture.position(of: "ok: {")),
      (Fixture.position(of: "[submitted]", offset: 1), Fixture.position(of: "  submitted:", offset: 2)),
      (Fixture.position(of: "{{count}}", offset: 3), Fixture.position(of: "  count:", offset: 2)),
      (Fixture.position(of: "settings.strict", offset: 9), Fixture.position(of: "strict: {")),
    ]
    for (from, to) in cases {
      let response = try client.request("textDocument/definition", LanguageClient.at(Fixture.uri, from))
      let location = try #require(response["result"].array?.first, "no definition at \(from)")
      #expect(location["uri"].string == Fixture.uri)
      #expect(location["range"]["start"]["line"].int == to.line, "from \(from)")
      #expect(location["range"]["start"]["character"].int == to.character, "from \(from)")
    }
    #expect(try client.shutDown() == 0)
  }

  @Test func referencesFindEveryUseOfAField() throws {
    let client = try Self.started()
    var params = LanguageClient.at(Fixture.uri, Fixture.position(of: "  count:", offset: 2))
    guard case .object(var members) = params else { return }
    members["context"] = ["includeDeclaration": true]
    params = .object(members)
    let response = try client.request("textDocument/references", params)
    let starts = (response["result"].array ?? []).compactMap { location -> Position? in
      guard let line = location["range"]["start"]["line"].int,
        let character = location["range"]["start"]["character"].int
      else { return nil }
      return Position(line: line, character: character)
    }
    let expected = [
      Fixture.position(of: "  count:", offset: 2), Fixture.position(of: "{ count:", offset: 2),
      Fixture.position(of: "\"count + 1\"", offset: 1), Fixture.position(of: "{{count}}", offset: 2),
    ]
    #expect(starts.sorted() == expected.sorted())
    #expect(try client.shutDown() == 0)
  }

  @Test func theOutlineListsStatesAndTransitions() throws {
    let client = try Self.started()
    let response = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(Fixture.uri)]])
    let groups = response["result"].array ?? []
    #expect(
      groups.compactMap(\.["name"].string) == ["states", "transitions", "fields", "roles", "settings", "notifications"])
    let states = groups.first { $0["name"] == "states" }?["children"].array ?? []
    #expect(states.compactMap(\.["name"].string) == ["draft", "review", "done"])
    #expect(states.compactMap(\.["detail"].string) == ["Draft", "Under review", "Done (terminal)"])
    let transitions = groups.first { $0["name"] == "transitions" }?["children"].array ?? []
    #expect(transitions.compactMap(\.["name"].string) == ["submit", "approve"])
    #expect(transitions.compactMap(\.["detail"].string) == ["draft → review", "review → done | draft"])
    // Each transition's range runs from its key to its last line.
    let approve = try #require(transitions.last)
    #expect(approve["range"]["start"]["line"].int == Fixture.position(of: "approve:").line)
    #expect(approve["range"]["end"]["line"].int == Fixture.position(of: "ok: {").line)
    #expect(try client.shutDown() == 0)
  }
}
