import RunwayLanguageServer
import Testing

/// Completion through the real binary: each case edits one line of the fixture and asks at
/// the `|`.
@Suite struct CompletionTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var line: String
    var marked: String
    var expected: [String]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "states in from", line: "    from: draft\n", marked: "    from: |\n", expected: ["done", "draft", "review"]),
    Case(name: "states in to, filtered", line: "    to: review\n", marked: "    to: r|\n", expected: ["review"]),
    Case(
      name: "states in initial", line: "initial: draft\n", marked: "initial: |\n",
      expected: ["done", "draft", "review"]),
    Case(
      name: "states in a choice", line: "      - state: draft\n", marked: "      - state: d|\n",
      expected: ["done", "draft"]),
    Case(
      name: "roles in allow", line: "    allow: [admin]\n", marked: "    allow: [admin, |]\n",
      expected: ["admin", "reviewer"]),
    Case(
      name: "notifications in notify", line: "    notify: [submitted]\n", marked: "    notify: [|]\n",
      expected: ["submitted"]),
    Case(
      name: "fields as keys of set", line: "    set: { count: \"count + 1\" }\n",
      marked: "    set: { count: \"count + 1\", | }\n", expected: ["count", "miniProgram", "note"]),
    Case(
      name: "fields in a set expression", line: "    set: { count: \"count + 1\" }\n",
      marked: "    set: { count: \"co| + 1\" }\n", expected: ["count"]),
    Case(
      name: "params in a when", line: "        when: \"params.ok && settings.strict\"\n",
      marked: "        when: \"params.| && settings.strict\"\n", expected: ["ok"]),
    Case(
      name: "settings in a when", line: "        when: \"params.ok && settings.strict\"\n",
      marked: "        when: \"params.ok && settings.s|\"\n", expected: ["strict"]),
    Case(
      name: "attributes after miniProgram.", line: "    workspace: miniProgram.merchant\n",
      marked: "    workspace: miniProgram.|\n", expected: ["configuration", "id", "merchant", "name", "versions"]),
    Case(
      name: "attributes two levels down", line: "    workspace: miniProgram.merchant\n",
      marked: "    workspace: miniProgram.merchant.|\n", expected: ["id", "name"]),
    Case(
      name: "template variables", line: "    subject: \"{{miniProgram}} submitted, count {{count}}\"\n",
      marked: "    subject: \"{{miniProgram}} submitted, count {{c|}}\"\n", expected: ["count"]),
    Case(
      name: "template members of actor", line: "    body: \"Please review.\"\n",
      marked: "    body: \"Please review, {{actor.|\"\n", expected: ["email", "id", "name"]),
    Case(name: "nothing in a title", line: "    title: Draft\n", marked: "    title: D|\n", expected: []),
  ]

  @Test(arguments: cases) func completes(_ example: Case) throws {
    #expect(Fixture.text.contains(example.line), "the fixture has no line \(example.line)")
    let (text, position) = Fixture.cursor(Fixture.replacing(example.line, with: example.marked))
    let client = try LanguageClient()
    try client.initialize()
    client.open(Fixture.uri, text)
    let response = try client.request("textDocument/completion", LanguageClient.at(Fixture.uri, position))
    let items = response["result"]["items"].array ?? []
    #expect(items.compactMap(\.["label"].string).sorted() == example.expected)
    for item in items {
      // Each item replaces what was typed of its name, up to the cursor.
      #expect(item["textEdit"]["range"]["end"]["character"].int == position.character)
      #expect(item["textEdit"]["newText"] == item["label"])
    }
    #expect(try client.shutDown() == 0)
  }
}
