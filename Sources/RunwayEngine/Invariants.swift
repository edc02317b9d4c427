import RunwayModel

extension Engine {
  /// Checks the rules every stored instance keeps: types, required fields, bounds, existing
  /// directory records, immutable fields and field checks. `previous` is nil at the start;
  /// afterwards only fields that changed are checked against their `check`.
  /// `changed` names the fields that differ from `previous` (all of them when it is nil).
  func checkInvariants(
    _ workflow: CompiledWorkflow, fields: [String: Value], previous: [String: Value]?,
    changed: [String]? = nil, state: String, actor: String
  ) throws(EngineError) {
    for compiled in previous == nil ? workflow.fields[...] : workflow.fields(named: changed ?? []) {
      let field = compiled.field
      let value = fields[field.name] ?? .null
      if let previous, field.immutable {
        let before = previous[field.name] ?? .null
        throw .rejected(
          "\(field.name) cannot change after the start (it is \(before.display)); start a new release instead")
      }
      if value.isNull {
        if field.required { throw .rejected("\(field.name) is required") }
        continue
      }
      if let problem = ValueRules.typeProblem(value, field.type, in: workflow.domain) {
        throw .invalidInput("\(field.name) \(problem)")
      }
      if let problem = ValueRules.boundsProblem(value, min: field.min, max: field.max) {
        throw .rejected("\(field.name) \(problem)")
      }
      if case .ref(let kind) = field.type, let id = value.stringValue,
        let problem = referenceProblem(kind, id, in: workflow.domain)
      {
        throw previous == nil ? .notFound(problem) : .rejected(problem)
      }
      if let check = compiled.check {
        let context = scope(workflow, fields: fields, actor: actor, state: state)
        guard try evaluate(check, in: context) == .bool(true) else {
          throw .rejected(
            checkMessage(
              field.message, fallback: "\(field.name) fails its check \"\(check.source.text)\"", fields: fields,
              params: [:], in: workflow))
        }
      }
    }
  }

  /// "no mini program "shp" in the directory (did you mean "shop"?)", or nil when it exists.
  func referenceProblem(_ kind: String, _ id: String, in domain: Domain) -> String? {
    guard !directory.contains(kind, id) else { return nil }
    return "no \(domain.noun(of: kind)) \"\(id)\" in the directory"
      + Suggestion.hint(for: id, among: directory.ids(of: kind))
  }

  /// A check's message template rendered over the fields and params, or the fallback.
  func checkMessage(
    _ template: TemplateSource?, fallback: String, fields: [String: Value], params: [String: Value],
    in workflow: CompiledWorkflow
  ) -> String {
    guard let template else { return fallback }
    let scope = CheckMessageScope(fields: fields, params: params, secretKeys: workflow.secretKeys)
    return NotificationRenderer.render(template, scope, in: workflow)
  }
}
