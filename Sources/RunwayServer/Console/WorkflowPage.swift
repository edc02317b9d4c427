import RunwayModel

/// A workflow as a person reads it: its states, its transitions with who may fire them and
/// the params they take, and its diagram as Mermaid text (the same as `runway graph` and
/// `/v1/workflows/NAME/graph`) beside an SVG drawn here (docs/console.md, "Workflows").
struct WorkflowPage {
  struct StateRow: Sendable {
    var name: String
    var title: String
    /// Not `description`: a missing one would show the workflow's (Mustache looks up the stack).
    var summary: String?
    var notes: String
  }

  struct TransitionRow: Sendable {
    var event: String
    var title: String
    var from: String
    var to: String
    var roles: String
    var params: String
  }

  var title: String
  var chrome: PageChrome?
  var problem: String?
  var notice: String?
  var name: String
  var description: String?
  var states: [StateRow]
  var transitions: [TransitionRow]
  var mermaid: String
  var diagram: String

  init(_ definition: Workflow, chrome: PageChrome) {
    title = definition.title ?? definition.name
    self.chrome = chrome
    name = definition.name
    description = definition.description
    states = definition.states.map { state in
      var notes: [String] = []
      if state.name == definition.initial.name { notes.append("initial") }
      if state.terminal { notes.append("terminal") }
      if let task = state.task { notes.append("runs the \(task.name) task") }
      switch state.exposure {
      case .none: break
      case .all: notes.append("serves every user")
      case .percent(let field): notes.append("serves the percentage in \(field)")
      case .testers(let field): notes.append("serves the testers in \(field)")
      }
      return StateRow(
        name: state.name, title: state.title, summary: state.description, notes: notes.joined(separator: ", "))
    }
    transitions = definition.transitions.map { transition in
      let from: String
      switch transition.from {
      case .anyState: from = "any state not terminal"
      case .states(let names): from = names.map(\.name).joined(separator: ", ")
      }
      return TransitionRow(
        event: transition.event, title: transition.title ?? transition.event, from: from,
        to: transition.to.map { choice in
          choice.when.map { "\(choice.state.name) when \($0.text)" } ?? choice.state.name
        }
        .joined(separator: "; "),
        roles: transition.allow.map(\.name).joined(separator: ", "),
        params: transition.params.map { "\($0.name) (\($0.type.description)\($0.required ? ", required" : ""))" }
          .joined(separator: ", "))
    }
    let graph = WorkflowGraph(definition)
    mermaid = graph.mermaid
    diagram = WorkflowDiagram(graph).svg
  }
}
