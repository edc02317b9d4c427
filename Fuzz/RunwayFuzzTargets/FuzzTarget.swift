import Mustache
import RunwayEngine
import RunwayModel
import RunwayYAML

/// The readers a user's bytes reach, one fuzz target each (docs/fuzzing.md). `run` hands
/// them any input; a refusal is a normal outcome, and only a crash, a hang or a broken
/// round trip is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// Workflow, directory, scenario and `@FILE` YAML: the loader, then validation.
  case yaml
  /// The expression lexer, parser and type checker, then evaluation of what checks.
  case expression
  /// The template checks and the compiled reader, which must accept and render exactly what
  /// Mustache's parser does.
  case template
  /// `--param`/`--set` text: the first byte picks the declared type, the rest is the value;
  /// the same text is read as a tester list too.
  case param
  /// The JSON value reader in both styles; a plain value must read back as itself.
  case json

  public func run(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    switch self {
    case .yaml: Self.yaml(text)
    case .expression: Self.expression(text)
    case .template: Self.template(text)
    case .param: Self.param(bytes)
    case .json: Self.json(text)
    }
  }

  static let origin = SourceLocation(file: "fuzz.yaml", line: 1, column: 1)

  private static func yaml(_ text: String) {
    if let loaded = try? WorkflowLoader.parse(text, file: "fuzz.yaml") {
      _ = WorkflowCompiler.compile(loaded.workflow)
    }
    _ = try? DirectoryLoader.parse(text, file: "fuzz.yaml")
    _ = try? ScenarioLoader.parse(text, file: "fuzz.yaml")
    _ = try? ValueLoader.parse(text, file: "fuzz.yaml")
  }

  private static func expression(_ text: String) {
    let source = ExpressionSource(text, at: origin)
    for params in [nil, FuzzContext.params] {
      let environment = ExpressionEnvironment(
        fields: FuzzContext.fields, params: params, settings: FuzzContext.settings, states: ["open", "done"])
      guard let compiled = try? CompiledExpression.compile(source, in: environment) else { continue }
      _ = try? compiled.evaluate(in: FuzzContext())
    }
  }

  static let paramTypes: [ValueType] = [
    .string, .int, .bool, .set, .map, .enumeration(["gold", "silver"]), .ref("apps"),
  ]

  private static func param(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let type = paramTypes[Int(first) % paramTypes.count]
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    if let value = try? ValueParser.parse(text, as: type, name: "p") {
      _ = try? ValueParser.coerce(value, to: type, name: "p")
    }
    _ = IntegerText.value(text)
    _ = try? TesterList.parse(text, file: "fuzz.csv")
  }

  private static func template(_ text: String) {
    let diagnostics = WorkflowCompiler.templateDiagnostics(TemplateSource(text, at: Self.origin))
    // Only what passes the checks before any parser (length, depth, partials) reaches Mustache.
    guard diagnostics.allSatisfy({ $0.message.hasPrefix("this template cannot be read") }) else { return }
    // A text that starts with a combining mark joins the pragma's closing brace into one
    // character, so Mustache (given the pragma in front) refuses what is plain text; Runway's
    // reader has no prefix and reads it (CompiledTemplateTests).
    guard ("}}" + text).count == 2 + text.count else { return }
    let compiled = CompiledTemplate(text)
    let mustache = try? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
    guard (compiled == nil) == (mustache == nil) else {
      fatalError("the compiled reader and Mustache disagree on whether a template reads")
    }
    guard let compiled, let mustache else { return }
    let expected = mustache.render(["a": "A", "s": ["n": "N"]] as [String: Any])
    guard expected.contains("[\"") || compiled.render(FuzzScope()) == expected else {
      fatalError("a compiled template renders other text than Mustache")
    }
  }

  /// `a` is text, `s` an object with member `n`: enough for sections, lookups and misses.
  private struct FuzzScope: TemplateScope {
    func value(of name: String) -> TemplateValue? {
      name == "a" ? .text("A") : name == "s" ? .object("s") : nil
    }
    func member(_ name: String, of object: String) -> TemplateValue? { name == "n" ? .text("N") : nil }
  }

  private static func json(_ text: String) {
    _ = try? JSONValueReader.read(text, style: .tagged)
    guard let value = try? JSONValueReader.read(text) else { return }
    let again = try? JSONValueReader.read(JSONText.encode(value))
    guard again == value else { fatalError("a JSON value does not read back as itself after JSONText.encode") }
  }
}
