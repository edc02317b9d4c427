import RunwayModel

/// A workflow's state diagram as inline SVG, drawn on the server so that the page needs no
/// script and no CDN: states in rows by their distance from the initial state, arrows
/// labelled with their events (docs/console.md, "Workflows"). Every text is XML-escaped here;
/// the page inserts the SVG as it is.
struct WorkflowDiagram {
  let graph: WorkflowGraph

  init(_ graph: WorkflowGraph) { self.graph = graph }

  static let boxWidth = 176
  static let boxHeight = 46
  static let columnGap = 70
  static let rankGap = 64
  static let margin = 24
  /// Room on the right for arrows that go back up.
  static let returnLane = 150

  /// The rank of each state: its distance from the initial state (unreached ones last).
  var ranks: [String: Int] {
    let initial = graph.workflow.initial.name
    var rank: [String: Int] = [initial: 0]
    var queue = [initial]
    while !queue.isEmpty {
      let current = queue.removeFirst()
      for edge in graph.edges where edge.from == current && rank[edge.to] == nil {
        rank[edge.to] = (rank[current] ?? 0) + 1
        queue.append(edge.to)
      }
    }
    let last = (rank.values.max() ?? 0) + 1
    for state in graph.workflow.states where rank[state.name] == nil { rank[state.name] = last }
    return rank
  }

  /// Top to bottom: one row a rank, the states of a rank side by side.
  var svg: String {
    let ranks = self.ranks
    var position: [String: (x: Int, y: Int)] = [:]
    var widths: [Int: Int] = [:]
    for state in graph.workflow.states {
      let rank = ranks[state.name] ?? 0
      let index = widths[rank, default: 0]
      widths[rank] = index + 1
      position[state.name] = (
        Self.margin + index * (Self.boxWidth + Self.columnGap),
        Self.margin + 12 + rank * (Self.boxHeight + Self.rankGap)
      )
    }
    let columns = widths.values.max() ?? 1
    let right = Self.margin + columns * (Self.boxWidth + Self.columnGap) - Self.columnGap
    let width = right + Self.returnLane + Self.margin
    let height = Self.margin * 2 + 12 + ((ranks.values.max() ?? 0) + 1) * (Self.boxHeight + Self.rankGap)

    // One arrow a pair of states, its events joined.
    var labels: [String: [String]] = [:]
    var pairs: [(String, String)] = []
    for edge in graph.edges {
      let key = edge.from + "\u{0}" + edge.to
      let event = String(edge.label.prefix { $0 != " " })
      if labels[key] == nil { pairs.append((edge.from, edge.to)) }
      if !(labels[key] ?? []).contains(event) { labels[key, default: []].append(event) }
    }
    var parts = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">",
      "<title>\(Self.escaped(graph.workflow.title ?? graph.workflow.name)): states and transitions</title>",
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>",
    ]
    var returns = 0
    for (from, to) in pairs {
      guard let start = position[from], let end = position[to] else { continue }
      let label = Self.escaped((labels[from + "\u{0}" + to] ?? []).joined(separator: ", "))
      let path: String
      let labelX: Int
      let labelY: Int
      var anchor = "start"
      if from == to {
        let x = start.x + Self.boxWidth
        let y = start.y + 10
        path = "M\(x),\(y) C\(x + 30),\(y - 18) \(x + 30),\(y + 34) \(x),\(y + 22)"
        labelX = x + 26
        labelY = y + 2
      } else if end.y > start.y {
        let x1 = start.x + Self.boxWidth / 2
        let y1 = start.y + Self.boxHeight
        let x2 = end.x + Self.boxWidth / 2
        let y2 = end.y
        let middle = (y1 + y2) / 2
        path = "M\(x1),\(y1) C\(x1),\(middle) \(x2),\(middle) \(x2),\(y2)"
        labelX = (x1 + x2) / 2 + 6
        labelY = middle + (x1 == x2 ? 4 : -2)
      } else {
        // Back up (or across a rank): out to the right lane and in from the right.
        returns += 1
        let lane = right + 24 + (returns % 5) * 24
        let y1 = start.y + Self.boxHeight / 2
        let y2 = end.y + Self.boxHeight / 2 + 8
        path = "M\(start.x + Self.boxWidth),\(y1) C\(lane),\(y1) \(lane),\(y2) \(end.x + Self.boxWidth),\(y2)"
        labelX = lane - 4
        labelY = (y1 + y2) / 2
        anchor = "end"
      }
      parts.append(
        "<g class=\"edge\"><path d=\"\(path)\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"/>"
          + "<text x=\"\(labelX)\" y=\"\(labelY)\" text-anchor=\"\(anchor)\" font-size=\"11\" fill=\"#234\">\(label)</text></g>"
      )
    }
    for state in graph.workflow.states {
      guard let at = position[state.name] else { continue }
      let dashed = graph.optionalStates.contains(state.name) ? " stroke-dasharray=\"5 4\"" : ""
      let stroke = state.terminal ? "3" : "1.5"
      let fill = state.name == graph.workflow.initial.name ? "#e8f1fb" : state.exposure == .none ? "#ffffff" : "#eaf7ea"
      parts.append(
        "<g class=\"state\" id=\"state-\(Self.escaped(state.name))\"><rect x=\"\(at.x)\" y=\"\(at.y)\" width=\"\(Self.boxWidth)\" height=\"\(Self.boxHeight)\" rx=\"8\" fill=\"\(fill)\" stroke=\"#234\" stroke-width=\"\(stroke)\"\(dashed)/>"
          + "<text x=\"\(at.x + Self.boxWidth / 2)\" y=\"\(at.y + 20)\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"#123\">\(Self.escaped(state.title))</text>"
          + "<text x=\"\(at.x + Self.boxWidth / 2)\" y=\"\(at.y + 36)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#456\">\(Self.escaped(state.name))</text></g>"
      )
    }
    parts.append("</svg>")
    return parts.joined(separator: "\n")
  }

  /// Text safe inside SVG elements and attributes.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}
