import RunwayModel
import RunwayYAML

/// `textDocument/documentSymbol`: the file as an outline, states and transitions first, then
/// fields, roles, settings and notifications (docs/editors.md).
struct DocumentSymbols {
  let analysis: DocumentAnalysis

  /// LSP SymbolKind values.
  enum Kind: Int {
    case namespace = 3
    case property = 7
    case field = 8
    case constant = 14
    case key = 20
    case enumMember = 22
    case event = 24
  }

  func outline() -> JSONValue {
    guard let root = analysis.draft?.root, let workflow = analysis.workflow else { return [] }
    let sections: [(key: String, kind: Kind)] = [
      ("states", .enumMember), ("transitions", .event), ("fields", .field), ("roles", .constant),
      ("settings", .property), ("notifications", .key),
    ]
    let topLines = root.pairs.map(\.keyLocation.line)
    let byEvent = Dictionary(grouping: workflow.transitions, by: \.event)
    let states = Dictionary(workflow.states.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var symbols: [JSONValue] = []
    for (key, kind) in sections {
      guard let pair = root.pair(key) else { continue }
      let end = endLine(
        after: pair.keyLocation.line, next: topLines.first { $0 > pair.keyLocation.line },
        limit: analysis.document.lineCount)
      let entries = pair.value.pairs
      let children: [JSONValue] = entries.indices.map { position in
        let entry = entries[position]
        let next = position + 1 < entries.count ? entries[position + 1].keyLocation.line : nil
        let entryEnd = endLine(after: entry.keyLocation.line, next: next, limit: end)
        return symbol(
          entry.key, detail: detail(key, entry, workflow, byEvent, states), kind: kind, at: entry.keyLocation,
          through: entryEnd,
          children: key == "transitions" ? items(entry, workflow, through: entryEnd) : [])
      }
      symbols.append(symbol(key, detail: nil, kind: .namespace, at: pair.keyLocation, through: end, children: children))
    }
    return .array(symbols)
  }

  /// An event listed with several transitions shows each as `from → to`.
  private func items(
    _ entry: (key: String, keyLocation: SourceLocation, value: YAMLNode), _ workflow: Workflow, through end: Int
  ) -> [JSONValue] {
    guard case .sequence(let nodes, _) = entry.value, nodes.count > 1 else { return [] }
    return nodes.indices.map { position in
      let node = nodes[position]
      let next = position + 1 < nodes.count ? nodes[position + 1].location.line : nil
      let transition = workflow.transitions.first { $0.location == node.location }
      return symbol(
        transition.map(arrow) ?? entry.key, detail: transition?.title, kind: .event, at: node.location,
        through: endLine(after: node.location.line, next: next, limit: end), children: [], length: 1)
    }
  }

  private func detail(
    _ section: String, _ entry: (key: String, keyLocation: SourceLocation, value: YAMLNode), _ workflow: Workflow,
    _ byEvent: [String: [Transition]], _ states: [String: State]
  ) -> String? {
    switch section {
    case "states":
      guard let state = states[entry.key] else { return nil }
      return state.terminal ? "\(state.title) (terminal)" : state.title
    case "transitions":
      let transitions = byEvent[entry.key] ?? []
      return transitions.count == 1
        ? arrow(transitions[0]) : transitions.isEmpty ? nil : "\(transitions.count) transitions"
    case "fields": return workflow.field(entry.key).map { "\($0.type)" }
    case "settings": return workflow.setting(entry.key).map { "\($0.type)" }
    default: return nil
    }
  }

  private func arrow(_ transition: Transition) -> String {
    let from: String
    switch transition.from {
    case .anyState: from = "*"
    case .states(let states): from = states.map(\.name).joined(separator: ", ")
    }
    return "\(from) → \(transition.to.map(\.state.name).joined(separator: " | "))"
  }

  /// The last line of an entry: before the next sibling, without trailing blank or comment lines.
  private func endLine(after line: Int, next: Int?, limit: Int) -> Int {
    var end = (next ?? limit + 1) - 1
    end = min(end, limit)
    while end > line {
      let text = analysis.document.line(end - 1).drop { $0 == " " }
      if !text.isEmpty, !text.hasPrefix("#") { break }
      end -= 1
    }
    return end
  }

  private func symbol(
    _ name: String, detail: String?, kind: Kind, at location: SourceLocation, through endLine: Int,
    children: [JSONValue], length: Int? = nil
  ) -> JSONValue {
    let document = analysis.document
    let selection = document.range(at: location, length: length ?? name.count)
    let last = max(endLine - 1, selection.end.line)
    let end = Position(line: last, character: document.line(last).utf16.count)
    var json: [String: JSONValue] = [
      "name": .string(name), "kind": JSONValue(kind.rawValue),
      "range": TextRange(start: selection.start, end: max(end, selection.end)).json,
      "selectionRange": selection.json, "children": .array(children),
    ]
    if let detail { json["detail"] = .string(detail) }
    return .object(json)
  }
}
