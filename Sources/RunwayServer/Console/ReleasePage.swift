import Foundation
import RunwayEngine
import RunwayModel

/// A release's progress (docs/console.md, "A release"): the stepper of the workflow's states,
/// the fields, the exposure, the forms of the events the actor may fire, the blockers of the
/// others on request, which version a user gets, and the history.
struct ReleasePage {
  struct Step: Sendable {
    var name: String
    var title: String
    var status: String
    var current: Bool
  }

  struct Blocked: Sendable {
    var event: String
    var title: String
    var reasons: [String]
  }

  struct Entry: Sendable {
    var revision: Int
    var event: String
    var title: String
    var from: String?
    var to: String
    var actor: String
    var at: String
    var params: [DisplayedValue]
    var note: String?
  }

  struct Exposure: Sendable {
    var percent: Int
    var sentence: String
  }

  var title: String
  var chrome: PageChrome?
  var problem: String?
  var notice: String?
  var id: String
  var workflow: String
  var workflowTitle: String
  var state: String
  var stateTitle: String
  var stateDescription: String?
  var revision: Int
  var steps: [Step]
  var fields: [DisplayedValue]
  var exposure: Exposure?
  var forms: [EventForm]
  var showBlockers: Bool
  var blocked: [Blocked]
  var history: [Entry]
  /// Set when older entries are left out: how many are shown of how many.
  var historyNote: String?
  var rollout: RolloutBox?

  /// The newest entries a page shows unless `?history=all` asks for every one: a release
  /// fired thousands of times would otherwise make a page of thousands of entries
  /// (docs/console.md, "A release").
  static let shownEntries = 50

  /// The page of release `id` as `signedIn` sees it; `problem` is a refusal to show above it,
  /// `values` what was typed in the refused form.
  static func make(
    _ console: Console, _ signedIn: SignedIn, id: String, query: QueryParameters, problem: String? = nil,
    values: [String: String] = [:], failedEvent: String? = nil
  ) async throws -> ReleasePage {
    let view = try await console.runway.view(id, caller: signedIn.caller)
    let events = try await console.runway.events(id, caller: signedIn.caller)
    let entries = try await console.runway.history(id)
    let definition = try console.runway.workflow(view.instance.workflow).workflow.definition
    let fieldTitles = Dictionary(definition.fields.map { ($0.name, $0.title ?? $0.name) }) { first, _ in first }
    let stateTitles = Dictionary(definition.states.map { ($0.name, $0.title) }) { first, _ in first }
    let eventTitles = Dictionary(definition.transitions.map { ($0.event, $0.title ?? $0.event) }) { first, _ in first }
    let visited = Set(entries.flatMap { [$0.to] + ($0.from.map { [$0] } ?? []) })

    var notice: String?
    if let done = query.optional("done"), done == "start" || eventTitles[done] != nil {
      notice = "\(eventTitles[done] ?? "Start") done: the release is now \(view.stateTitle)."
    }
    let state = definition.states.first { $0.name == view.instance.state }
    let shown = query.optional("history") == "all" ? entries[...] : entries.suffix(Self.shownEntries)
    return ReleasePage(
      title: "\(view.instance.id) · \(view.stateTitle)", chrome: signedIn.chrome, problem: problem, notice: notice,
      id: view.instance.id, workflow: view.instance.workflow, workflowTitle: definition.title ?? definition.name,
      state: view.instance.state, stateTitle: view.stateTitle, stateDescription: state?.description,
      revision: view.instance.revision,
      steps: definition.states.map { step in
        let current = step.name == view.instance.state
        return Step(
          name: step.name, title: step.title,
          status: current ? "current" : visited.contains(step.name) ? "done" : "todo", current: current)
      },
      fields: view.fieldOrder.compactMap { name in
        view.fields[name].map { DisplayedValue(name: name, label: fieldTitles[name], $0) }
      },
      exposure: exposure(state?.exposure ?? .none, view.fields, definition),
      forms: events.filter(\.allowed).map {
        EventForm(
          $0, instance: view.instance.id, csrf: signedIn.session.csrf, values: $0.event == failedEvent ? values : [:])
      },
      showBlockers: query.optional("blockers") != nil,
      blocked: events.filter { !$0.allowed }.map {
        Blocked(event: $0.event, title: $0.title ?? $0.event, reasons: $0.blockers.map(\.message))
      },
      history: shown.map { entry in
        Entry(
          revision: entry.revision, event: entry.event, title: eventTitles[entry.event] ?? entry.event,
          from: entry.from.map { stateTitles[$0] ?? $0 }, to: stateTitles[entry.to] ?? entry.to, actor: entry.actor,
          at: Timestamp.string(entry.at),
          params: entry.params.keys.sorted().map { DisplayedValue(name: $0, entry.params[$0] ?? .null) },
          note: entry.note)
      },
      historyNote: shown.count < entries.count
        ? "The newest \(shown.count) of \(entries.count) entries." : nil,
      rollout: try await RolloutBox.forRelease(console, definition, view, user: query.optional("user")))
  }

  /// How many users the state serves the version to, when it serves any.
  static func exposure(_ exposure: RunwayModel.Exposure, _ fields: [String: Value], _ definition: Workflow)
    -> Exposure?
  {
    let version = definition.rollout.flatMap { fields[$0.version.name]?.display } ?? "this version"
    switch exposure {
    case .none: return nil
    case .all: return Exposure(percent: 100, sentence: "Every user gets \(version).")
    case .percent(let field):
      let percent = fields[field]?.intValue ?? 0
      return Exposure(percent: percent, sentence: "\(percent)% of users get \(version) (grayscale).")
    case .testers(let field):
      let count = fields[field]?.setValue?.count ?? 0
      return Exposure(percent: 0, sentence: "\(count) pilot tester\(count == 1 ? "" : "s") get \(version).")
    }
  }
}
