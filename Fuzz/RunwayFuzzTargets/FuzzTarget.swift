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
  /// The template checks and Mustache's parser behind them.
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
    case .template: _ = WorkflowCompiler.templateDiagnostics(TemplateSource(text, at: Self.origin))
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

  private static func json(_ text: String) {
    _ = try? JSONValueReader.read(text, style: .tagged)
    guard let value = try? JSONValueReader.read(text) else { return }
    let again = try? JSONValueReader.read(JSONText.encode(value))
    guard again == value else { fatalError("a JSON value does not read back as itself after JSONText.encode") }
  }
}
