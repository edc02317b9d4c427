import RunwayModel
import RunwayYAML

/// Walks a draft's declarations, references, expressions and templates into a `SymbolIndex`.
/// A place is kept only when the document's text there is the name, so that a scalar the
/// loader folded or unescaped can never be edited by a rename in the wrong place.
struct SymbolIndexBuilder {
  let document: TextDocument
  let workflow: Workflow
  let root: YAMLNode?
  var occurrences: [Occurrence] = []
  var expressions: [ExpressionSite] = []
  var templates: [TemplateSite] = []

  mutating func add(
    _ kind: SymbolKind, _ name: String, at location: SourceLocation, scope: Int? = nil, declares: Bool = false
  ) {
    guard !name.isEmpty, Self.text(document, at: location, length: name.count) == Substring(name) else { return }
    occurrences.append(
      Occurrence(key: SymbolKey(kind: kind, name: name, scope: scope), location: location, isDeclaration: declares))
  }

  mutating func add(_ kind: SymbolKind, _ reference: Reference?, scope: Int? = nil) {
    guard let reference else { return }
    add(kind, reference.name, at: reference.location, scope: scope)
  }

  /// The `length` characters of the document at a loader location.
  static func text(_ document: TextDocument, at location: SourceLocation, length: Int) -> Substring? {
    let line = document.line(location.line - 1).unicodeScalars
    guard let start = line.index(line.startIndex, offsetBy: location.column - 1, limitedBy: line.endIndex),
      let end = line.index(start, offsetBy: length, limitedBy: line.endIndex)
    else { return nil }
    return Substring(line[start..<end])
  }

  mutating func build() {
    declarations()
    add(.state, workflow.initial)
    for role in workflow.start { add(.role, role) }
    for reference in workflow.unique.joined() { add(.field, reference) }
    for field in workflow.fields {
      for source in [field.defaultValue, field.check, field.overlay].compactMap({ $0 }) {
        expression(source, transition: nil, expecting: nil)
      }
      if let message = field.message { template(message, transition: nil, notification: nil) }
    }
    for role in workflow.roles {
      expression(role.workspace, transition: nil, expecting: .string)
      if let assigned = root?["roles"]?[role.name]?["assigned"]?.scalar {
        add(.field, assigned.text, at: assigned.location)
      }
    }
    for setting in workflow.settings {
      if let scope = root?["settings"]?[setting.name]?["scope"]?.scalar { add(.field, scope.text, at: scope.location) }
    }
    for state in workflow.states {
      add(.state, state.task?.onSuccess)
      add(.state, state.task?.onFailure)
      for pair in root?["states"]?[state.name]?["exposure"]?.pairs ?? [] {
        if let field = pair.value.scalar { add(.field, field.text, at: field.location) }
      }
    }
    for (index, transition) in workflow.transitions.enumerated() { self.transition(transition, index) }
    for notification in workflow.notifications {
      switch notification.to {
      case .actorOf(let event): add(.event, event)
      case .roles(let roles): for role in roles { add(.role, role) }
      case .initiator: break
      }
      for source in [notification.subject, notification.body] {
        template(source, transition: nil, notification: notification.name)
      }
    }
  }

  private mutating func declarations() {
    for state in workflow.states { add(.state, state.name, at: state.location, declares: true) }
    for field in workflow.fields { add(.field, field.name, at: field.location, declares: true) }
    for role in workflow.roles { add(.role, role.name, at: role.location, declares: true) }
    for setting in workflow.settings { add(.setting, setting.name, at: setting.location, declares: true) }
    for notification in workflow.notifications {
      add(.notification, notification.name, at: notification.location, declares: true)
    }
    for pair in root?["transitions"]?.pairs ?? [] { add(.event, pair.key, at: pair.keyLocation, declares: true) }
  }

  private mutating func transition(_ transition: Transition, _ index: Int) {
    if case .states(let sources) = transition.from { for source in sources { add(.state, source) } }
    let params = Dictionary(transition.params.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
    for choice in transition.to {
      add(.state, choice.state)
      if let when = choice.when { expression(when, transition: index, expecting: .bool) }
    }
    for role in transition.allow { add(.role, role) }
    for param in transition.params {
      add(.param, param.name, at: param.location, scope: index, declares: true)
      if let value = param.defaultValue { expression(value, transition: index, expecting: params[param.name]) }
      if let check = param.check { expression(check, transition: index, expecting: .bool) }
      if let message = param.message { template(message, transition: index, notification: nil) }
    }
    for assignment in transition.set {
      add(.field, assignment.field)
      expression(assignment.value, transition: index, expecting: workflow.field(assignment.field.name)?.type)
    }
    for notification in transition.notify { add(.notification, notification) }
  }

  private mutating func expression(_ source: ExpressionSource, transition: Int?, expecting: ValueType?) {
    expressions.append(ExpressionSite(source: source, transition: transition, expecting: expecting))
    let names = ExpressionNames(source.text)
    func at(_ offset: Int) -> SourceLocation {
      SymbolIndex.location(ofOffset: offset, in: source.text, at: source.location)
    }
    for path in names.paths where !path.isCall {
      guard let first = path.segments.first else { continue }
      switch first.name {
      case "params":
        if let transition, path.segments.count > 1 {
          add(.param, path.segments[1].name, at: at(path.segments[1].offset), scope: transition)
        }
      case "settings":
        if path.segments.count > 1 { add(.setting, path.segments[1].name, at: at(path.segments[1].offset)) }
      case "actor", "state": break
      default: add(.field, first.name, at: at(first.offset))
      }
    }
    for literal in names.literals where literal.comparedWithState {
      add(.state, literal.value, at: at(literal.offset))
    }
  }

  private mutating func template(_ source: TemplateSource, transition: Int?, notification: String?) {
    templates.append(TemplateSite(source: source, transition: transition, notification: notification))
    let fields = Set(workflow.fields.map(\.name))
    for use in TemplateNames(source.text).uses {
      let at = { (offset: Int) in SymbolIndex.location(ofOffset: offset, in: source.text, at: source.location) }
      guard let first = use.first else { continue }
      if first.name == "params", use.count > 1 {
        let param = use[1]
        // A notification's params are those of every transition that notifies it.
        let scopes =
          transition.map { [$0] }
          ?? workflow.transitions.indices.filter { index in
            workflow.transitions[index].notify.contains { $0.name == notification }
              && workflow.transitions[index].params.contains { $0.name == param.name }
          }
        for scope in scopes { add(.param, param.name, at: at(param.offset), scope: scope) }
      } else if fields.contains(first.name) {
        add(.field, first.name, at: at(first.offset))
      }
    }
  }
}
