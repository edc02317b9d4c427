import Mustache

/// Validates a loaded definition and compiles it for the engine. Every problem is reported
/// with its location; the compiled workflow exists only when there is no error.
public enum WorkflowCompiler {
  /// Validates `definition` against the domain its `ref` fields and expressions name
  /// (docs/domain.md); `workflow` is nil when any error was found.
  public static func compile(_ definition: Workflow, domain: Domain = .standard) -> (
    workflow: CompiledWorkflow?, diagnostics: [Diagnostic]
  ) {
    var compiler = DefinitionChecker(definition, domain: domain)
    let compiled = compiler.run()
    let diagnostics = compiler.diagnostics.sorted { a, b in
      let l = a.location ?? SourceLocation(file: "", line: 0, column: 0)
      let r = b.location ?? SourceLocation(file: "", line: 0, column: 0)
      return l.precedes(r)
    }
    let failed = diagnostics.contains { $0.severity == .error }
    return (failed ? nil : compiled, diagnostics)
  }

  /// What validation says of one template alone: its limits, its tags and Mustache's syntax,
  /// not the variables it names (those depend on the workflow). The fuzz target drives this.
  public static func templateDiagnostics(_ template: TemplateSource) -> [Diagnostic] {
    let scan = TemplateVariables.scan(template.text)
    if let problem = scan.problem {
      return [.error(problem.message, at: template.location(ofOffset: problem.offset))]
    }
    _ = template.locations(ofAscending: scan.uses.map(\.offset))
    guard CompiledTemplate(template.text) != nil else {
      return [
        .error(
          "this template cannot be read: \(DefinitionChecker.readingProblem(template.text))", at: template.location)
      ]
    }
    return []
  }
}

/// The checks, one method per concern; problems accumulate in `diagnostics`.
struct DefinitionChecker {
  let definition: Workflow
  let domain: Domain
  var diagnostics: [Diagnostic] = []
  let fieldTypes: [String: ValueType]
  let settingTypes: [String: ValueType]
  let stateNames: Set<String>
  let roleNames: [String]
  let states: StateIndex
  let fieldsByName: [String: Field]
  /// Field name → position of its first declaration in `definition.fields`.
  let fieldIDs: [String: Int]
  /// Expressions already compiled here, by text, params and expected type: a workflow
  /// repeats its conditions and assignments, and each is parsed and type-checked once.
  private var compiledExpressions: [ExpressionKey: CompiledExpression] = [:]
  /// Each template's scan, once per text: the checks and the compilation both need it, and
  /// walking a template's characters was a twentieth of a `runway fire` (W2).
  private var templateScans: [String: TemplateVariables.Scan] = [:]

  /// The scan of `text`, made once.
  mutating func scan(_ text: String) -> TemplateVariables.Scan {
    if let known = templateScans[text] { return known }
    let scan = TemplateVariables.scan(text)
    templateScans[text] = scan
    return scan
  }
  private var lastExpression: (key: ExpressionKey, compiled: CompiledExpression)?

  private struct ExpressionKey: Hashable {
    var text: String
    var params: [String: ValueType]?
    var expecting: ValueType?
  }

  init(_ definition: Workflow, domain: Domain) {
    self.definition = definition
    self.domain = domain
    fieldTypes = Dictionary(
      definition.fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
    settingTypes = Dictionary(
      definition.settings.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
    stateNames = Set(definition.states.map(\.name))
    roleNames = definition.roles.map(\.name)
    states = StateIndex(definition)
    fieldsByName = Dictionary(definition.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    fieldIDs = Dictionary(
      definition.fields.indices.map { (definition.fields[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
  }

  mutating func error(_ message: String, at location: SourceLocation?) {
    diagnostics.append(.error(message, at: location))
  }

  mutating func warning(_ message: String, at location: SourceLocation?) {
    diagnostics.append(.warning(message, at: location))
  }

  /// Compiles an expression, recording its diagnostics; nil when it does not type-check.
  mutating func expression(
    _ source: ExpressionSource?, params: [String: ValueType]? = nil, expecting: ValueType? = nil
  ) -> CompiledExpression? {
    guard let source else { return nil }
    let key = ExpressionKey(text: source.text, params: params, expecting: expecting)
    // Workflows repeat an expression in neighbouring transitions: comparing with the last one
    // is cheaper than hashing the key (W3, docs/benchmarks.md).
    if let last = lastExpression, last.key == key { return last.compiled.relocated(to: source) }
    if let known = compiledExpressions[key] {
      lastExpression = (key, known)
      return known.relocated(to: source)
    }
    let environment = ExpressionEnvironment(
      fields: fieldTypes, params: params, settings: settingTypes, states: stateNames, domain: domain)
    do {
      let compiled = try CompiledExpression.compile(source, in: environment, expecting: expecting)
      compiledExpressions[key] = compiled
      lastExpression = (key, compiled)
      return compiled
    } catch {
      diagnostics += error.diagnostics
      return nil
    }
  }

  mutating func run() -> CompiledWorkflow {
    checkFields()
    checkEntityReferences()
    checkUniqueAndSettings()
    checkRollout()
    let roles = checkRoles()
    checkStates()
    let (transitions, index) = compileTransitions(roles: roles)
    checkTimers(transitions)
    checkNotifications()
    checkGraph(index)
    let fields = definition.fields.map { field in
      CompiledField(
        field: field, defaultValue: expression(field.defaultValue, expecting: field.type),
        check: expression(field.check, expecting: .bool),
        overlay: expression(field.overlay, expecting: .map))
    }
    return CompiledWorkflow(
      definition: definition, domain: domain, fields: fields, roles: roles, states: states, transitions: index,
      templates: compileTemplates())
  }

  /// Parses every template once; one that cannot be read is an error at its place.
  mutating func compileTemplates() -> [String: CompiledTemplate] {
    var sources = definition.fields.compactMap(\.message)
    // By index: iterating the transitions would copy each one (all its lists) to read one.
    for index in definition.transitions.indices {
      sources += definition.transitions[index].params.compactMap(\.message)
    }
    sources += definition.notifications.flatMap { [$0.subject, $0.body] }
    var templates: [String: CompiledTemplate] = [:]
    for source in sources where templates[source.text] == nil {
      // Refused by checkTemplate already; Mustache's parser would recurse once per section.
      if scan(source.text).problem != nil { continue }
      if let compiled = CompiledTemplate(source.text) {
        templates[source.text] = compiled
      } else {
        self.error("this template cannot be read: \(Self.readingProblem(source.text))", at: source.location)
      }
    }
    return templates
  }

  /// Why a template that `CompiledTemplate` does not read is refused, in Mustache's words:
  /// the compiled reader follows Mustache's grammar, so its parser names the problem.
  static func readingProblem(_ text: String) -> String {
    do { _ = try MustacheTemplate(string: plainText + text) } catch { return templateProblem(error) }
    return "its tags are not all {{name}}, {{{name}}}, {{&name}}, sections or comments"
  }

  /// Mustache's parser error in one phrase.
  static func templateProblem(_ error: any Error) -> String {
    let cause = (error as? MustacheTemplate.ParserError)?.error ?? error
    switch cause as? MustacheTemplate.Error {
    case .expectedSectionEnd: return "a {{#section}} or {{^section}} has no matching {{/section}}"
    case .sectionCloseNameIncorrect: return "a {{/section}} closes a section that is not the one open"
    case .unfinishedName: return "a tag is not closed with }}"
    case .invalidSetDelimiter: return "a {{=delimiter=}} tag is malformed"
    default: return "Mustache refuses it (\(cause))"
    }
  }

  /// Templates render plain text: no HTML escaping.
  static let plainText = "{{% CONTENT_TYPE: TEXT}}"

  /// `did you mean` among the declared names of one kind.
  func unknown(_ kind: String, _ name: String, among names: some Sequence<String>) -> String {
    "unknown \(kind) \"\(name)\"" + Suggestion.hint(for: name, among: names)
  }
}
