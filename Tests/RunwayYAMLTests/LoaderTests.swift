import Foundation
import RunwayModel
import RunwayTestSupport
import RunwayYAML
import Testing

@Suite("Loading workflow files")
struct LoaderTests {
  static let everyKey = FixtureTests.folder.appendingPathComponent("valid/every-key.yaml").path

  @Test func theModelCarriesValuesAndLocations() throws {
    let loaded = try WorkflowLoader.load(path: Self.everyKey)
    let workflow = loaded.workflow
    #expect(workflow.name == "every-key")
    #expect(workflow.fields.map(\.name) == ["program", "app", "label", "tier", "people", "share", "paused", "config"])
    let label = try #require(workflow.field("label"))
    #expect(label.type == .string && label.min == 1 && label.max == 40)
    #expect(label.check?.text == "size(label) > 0")
    // A quoted scalar's text starts one column after its quote.
    #expect(label.check?.location == SourceLocation(file: Self.everyKey, line: 16, column: 13))
    #expect(workflow.field("tier")?.type == .enumeration(["gold", "silver"]))
    #expect(workflow.field("config")?.secretKeys == ["token"])
    #expect(workflow.unique.map { $0.map(\.name) } == [["program", "app"]])
    #expect(workflow.setting("reviewRequired")?.scope == "app")
    #expect(workflow.setting("limit")?.defaultValue == .int(3))
    #expect(workflow.start.map(\.name) == ["owner"])
    #expect(workflow.state("checking")?.task?.onFailure?.name == "draft")
    #expect(workflow.state("trial")?.exposure == .testers(field: "people"))
    #expect(workflow.state("rollout")?.exposure == .percent(field: "share"))
    #expect(workflow.state("live")?.exposure == .all)
    #expect(workflow.transitions(for: "widen").count == 2)
    #expect(workflow.transitions(for: "drop").first?.from == .anyState)
    let submit = try #require(workflow.transitions(for: "submit").first)
    #expect(submit.location == SourceLocation(file: Self.everyKey, line: 47, column: 3))
    #expect(submit.notify.map(\.name) == ["submitted"])
    #expect(submit.params.map(\.name) == ["note", "when"])
    if case .roles(let roles) = workflow.notification("hosts")?.to {
      #expect(roles.map(\.name) == ["host"])
    } else {
      Issue.record("hosts should go to roles")
    }
    // A block scalar's text starts on its first content line.
    let body = try #require(workflow.notification("submitted")?.body)
    #expect(body.location.line == 94 && body.location.column == 7)
  }

  @Test func theDigestIgnoresLayoutButNotMeaning() throws {
    let text = try String(contentsOfFile: Self.everyKey, encoding: .utf8)
    let original = try WorkflowLoader.parse(text, file: "a.yaml").workflow.digest
    let reformatted = try WorkflowLoader.parse("# a comment\n\n" + text, file: "b.yaml").workflow.digest
    let changed = try WorkflowLoader.parse(text.replacingOccurrences(of: "max: 40", with: "max: 41"), file: "a.yaml")
      .workflow.digest
    #expect(original == reformatted)
    #expect(original != changed)
  }

  @Test func anAliasBombIsRefusedQuickly() {
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      let items = Array(repeating: "*\(level == 1 ? "a" : "l\(level - 1)")", count: 10).joined(separator: ", ")
      text += "l\(level): &l\(level) [\(items)]\n"
    }
    text = text.replacingOccurrences(of: "&l1 [*a", with: "&l1 [*a")
    #expect {
      try WorkflowLoader.parse(text, file: "bomb.yaml")
    } throws: { error in
      (error as? DiagnosticError)?.diagnostics.first?.message.contains("expands to more than 100000 values") == true
    }
  }

  /// An anchor's value is reused where its alias stands, as YAML means it.
  @Test func aliasesRepeatTheAnchoredValue() throws {
    let text = """
      workflow: aliased
      roles:
        admin: { workspace: "'acme'" }
      start: { allow: &admins [admin] }
      initial: open
      states:
        open: { title: Open }
        done: { title: Done, terminal: true }
      transitions:
        finish: { from: open, to: done, allow: *admins }
      """
    let loaded = try WorkflowLoader.parse(text, file: "aliased.yaml")
    #expect(loaded.workflow.transitions.first?.allow.map(\.name) == ["admin"])
    #expect(loaded.workflow.start.map(\.name) == ["admin"])
  }

  @Test(arguments: [
    ("a: 1\nb: { c: 1, c: 2 }\n", 2, 12, "duplicate key \"c\""),
    ("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
    ("a: *nowhere\n", 1, 4, "names no anchor"),
    ("[a, b]: 1\n", 1, 1, "a key must be a plain name"),
    ("a: [1, 2\nb: 3\n", 2, 2, "malformed YAML"),
  ])
  func structuralMistakesAreLocated(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
    #expect {
      try WorkflowLoader.parse(text, file: "x.yaml")
    } throws: { error in
      let diagnostic = (error as? DiagnosticError)?.diagnostics.first
      return diagnostic?.message.contains(fragment) == true && diagnostic?.location?.line == line
        && diagnostic?.location?.column == column
    }
  }

  /// A duplicate key is found among a few keys (scanned) and among many (hashed past 16),
  /// at its second occurrence, naming the line of the first.
  @Test(arguments: [(3, 1), (16, 2), (17, 5), (40, 33)])
  func duplicateKeysAreFoundInMappingsOfAnySize(_ keys: Int, _ repeated: Int) {
    let lines = (1...keys).map { "k\($0): \($0)" } + ["k\(repeated): again"]
    #expect {
      try WorkflowLoader.parse(lines.joined(separator: "\n") + "\n", file: "x.yaml")
    } throws: { error in
      let diagnostic = (error as? DiagnosticError)?.diagnostics.first
      return diagnostic?.message.contains("duplicate key \"k\(repeated)\"") == true
        && diagnostic?.message.contains("first at line \(repeated))") == true && diagnostic?.location?.line == keys + 1
    }
  }

  /// An expression written twice is compiled once, yet each use keeps its own place (runtime
  /// errors name it); the same text under params of another type is checked on its own.
  @Test func aRepeatedExpressionKeepsItsOwnPlaceAndItsOwnParams() throws {
    let text = """
      workflow: twice
      fields:
        count: { type: int, default: "0" }
      roles:
        admin: { workspace: "'acme'" }
      start: { allow: [admin] }
      initial: a
      states:
        a: { title: A }
        b: { title: B }
        c: { title: C, terminal: true }
      transitions:
        one: { from: a, to: b, allow: [admin], params: { n: { type: int } }, set: { count: "params.n + 1" } }
        two: { from: b, to: c, allow: [admin], params: { n: { type: int } }, set: { count: "params.n + 1" } }
      """
    let loaded = try WorkflowLoader.parse(text, file: "twice.yaml")
    let compiled = try #require(WorkflowCompiler.compile(loaded.workflow).workflow)
    let one = try #require(compiled.transition(from: "a", event: "one")?.assignments.first?.value)
    let two = try #require(compiled.transition(from: "b", event: "two")?.assignments.first?.value)
    #expect(one.source.location.line == 13)
    #expect(two.source.location.line == 14)
    #expect(one.source.text == two.source.text)

    let mixed = text.replacingOccurrences(
      of: "two: { from: b, to: c, allow: [admin], params: { n: { type: int } }",
      with: "two: { from: b, to: c, allow: [admin], params: { n: { type: string } }")
    let diagnostics = WorkflowCompiler.compile(try WorkflowLoader.parse(mixed, file: "mixed.yaml").workflow).diagnostics
    #expect(diagnostics.contains { $0.severity == .error && $0.location?.line == 14 })
    #expect(!diagnostics.contains { $0.location?.line == 13 })
  }

  /// Past our limit and past libyaml's own (1,000), the same sentence at the same line.
  @Test(arguments: [200, 200_000])
  func deepNestingIsRefused(_ depth: Int) {
    let text =
      "workflow: deep\nx: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
    #expect {
      try WorkflowLoader.parse(text, file: "deep.yaml")
    } throws: { error in
      let diagnostic = (error as? DiagnosticError)?.diagnostics.first
      return diagnostic?.message == "the file nests deeper than 64 levels" && diagnostic?.location?.line == 2
    }
  }

  @Test func anOversizedFileIsRefused() {
    let text = "workflow: big\ndescription: \"" + String(repeating: "x", count: 2 << 20) + "\"\n"
    #expect {
      try WorkflowLoader.parse(text, file: "big.yaml")
    } throws: { error in
      (error as? DiagnosticError)?.diagnostics.first?.message.contains("more than the 1048576 allowed") == true
    }
  }

  @Test func anEmptyFileIsAnError() {
    #expect(throws: DiagnosticError.self) { try WorkflowLoader.parse("", file: "empty.yaml") }
    #expect(throws: DiagnosticError.self) { try WorkflowLoader.parse("# only a comment\n", file: "c.yaml") }
  }

  /// Truncated and mutated variants of a valid file give diagnostics, never a crash.
  @Test func nothingCrashesOnMangledInput() throws {
    let text = try String(contentsOfFile: Self.everyKey, encoding: .utf8)
    let characters = Array(text)
    var generator = SystemRandomNumberGenerator()
    let junk: [Character] = [
      "{", "}", "[", "]", ":", "-", "\"", "'", "*", "&", "!", "|", ">", "#", "\n", " ", "\t", "é",
    ]
    var refused = 0
    for round in 0..<300 {
      var mangled = characters
      if round % 3 == 0 {
        mangled = Array(mangled.prefix(Int(generator.next() % UInt64(mangled.count))))
      } else {
        for _ in 0..<(1 + Int(generator.next() % 5)) where !mangled.isEmpty {
          let index = Int(generator.next() % UInt64(mangled.count))
          mangled[index] = junk[Int(generator.next() % UInt64(junk.count))]
        }
      }
      do {
        let loaded = try WorkflowLoader.parse(String(mangled), file: "mangled.yaml")
        _ = WorkflowCompiler.compile(loaded.workflow)
      } catch {
        refused += 1
        #expect(!error.diagnostics.isEmpty)
        #expect(error.diagnostics.allSatisfy { $0.location == nil || $0.location?.file == "mangled.yaml" })
      }
    }
    #expect(refused > 0)
  }

  @Test func aFolderSkipsSubfoldersAndReportsBrokenFiles() throws {
    let folder = try ScratchFolder.make("runway-folder")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("tests"), withIntermediateDirectories: true)
    try "workflow: a\ninitial: s\nstates: { s: { terminal: true } }\n".write(
      to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    try "workflow: [\n".write(to: folder.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
    try "not: a workflow\n".write(to: folder.appendingPathComponent("tests/s.yaml"), atomically: true, encoding: .utf8)
    let (workflows, diagnostics) = WorkflowLoader.loadFolder(folder.path)
    #expect(workflows.map(\.workflow.name) == ["a"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location?.file.hasSuffix("b.yml") == true)
  }
}

/// Paths written in scenario files are taken apart by bytes: Foundation's path methods trap
/// on a path that starts with a combining mark (found by fuzzing the YAML loader).
@Suite("paths in files")
struct PathsInFilesTests {
  @Test(arguments: ["\u{301}", "a/\u{301}", "\u{301}/x.yaml", "//", "/", "x/\u{20DD}/y.yaml"])
  func aScenarioNamesAnyWorkflowPathWithoutATrap(_ path: String) throws {
    let text =
      "workflow: \"\(path.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined())\"\nscenarios: []\n"
    let file = try ScenarioLoader.parse(text, file: "tests/\u{301}.yaml")
    #expect(file.workflowPath == (path.hasPrefix("/") ? path : "tests/" + path))
  }
}
