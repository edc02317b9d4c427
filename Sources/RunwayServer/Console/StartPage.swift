import RunwayEngine
import RunwayModel

/// A new release ("Select App"): the start form of one workflow, an input for each declared
/// field, the required ones first; a ref is picked from the directory's records of its kind
/// (docs/console.md, "A new release").
struct StartPage {
  var title: String
  var chrome: PageChrome?
  var problem: String?
  var notice: String?
  var workflows: [FormInput.Option]
  var workflow: String
  var workflowTitle: String
  var csrf: String
  var required: [FormInput]
  var optional: [FormInput]
  /// Stored, not computed: Mustache reads values by reflection.
  var hasOptional: Bool
  var multipart: Bool

  static func make(
    _ console: Console, _ signedIn: SignedIn, workflow: String?, problem: String? = nil, values: [String: String] = [:]
  ) async throws -> StartPage {
    let chosen = workflow.flatMap { $0.isEmpty ? nil : $0 } ?? ReleaseListPage.defaultWorkflow(console)
    let definition = try console.runway.workflow(chosen).workflow.definition
    let directory = try await console.runway.directory()
    let inputs = definition.fields.map { field -> FormInput in
      var choices: [FormInput.Option]?
      if case .ref(let kind) = field.type {
        choices = directory.records(of: kind).keys.sorted().map { id in
          let name = directory.records(of: kind)[id]?["name"]?.display
          return FormInput.Option(value: id, label: name.map { "\($0) (\(id))" } ?? id, selected: false)
        }
      }
      return FormInput(form: "start", field: field, choices: choices, value: values[field.name] ?? "")
    }
    return StartPage(
      title: "New release", chrome: signedIn.chrome, problem: problem,
      workflows: console.runway.catalog.names.map { name in
        FormInput.Option(
          value: name, label: console.runway.catalog.current(name)?.workflow.definition.title ?? name,
          selected: name == chosen)
      },
      workflow: chosen, workflowTitle: definition.title ?? definition.name, csrf: signedIn.session.csrf,
      required: inputs.filter(\.required), optional: inputs.filter { !$0.required },
      hasOptional: inputs.contains { !$0.required }, multipart: inputs.contains(where: \.file))
  }
}
