import RunwayModel
import Testing

/// A context with fixed values, as the engine gives one instance.
struct FixedContext: EvaluationContext {
  var fields: [String: Value] = [:]
  var params: [String: Value] = [:]
  var settings: [String: Value] = [:]
  var actorID = "alice"
  var stateName = "grayscale"
  var directory = Directory(
    records: [
      "apps": ["superpay": ["name": .string("SuperPay")]],
      "merchants": ["acme": ["name": .string("Acme Foods")]],
      "miniPrograms": [
        "shop": [
          "name": .string("Acme Shop"), "merchant": .string("acme"), "versions": .set(["1.0.0", "1.1.0"]),
          "configuration": .map(["entry": .string("pages/index")]),
        ]
      ],
    ],
    actors: ["alice": Actor(name: "Alice", email: "alice@acme.example")])

  func fieldValue(_ name: String) -> Value { fields[name] ?? .null }
  func paramValue(_ name: String) -> Value { params[name] ?? .null }
  func settingValue(_ name: String) -> Value { settings[name] ?? .null }
  func attribute(_ name: String, of kind: String, id: String) -> Value? {
    directory.attribute(name, of: kind, id, in: .standard)
  }
}

@Suite("Expressions")
struct ExpressionTests {
  static let environment = ExpressionEnvironment(
    fields: [
      "miniProgram": .ref("miniPrograms"), "version": .string, "grayscalePercent": .int,
      "testers": .set, "environment": .enumeration(["production", "sandbox"]), "configuration": .map,
      "paused": .bool,
    ],
    params: ["percent": .int, "testers": .set, "reason": .string],
    settings: ["pilotTestingRequired": .bool],
    states: ["grayscale", "released"])

  static let context = FixedContext(
    fields: [
      "miniProgram": .string("shop"), "version": .string("1.1.0"), "grayscalePercent": .int(10),
      "testers": .set(["u-1", "u-2"]), "environment": .string("production"),
      "configuration": .map(["theme": .string("dark")]), "paused": .bool(false),
    ],
    params: ["percent": .int(50), "testers": .set(["u-3"]), "reason": .string("blurry")],
    settings: ["pilotTestingRequired": .bool(true)])

  static func evaluate(_ text: String) throws -> Value {
    let source = ExpressionSource(text, at: SourceLocation(file: "w.yaml", line: 3, column: 10))
    return try CompiledExpression.compile(source, in: environment).evaluate(in: context)
  }

  @Test(
    arguments: [
      ("1 + 2 * 3", Value.int(7)),
      ("(1 + 2) * 3", .int(9)),
      ("10 - 4 - 3", .int(3)),
      ("7 % 4", .int(3)),
      ("-grayscalePercent + 1", .int(-9)),
      ("params.percent > grayscalePercent", .bool(true)),
      ("params.percent == 100 || settings.pilotTestingRequired", .bool(true)),
      ("!paused && state == 'grayscale'", .bool(true)),
      ("version in miniProgram.versions", .bool(true)),
      ("'2.0.0' in miniProgram.versions", .bool(false)),
      ("miniProgram.merchant.name", .string("Acme Foods")),
      ("miniProgram.configuration", .map(["entry": .string("pages/index")])),
      ("size(testers) + testers.size()", .int(4)),
      ("testers + params.testers", .set(["u-1", "u-2", "u-3"])),
      ("testers - 'u-1'", .set(["u-2"])),
      ("['a', \"b\"] + 'c'", .set(["a", "b", "c"])),
      ("'theme' in configuration", .bool(true)),
      ("params.percent == 100 ? 'released' : 'grayscale'", .string("grayscale")),
      ("environment == 'production'", .bool(true)),
      ("version + '-rc'", .string("1.1.0-rc")),
      ("'a\\'b'", .string("a'b")),
      ("actor.email", .string("alice@acme.example")),
      ("actor == 'alice'", .bool(true)),
      ("rejectionReason == null", .bool(true)),
      ("grayscalePercent >= 10 && grayscalePercent <= 10 && version < '2'", .bool(true)),
    ] as [(String, Value)])
  func evaluates(_ text: String, _ expected: Value) throws {
    var environment = Self.environment
    environment.fields["rejectionReason"] = .string
    let source = ExpressionSource(text, at: SourceLocation(file: "w.yaml", line: 3, column: 10))
    #expect(try CompiledExpression.compile(source, in: environment).evaluate(in: Self.context) == expected)
  }

  /// Refusals at load time, each at the exact column of the offending token.
  @Test(
    arguments: [
      ("grayscalePercnt > 1", 10, "unknown field \"grayscalePercnt\" (did you mean \"grayscalePercent\"?)"),
      ("params.precent > 1", 17, "unknown param \"precent\" (did you mean \"percent\"?)"),
      ("settings.pilot", 19, "unknown setting \"pilot\""),
      ("miniProgram.merchnt", 22, "a mini program has no attribute \"merchnt\" (did you mean \"merchant\"?)"),
      ("version.size", 18, "\"size\" cannot be read from a string"),
      ("grayscalePercent in 3", 30, "\"in\" needs a set or a map on its right, but this is an int"),
      ("version + 1", 18, "\"+\" cannot combine a string and an int"),
      ("paused && 1", 20, "\"&&\" needs bools, but this is an int"),
      ("environment == 'prod'", 25, "\"prod\" is not one of production, sandbox"),
      ("state == 'reviw'", 19, "there is no state \"reviw\""),
      ("paused ? 1 : 'x'", 23, "both branches of \"?:\" must have one type"),
      ("1 +", 13, "expected a value but found the end of the expression"),
      ("(1 + 2", 16, "expected \")\" but found the end of the expression"),
      ("a = 1", 12, "use == to compare"),
      ("'open", 10, "this string is not closed with '"),
      ("1 2", 12, "unexpected 2 after a complete expression"),
      ("count(testers)", 10, "unknown function \"count\""),
      ("", 10, "the expression is empty"),
      ("99999999999999999999", 10, "the number 99999999999999999999 is too large"),
      ("grayscalePercent < 'a'", 27, "\"<\" compares two ints or two strings"),
    ] as [(String, Int, String)])
  func refuses(_ text: String, _ column: Int, _ message: String) {
    let source = ExpressionSource(text, at: SourceLocation(file: "w.yaml", line: 3, column: 10))
    #expect {
      try CompiledExpression.compile(source, in: Self.environment)
    } throws: { error in
      guard let diagnostic = (error as? DiagnosticError)?.diagnostics.first else { return false }
      return diagnostic.location == SourceLocation(file: "w.yaml", line: 3, column: column)
        && diagnostic.message.contains(message)
    }
  }

  @Test func theExpectedTypeIsChecked() throws {
    let source = ExpressionSource("grayscalePercent + 1", at: SourceLocation(file: "w.yaml", line: 1, column: 1))
    #expect(throws: DiagnosticError.self) {
      try CompiledExpression.compile(source, in: Self.environment, expecting: .bool)
    }
    #expect(try CompiledExpression.compile(source, in: Self.environment, expecting: .int).type == .int)
    let literal = ExpressionSource("'sandbox'", at: SourceLocation(file: "w.yaml", line: 1, column: 1))
    #expect(
      try CompiledExpression.compile(literal, in: Self.environment, expecting: .enumeration(["production", "sandbox"]))
        .type == .string)
  }

  @Test func paramsAreOnlyVisibleInTransitions() {
    var environment = Self.environment
    environment.params = nil
    let source = ExpressionSource("params.percent > 1", at: SourceLocation(file: "w.yaml", line: 1, column: 1))
    #expect {
      try CompiledExpression.compile(source, in: environment)
    } throws: { ($0 as? DiagnosticError)?.diagnostics.first?.message.contains("params are not available here") == true }
  }

  @Test func namesReadAreRecorded() throws {
    let source = ExpressionSource(
      "params.percent > grayscalePercent && settings.pilotTestingRequired",
      at: SourceLocation(file: "w.yaml", line: 1, column: 1))
    let compiled = try CompiledExpression.compile(source, in: Self.environment)
    #expect(compiled.fieldsRead == ["grayscalePercent"])
    #expect(compiled.paramsRead == ["percent"])
    #expect(compiled.settingsRead == ["pilotTestingRequired"])
  }

  @Test func overflowAndDivisionByZeroAreEvaluationErrors() throws {
    for text in ["9223372036854775807 + 1", "grayscalePercent / 0"] {
      let source = ExpressionSource(text, at: SourceLocation(file: "w.yaml", line: 2, column: 5))
      let compiled = try CompiledExpression.compile(source, in: Self.environment)
      #expect(throws: EvaluationError.self) { try compiled.evaluate(in: Self.context) }
    }
  }

  @Test func missingRecordsReadAsNull() throws {
    var context = Self.context
    context.fields["miniProgram"] = .string("gone")
    let source = ExpressionSource(
      "version in miniProgram.versions", at: SourceLocation(file: "w.yaml", line: 1, column: 1))
    #expect(try CompiledExpression.compile(source, in: Self.environment).evaluate(in: context) == .bool(false))
  }

  @Test func multiLineExpressionsLocateAcrossLines() {
    let source = ExpressionSource("paused &&\n  bogus", at: SourceLocation(file: "w.yaml", line: 4, column: 7))
    #expect {
      try CompiledExpression.compile(source, in: Self.environment)
    } throws: { error in
      (error as? DiagnosticError)?.diagnostics.first?.location == SourceLocation(file: "w.yaml", line: 5, column: 3)
    }
  }

  /// Depth and length are bounded (docs/workflow-format.md, "Limits"): the deepest allowed
  /// form compiles and evaluates; one more level is refused at the token that crosses it.
  static func chain(_ n: Int) -> String { Array(repeating: "1", count: n + 1).joined(separator: "+") }
  static func parentheses(_ n: Int) -> String {
    String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
  }
  static func negations(_ n: Int) -> String { String(repeating: "-", count: n) + "1" }

  static let deepest: [(String, String, Int)] = [
    (chain(63), chain(64), 127), (parentheses(63), parentheses(64), 64), (negations(63), negations(64), 63),
  ]

  @Test(arguments: deepest)
  func depthIsBoundedAtTheLimit(_ allowed: String, _ refused: String, _ offset: Int) throws {
    let at = SourceLocation(file: "w.yaml", line: 2, column: 3)
    let ok = try CompiledExpression.compile(ExpressionSource(allowed, at: at), in: Self.environment)
    _ = try ok.evaluate(in: Self.context)
    #expect {
      try CompiledExpression.compile(ExpressionSource(refused, at: at), in: Self.environment)
    } throws: { error in
      let diagnostic = (error as? DiagnosticError)?.diagnostics.first
      return diagnostic?.message == "this expression nests more than 64 levels deep"
        && diagnostic?.location == SourceLocation(file: "w.yaml", line: 2, column: 3 + offset)
    }
  }

  @Test func lengthIsBounded() throws {
    let at = SourceLocation(file: "w.yaml", line: 2, column: 3)
    let longest = "\"" + String(repeating: "x", count: InputLimits.expressionLength - 2) + "\""
    #expect(try CompiledExpression.compile(ExpressionSource(longest, at: at), in: Self.environment).type == .string)
    #expect {
      try CompiledExpression.compile(ExpressionSource(longest + " ", at: at), in: Self.environment)
    } throws: { error in
      (error as? DiagnosticError)?.diagnostics.first?.description
        == "w.yaml:2:3: error: this expression is 4097 characters long; the limit is 4096"
    }
  }
}
