import Foundation
import RunwayEngine
import RunwayModel

/// The releases of one workflow, newest first, filtered by state and by the workflow's ref
/// and enum fields (for the release workflows: mini program, app, environment); the columns
/// are the workflow's required fields (docs/console.md, "Releases").
struct ReleaseListPage {
  struct Filter: Sendable {
    var name: String
    var id: String
    var label: String
    var options: [FormInput.Option]
  }

  struct Row: Sendable {
    var id: String
    var state: String
    var stateTitle: String
    var cells: [String]
    var updatedAt: String
  }

  var title: String
  var chrome: PageChrome?
  var problem: String?
  var notice: String?
  var workflows: [FormInput.Option]
  var workflow: String
  var filters: [Filter]
  var columns: [String]
  var rows: [Row]
  var count: Int
  /// Names the query uses besides fields: a field so named is not offered as a filter.
  static let reserved: Set<String> = ["workflow", "state", "limit"]
  static let limit = 500

  static func make(_ console: Console, _ signedIn: SignedIn, query: QueryParameters) async throws -> ReleaseListPage {
    let names = console.runway.catalog.names
    let chosen = query.optional("workflow").flatMap { $0.isEmpty ? nil : $0 } ?? defaultWorkflow(console)
    let definition = try console.runway.workflow(chosen).workflow.definition
    let all = try await console.runway.list(workflow: chosen, states: [], fields: [:], limit: 10_000)

    let filterFields = definition.fields.filter { field in
      guard !reserved.contains(field.name) else { return false }
      switch field.type {
      case .ref, .enumeration: return true
      default: return false
      }
    }
    var conditions: [String: InputValue] = [:]
    var filters: [Filter] = []
    let state = query.optional("state") ?? ""
    filters.append(
      Filter(
        name: "state", id: "filter-state", label: "State",
        options: [FormInput.Option(value: "", label: "any", selected: state.isEmpty)]
          + definition.states.map { FormInput.Option(value: $0.name, label: $0.title, selected: $0.name == state) }))
    for field in filterFields {
      let chosenValue = query.optional(field.name) ?? ""
      if !chosenValue.isEmpty { conditions[field.name] = .text(chosenValue) }
      let values: [String]
      if case .enumeration(let declared) = field.type {
        values = declared
      } else {
        values = Set(all.compactMap { $0.fields[field.name]?.display }).sorted()
      }
      filters.append(
        Filter(
          name: field.name, id: "filter-\(field.name)", label: field.title ?? field.name,
          options: [FormInput.Option(value: "", label: "any", selected: chosenValue.isEmpty)]
            + values.map { FormInput.Option(value: $0, label: $0, selected: $0 == chosenValue) }))
    }
    let listed = try await console.runway.list(
      workflow: chosen, states: state.isEmpty ? [] : [state], fields: conditions, limit: 10_000)
    let columns = definition.fields.filter(\.required)
    let titles = Dictionary(definition.states.map { ($0.name, $0.title) }) { first, _ in first }
    let rows = listed.reversed().prefix(limit).map { instance in
      Row(
        id: instance.id, state: instance.state, stateTitle: titles[instance.state] ?? instance.state,
        cells: columns.map { instance.fields[$0.name]?.display ?? "" }, updatedAt: Timestamp.string(instance.updatedAt))
    }
    return ReleaseListPage(
      title: "Releases", chrome: signedIn.chrome,
      workflows: names.map { name in
        FormInput.Option(
          value: name, label: console.runway.catalog.current(name)?.workflow.definition.title ?? name,
          selected: name == chosen)
      },
      workflow: chosen, filters: filters, columns: columns.map { $0.title ?? $0.name }, rows: Array(rows),
      count: listed.count)
  }

  /// The workflow shown first: the first that declares `rollout:` (a release), else the first.
  static func defaultWorkflow(_ console: Console) -> String {
    let names = console.runway.catalog.names
    return names.first { console.runway.catalog.current($0)?.workflow.definition.rollout != nil } ?? names.first ?? ""
  }
}
