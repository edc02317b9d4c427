import Mustache
import Testing

@testable import RunwayModel

/// The compiled templates render what swift-mustache renders (with Runway's plain-text
/// pragma in front), and refuse what it refuses, on generated templates and the shipped ones.
@Suite struct CompiledTemplateTests {
  /// A scope over plain data, given to both renderers.
  struct DataScope: TemplateScope {
    var texts: [String: String]
    var objects: [String: [String: String]]

    func value(of name: String) -> TemplateValue? {
      if objects[name] != nil { return .object(name) }
      return texts[name].map(TemplateValue.text)
    }

    func member(_ name: String, of object: String) -> TemplateValue? {
      objects[object]?[name].map(TemplateValue.text)
    }

    var mustacheContext: [String: Any] {
      var context: [String: Any] = texts
      for (name, members) in objects { context[name] = members }
      return context
    }
  }

  static let scope = DataScope(
    texts: ["a": "A", "b": "B", "version": "1.2.0", "note": "multi\nline"],
    objects: ["state": ["name": "review", "title": "Under Review"], "actor": ["id": "wendy", "name": "Wendy"]])

  /// Mustache's rendering, or nil when its parser refuses the text.
  static func mustache(_ text: String) -> String? {
    guard let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text) else { return nil }
    return template.render(scope.mustacheContext)
  }

  @Test(arguments: [
    "Hello {{a}}", "{{{a}}} and {{&b}}", "{{#a}}\nshown {{.}}\n{{/a}}\nafter",
    "  {{^missing}}\n  none\n  {{/missing}}\n", "{{! a comment }}\n{{a}}", "{{state.title}} by {{actor.name}}",
    "{{#actor}}{{name}} ({{id}}){{/actor}}", "{{actor.email}}|{{missing.x}}|{{.a}}", "\nleading line",
    "a\r\n  {{#b}}  \r\nB\r\n  {{/b}}\r\nend", "{{#state}}{{a}}{{/state}}", "x {{#a}} y {{/a}} z\n",
    "{{#missing}}never{{/missing}}", "tab\t{{a}}\t", "{ not a tag } {{a}}",
    "Reason: {{note}}", "",
  ])
  func rendersAsMustacheDoes(_ text: String) throws {
    let compiled = try #require(CompiledTemplate(text))
    #expect(compiled.render(Self.scope) == Self.mustache(text))
  }

  /// A leading combining mark is text like any other. (Mustache, given Runway's pragma in
  /// front, read it into the pragma's closing brace and refused the template.)
  @Test func aLeadingCombiningMarkIsText() throws {
    let compiled = try #require(CompiledTemplate("\u{5B9}{Sequence {{a}}"))
    #expect(compiled.render(Self.scope) == "\u{5B9}{Sequence A")
  }

  @Test(arguments: ["{{#a}}open", "{{/a}}", "{{#a}}x{{/b}}", "{{a", "{{a b}}", "{{{a}}", "x {", "{{upper(a)}}"])
  func refusesWhatMustacheRefuses(_ text: String) {
    #expect(CompiledTemplate(text) == nil)
  }

  @Test func refusesPartialsDelimitersAndPragmas() {
    for text in ["{{> other}}", "{{=<% %>=}}", "{{% CONTENT_TYPE: HTML}}{{a}}", "{{$block}}{{/block}}"] {
      #expect(CompiledTemplate(text) == nil, "\(text)")
    }
  }

  /// `{{` followed by a line break is text that ends the line, for Mustache, Runway's reader
  /// and the check before them (`TemplateVariables`), which then sees the tags after it: here
  /// the partial that Mustache would read and Runway refuses (found by the `template` fuzz
  /// target, Fuzz/regressions/template).
  @Test(arguments: ["{{\r{{>l}}", "{{\n{{>l}}", "x {{\r\n{{> other}} y", "{{\u{2028}{{=<% %>=}}"])
  func aTagOpenedBeforeALineBreakIsTextAndTheCheckSeesWhatFollows(_ text: String) {
    #expect(Self.mustache(text) != nil)
    #expect(CompiledTemplate(text) == nil)
    #expect(TemplateVariables.scan(text).problem != nil)
  }

  @Test func aTagOpenedBeforeALineBreakRendersAsMustacheDoes() throws {
    let text = "a{{\n{{a}} b"
    #expect(TemplateVariables.uses(in: text).map(\.name) == ["a"])
    #expect(try #require(CompiledTemplate(text)).render(Self.scope) == Self.mustache(text))
  }

  /// Generated templates: pieces of text, line breaks, white space and tags, drawn by a
  /// seeded generator so a failure repeats.
  @Test func generatedTemplatesRenderAsMustacheDoes() {
    var random = SplitMix(seed: 0x5EED)
    let names = ["a", "b", "missing", "state.name", "actor.name", "actor.email", ".a", "note", "version", "state.x"]
    let sections = ["a", "missing", "state", "actor", "b", "note"]
    let pieces = ["x", " ", "  ", "\t", "\n", "\r\n", "{", "}", "word ", "{{!c}}", "{{! two\nlines }}"]
    var compared = 0
    for _ in 0..<6000 {
      var text = ""
      var open: [String] = []
      for _ in 0..<random.next(upTo: 14) {
        switch random.next(upTo: 10) {
        case 0, 1, 2: text += pieces[random.next(upTo: pieces.count)]
        case 3: text += "{{\(names[random.next(upTo: names.count)])}}"
        case 4: text += "{{{\(names[random.next(upTo: names.count)])}}}"
        case 5: text += "{{& \(names[random.next(upTo: names.count)]) }}"
        case 6, 7:
          let name = sections[random.next(upTo: sections.count)]
          open.append(name)
          text += random.next(upTo: 2) == 0 ? "{{#\(name)}}" : "{{^\(name)}}"
        default:
          if let name = open.popLast() { text += "{{/\(name)}}" } else { text += "{{.}}" }
        }
      }
      if random.next(upTo: 4) > 0 { while let name = open.popLast() { text += "{{/\(name)}}" } }
      let expected = Self.mustache(text)
      let compiled = CompiledTemplate(text)
      #expect((compiled == nil) == (expected == nil), "acceptance differs for \(text.debugDescription)")
      guard let compiled, let expected else { continue }
      // Mustache writes a whole object (the root at `{{.}}`, an object section's `{{.}}`) as
      // a Swift dictionary's description, in no fixed order; Runway writes nothing there.
      if expected.contains("[\"") { continue }
      #expect(compiled.render(Self.scope) == expected, "\(text.debugDescription)")
      compared += 1
    }
    #expect(compared > 2000, "too few generated templates were compared")
  }
}

extension CompiledTemplateTests {
  /// Short texts of characters that matter to the grammar (braces, sigils, line breaks of
  /// every kind, NUL, spaces), read both ways: the two agree on every one.
  @Test func characterSoupReadsAsMustacheDoes() {
    var random = SplitMix(seed: 0xC0FFEE)
    let alphabet: [Character] = [
      "{", "{", "}", "}", "#", "^", "/", "!", "&", "a", " ", "\t", "\n", "\r", "\r\n", "\0", "\u{1}", "\u{2028}",
      ".", "(", ")", "=", "%", ">", "$", "*", "e\u{301}", "\u{85}",
    ]
    for _ in 0..<60000 {
      var text = ""
      for _ in 0..<random.next(upTo: 14) { text.append(alphabet[random.next(upTo: alphabet.count)]) }
      // What the checks before any parser refuse (partials, pragmas, transforms) never reaches one.
      guard TemplateVariables.scan(text).problem == nil else { continue }
      let expected = Self.mustache(text)
      let compiled = CompiledTemplate(text)
      #expect((compiled == nil) == (expected == nil), "acceptance differs for \(text.debugDescription)")
      guard let compiled, let expected, !expected.contains("[\"") else { continue }
      #expect(compiled.render(Self.scope) == expected, "\(text.debugDescription)")
    }
  }
}

/// A small seeded generator (SplitMix64), so generated cases are the same on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(upTo bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}
