import RunwayEngine
import RunwayModel

/// A workflow as the API serves it: what a form or a console needs to draw it, and its source
/// (docs/api.md, "Workflows"). A list leaves out `states`, `fields`, `events` and `source`.
public struct WorkflowJSON: Encodable, Sendable {
  public struct StateJSON: Encodable, Sendable {
    public var name: String
    public var title: String
    public var terminal: Bool
  }
  public struct FieldJSON: Encodable, Sendable {
    public var name: String
    public var type: String
    public var title: String?
    public var required: Bool
    public var immutable: Bool
  }
  public struct EventJSON: Encodable, Sendable {
    public var event: String
    public var title: String?
    /// The states it applies in; `["*"]` for any state that is not terminal.
    public var from: [String]
    public var to: [String]
    public var roles: [String]
  }

  public var name: String
  public var title: String?
  public var description: String?
  public var digest: String
  public var initial: String?
  public var states: [StateJSON]?
  public var fields: [FieldJSON]?
  public var events: [EventJSON]?
  public var source: String?

  /// The workflow in full (`detailed`) or as a list shows it.
  public init(_ entry: WorkflowCatalog.Entry, detailed: Bool) {
    let definition = entry.workflow.definition
    name = definition.name
    title = definition.title
    description = definition.description
    digest = entry.workflow.digest
    guard detailed else { return }
    initial = definition.initial.name
    states = definition.states.map { StateJSON(name: $0.name, title: $0.title, terminal: $0.terminal) }
    fields = definition.fields.map {
      FieldJSON(
        name: $0.name, type: $0.type.description, title: $0.title, required: $0.required, immutable: $0.immutable)
    }
    events = definition.transitions.map { transition in
      let from: [String]
      switch transition.from {
      case .anyState: from = ["*"]
      case .states(let names): from = names.map(\.name)
      }
      return EventJSON(
        event: transition.event, title: transition.title, from: from, to: transition.to.map(\.state.name),
        roles: transition.allow.map(\.name))
    }
    source = entry.sourceText
  }
}
