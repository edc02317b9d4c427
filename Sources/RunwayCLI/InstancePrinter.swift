import Foundation
import RunwayEngine
import RunwayModel

/// How instances and their histories look on the terminal and in JSON.
enum InstancePrinter {
  /// The JSON shape of an instance: `{"id", "workflow", "state", "revision", "fields", "events"}`.
  struct InstanceJSON: Encodable {
    var id: String
    var workflow: String
    var state: String
    var stateTitle: String?
    var revision: Int
    var fields: [String: Value]
    var events: [String]
    var initiator: String
    var createdAt: Date
    var updatedAt: Date
    var last: EntryJSON?
  }

  /// The JSON shape of a history entry.
  struct EntryJSON: Encodable {
    var revision: Int
    var event: String
    var from: String?
    var to: String
    var actor: String
    var at: Date
    var params: [String: Value]
    var note: String?

    init(_ entry: HistoryEntry) {
      revision = entry.revision
      event = entry.event
      from = entry.from
      to = entry.to
      actor = entry.actor
      at = entry.at
      params = entry.params
      note = entry.note
    }
  }

  static func json(_ view: InstanceView) -> InstanceJSON {
    InstanceJSON(
      id: view.instance.id, workflow: view.instance.workflow, state: view.instance.state,
      stateTitle: view.stateTitle, revision: view.instance.revision, fields: view.fields,
      events: view.events, initiator: view.instance.initiator, createdAt: view.instance.createdAt,
      updatedAt: view.instance.updatedAt, last: view.lastEntry.map(EntryJSON.init))
  }

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
