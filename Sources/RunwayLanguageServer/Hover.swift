import RunwayModel
import RunwayYAML

/// `textDocument/hover`: what a name under the cursor declares (title, description, type),
/// and the type of the expression it stands in (docs/editors.md).
struct Hover {
  let analysis: DocumentAnalysis
  let index: SymbolIndex

  func hover(at position: Position) -> JSONValue {
    let document = analysis.document
    let line = position.line + 1
    let column = document.column(of: position)
    guard let workflow = analysis.workflow else { return .null }
    var sections: [String] = []
    var range: TextRange?
    if let occurrence = index.occurrence(line: line, column: column) {
      sections.append(describe(occurrence.key, workflow))
      range = document.range(at: occurrence.location, length: occurrence.length)
    }
    if let found = index.expression(line: line, column: column) {
      sections.append(expressionType(found.site, workflow))
    }
    guard !sections.isEmpty else { return .null }
    var result: [String: JSONValue] = [
      "contents": ["kind": "markdown", "value": .string(sections.joined(separator: "\n\n---\n\n"))]
    ]
    if let range { result["range"] = range.json }
    return .object(result)
  }

  /// `**state** review — Under Review` and its description.
  func describe(_ key: SymbolKey, _ workflow: Workflow) -> String {
    let root = analysis.draft?.root
    var heading = "**\(key.kind.rawValue)** `\(key.name)`"
    var body: [String] = []
    switch key.kind {
    case .state:
      guard let state = workflow.state(key.name) else { return heading + " (not declared)" }
      heading += " — \(state.title)"
      if state.terminal { body.append("Terminal: nothing leaves it.") }
      if let task = state.task { body.append("Runs the task `\(task.name)`.") }
      if let description = state.description { body.append(description) }
    case .field:
      guard let field = workflow.field(key.name) else { return heading + " (not declared)" }
      heading += ": `\(Self.typeName(field.type))`"
      if let title = field.title { heading += " — \(title)" }
      var traits: [String] = []
      if field.required { traits.append("required") }
      if field.immutable { traits.append("immutable") }
      if !traits.isEmpty { body.append(traits.joined(separator: ", ").capitalizedFirst + ".") }
      if let description = root?["fields"]?[key.name]?["description"]?.scalar?.text { body.append(description) }
    case .role:
      guard let role = workflow.role(key.name) else { return heading + " (not declared)" }
      body.append(
        "Held in the workspace `\(role.workspace.text)`" + (role.assigned.map { ", for the \($0) assigned" } ?? "")
          + ".")
      if let description = role.description { body.append(description) }
    case .setting:
      guard let setting = workflow.setting(key.name) else { return heading + " (not declared)" }
      heading += ": `\(Self.typeName(setting.type))`"
      body.append("Default `\(setting.defaultValue.display)`" + (setting.scope.map { ", scoped by \($0)" } ?? "") + ".")
      if let description = setting.description { body.append(description) }
    case .param:
      guard let scope = key.scope, workflow.transitions.indices.contains(scope),
        let param = workflow.transitions[scope].params.first(where: { $0.name == key.name })
      else { return heading + " (not declared)" }
      heading += ": `\(Self.typeName(param.type))`"
      if let title = param.title { heading += " — \(title)" }
      body.append("A param of `\(workflow.transitions[scope].event)`" + (param.required ? ", required." : "."))
    case .notification:
      guard let notification = workflow.notification(key.name) else { return heading + " (not declared)" }
      body.append("Subject: \(notification.subject.text)")
    case .event:
      let transitions = workflow.transitions(for: key.name)
      if let title = transitions.first?.title { heading += " — \(title)" }
      if let description = transitions.first?.description { body.append(description) }
    }
    return ([heading] + body).joined(separator: "\n\n")
  }

  /// The type the expression has where it stands, or why it has none.
  private func expressionType(_ site: ExpressionSite, _ workflow: Workflow) -> String {
    let params = site.transition.map { index in
      Dictionary(workflow.transitions[index].params.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
    }
    let environment = ExpressionEnvironment(
      fields: Dictionary(workflow.fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first }),
      params: params,
      settings: Dictionary(workflow.settings.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first }),
      states: Set(workflow.states.map(\.name)))
    do {
      let compiled = try CompiledExpression.compile(site.source, in: environment)
      return "expression: `\(Self.typeName(compiled.type))`"
        + (site.expecting.map { ", where \(Self.typeName($0)) is expected" } ?? "")
    } catch {
      return "expression: no type — \(error.diagnostics.first?.message ?? "it does not check")"
    }
  }

  /// `enum(a, b)` rather than `enum`: the values are what a reader wants.
  static func typeName(_ type: ValueType) -> String {
    if case .enumeration(let values) = type { return "enum(\(values.joined(separator: ", ")))" }
    return type.description
  }
}

extension String {
  fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
