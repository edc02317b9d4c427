import Foundation
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// How instances and their histories look on the terminal and in JSON.
enum InstancePrinter {
  static func json(_ view: InstanceView) -> InstanceJSON { InstanceJSON(view) }

  static func text(_ view: InstanceView, viewer: String?) -> String {
    let instance = view.instance
    var lines = [
      "\(instance.id) · \(instance.workflow) · revision \(instance.revision)",
      "state: \(instance.state) (\(view.stateTitle))\(view.terminal ? ", terminal" : "")",
    ]
    let names = view.fieldOrder.filter { view.fields[$0] != nil }
    let width = names.map(\.count).max() ?? 0
    if !names.isEmpty { lines.append("fields:") }
    for name in names {
      let value = view.fields[name] ?? .null
      lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value.display)
    }
    if let viewer {
      lines.append(
        view.events.isEmpty
          ? "events for \(viewer): none" : "events for \(viewer): \(view.events.joined(separator: ", "))")
    }
    if let last = view.lastEntry { lines.append("last: " + entryLine(last)) }
    if let timer = view.nextTimer, let due = timer.dueAt {
      lines.append("next: \(timer.event) by system at \(Timestamp.string(due))")
    }
    return lines.joined(separator: "\n")
  }

  /// `#3 2026-11-25T10:00:00.000Z apply by alice: ready → under-review  basicInfo={…}`.
  static func entryLine(_ entry: HistoryEntry) -> String {
    var line = "#\(entry.revision) \(Timestamp.string(entry.at)) \(entry.event) by \(entry.actor): "
    line += (entry.from.map { "\($0) → " } ?? "") + entry.to
    if !entry.params.isEmpty {
      line +=
        "  " + entry.params.keys.sorted().map { "\($0)=\(entry.params[$0]?.display ?? "")" }.joined(separator: " ")
    }
    if let note = entry.note { line += "  (\(note))" }
    return line
  }
}
