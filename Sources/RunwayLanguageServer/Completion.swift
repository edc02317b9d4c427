import RunwayModel

/// `textDocument/completion`: the names that fit where the cursor is (docs/editors.md).
struct Completion {
  let analysis: DocumentAnalysis
  let index: SymbolIndex

  /// LSP CompletionItemKind values.
  enum ItemKind: Int {
    case field = 5
    case variable = 6
    case property = 10
    case keyword = 14
    case enumMember = 20
    case constant = 21
    case event = 23
  }

  struct Item {
    var label: String
    var kind: ItemKind
    var detail: String?
    var documentation: String?
  }

  /// The items at `position`, each replacing the part of its name already typed.
  func items(at position: Position) -> JSONValue {
    let document = analysis.document
    let lines = (0..<document.lineCount).map { document.line($0) }
    let column = document.column(of: position) - 1
    guard let workflow = analysis.workflow,
      let context = CompletionContext(lines: lines, line: position.line, column: column)
    else { return ["isIncomplete": false, "items": []] }
    let parents = CompletionContext.parents(of: position.line, in: lines)
    let partial = String(context.typed.split(separator: ".", omittingEmptySubsequences: false).last ?? "")
    let items: [Item]
    switch context.place {
    case .template:
      items = templateItems(context.typed, workflow, parents: parents, line: position.line + 1)
    case .value(let key, let chain):
      items = valueItems(key, chain, workflow, typed: context.typed, line: position.line + 1)
    case .key(let chain):
      items = chain.last == "set" ? fieldItems(workflow) : []
    }
    let start = Position(
      line: position.line,
      character: max(0, position.character - partial.utf16.count))
    let range = TextRange(start: start, end: position).json
    return [
      "isIncomplete": false,
      "items": .array(
        items.filter { partial.isEmpty || $0.label.lowercased().hasPrefix(partial.lowercased()) }.map { item in
          var json: [String: JSONValue] = [
            "label": .string(item.label), "kind": JSONValue(item.kind.rawValue),
            "textEdit": ["range": range, "newText": .string(item.label)],
          ]
          if let detail = item.detail { json["detail"] = .string(detail) }
          if let documentation = item.documentation {
            json["documentation"] = ["kind": "markdown", "value": .string(documentation)]
          }
          return .object(json)
        }),
    ]
  }

  private func valueItems(_ key: String, _ parents: [String], _ workflow: Workflow, typed: String, line: Int) -> [Item]
  {
    let inNotifications = parents.first == "notifications"
    switch key {
    case "from", "initial", "success", "failure", "state":
      return stateItems(workflow)
    case "to" where !inNotifications:
      return stateItems(workflow)
    case "allow", "roles":
      return workflow.roles.map { Item(label: $0.name, kind: .constant, detail: "role", documentation: $0.description) }
    case "notify":
      return workflow.notifications.map {
        Item(label: $0.name, kind: .event, detail: "notification", documentation: nil)
      }
    case "actorOf":
      return Array(Set(workflow.transitions.map(\.event))).sorted().map {
        Item(label: $0, kind: .event, detail: "event", documentation: nil)
      }
    case "assigned", "scope", "testers", "percent":
      return fieldItems(workflow)
    case "when", "check", "overlay", "workspace":
      return expressionItems(typed, workflow, line: line)
    case "default" where parents.first != "settings":
      return expressionItems(typed, workflow, line: line)
    default:
      return parents.last == "set" ? expressionItems(typed, workflow, line: line) : []
    }
  }

  private func stateItems(_ workflow: Workflow) -> [Item] {
    workflow.states.map {
      Item(
        label: $0.name, kind: .enumMember, detail: $0.terminal ? "\($0.title) (terminal)" : $0.title,
        documentation: $0.description)
    }
  }

  private func fieldItems(_ workflow: Workflow) -> [Item] {
    workflow.fields.map { Item(label: $0.name, kind: .field, detail: "\($0.type)", documentation: $0.title) }
  }

  /// The transition a line of the file belongs to: the last one declared at or above it.
  func transition(atLine line: Int, _ workflow: Workflow) -> Int? {
    guard let transitionsLine = analysis.draft?.root?.pair("transitions")?.keyLocation.line, line > transitionsLine
    else {
      return nil
    }
    let next = analysis.draft?.root?.pairs.map(\.keyLocation.line).filter { $0 > transitionsLine }.min() ?? Int.max
    guard line < next else { return nil }
    return workflow.transitions.indices.last { workflow.transitions[$0].location.line <= line }
  }

  private func expressionItems(_ typed: String, _ workflow: Workflow, line: Int) -> [Item] {
    let segments = typed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let base = segments.dropLast()
    let transition = transition(atLine: line, workflow)
    switch base.first {
    case nil:
      var items = fieldItems(workflow)
      items += ["actor", "state", "settings"].map { Item(label: $0, kind: .keyword, detail: nil, documentation: nil) }
      if transition != nil { items.append(Item(label: "params", kind: .keyword, detail: nil, documentation: nil)) }
      items += ["size", "true", "false", "null"].map {
        Item(label: $0, kind: .keyword, detail: nil, documentation: nil)
      }
      return items
    case "params" where base.count == 1:
      guard let transition else { return [] }
      return workflow.transitions[transition].params.map {
        Item(label: $0.name, kind: .variable, detail: "\($0.type)", documentation: $0.title)
      }
    case "settings" where base.count == 1:
      return workflow.settings.map {
        Item(label: $0.name, kind: .property, detail: "\($0.type)", documentation: $0.description)
      }
    default:
      let environment = ExpressionEnvironment(
        fields: Dictionary(workflow.fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first }),
        params: transition.map { index in
          Dictionary(
            workflow.transitions[index].params.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        },
        settings: Dictionary(workflow.settings.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first }),
        domain: analysis.domain)
      let source = ExpressionSource(base.joined(separator: "."), at: workflow.location)
      guard let compiled = try? CompiledExpression.compile(source, in: environment), case .ref(let kind) = compiled.type
      else { return [] }
      let noun = analysis.domain.noun(of: kind)
      return entityAttributes(of: kind, in: analysis.domain).sorted { $0.key < $1.key }.map {
        Item(label: $0.key, kind: .property, detail: "\($0.value)", documentation: "attribute of a \(noun)")
      }
    }
  }

  private func templateItems(_ typed: String, _ workflow: Workflow, parents: [String], line: Int) -> [Item] {
    let segments = typed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let inNotification = parents.first == "notifications"
    let notification = inNotification ? parents.dropFirst().first : nil
    switch segments.dropLast().first {
    case nil:
      var items = fieldItems(workflow)
      if inNotification {
        items += ["state", "event", "actor", "workflow", "instance"].map {
          Item(label: $0, kind: .keyword, detail: nil, documentation: nil)
        }
      }
      items.append(Item(label: "params", kind: .keyword, detail: nil, documentation: nil))
      return items
    case "params":
      let params: [Param]
      if let notification {
        params = workflow.transitions.filter { $0.notify.contains { $0.name == notification } }.flatMap(\.params)
      } else {
        params = transition(atLine: line, workflow).map { workflow.transitions[$0].params } ?? []
      }
      var seen = Set<String>()
      return params.filter { seen.insert($0.name).inserted }.map {
        Item(label: $0.name, kind: .variable, detail: "\($0.type)", documentation: $0.title)
      }
    case "state" where inNotification:
      return ["name", "title"].map { Item(label: $0, kind: .property, detail: "string", documentation: nil) }
    case "actor" where inNotification:
      return ["id", "email", "name"].map { Item(label: $0, kind: .property, detail: "string", documentation: nil) }
    default:
      return []
    }
  }
}
