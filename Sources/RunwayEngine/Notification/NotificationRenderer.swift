import Foundation
import RunwayModel

/// Renders a workflow's notifications into outbox entries for one committed transition.
struct NotificationRenderer {
  var workflow: CompiledWorkflow
  var directory: Directory
  var members: WorkspaceMembers
  var settings: SettingsSnapshot

  /// Renders `template` with the workflow's compiled copy of it.
  static func render(_ template: TemplateSource, _ scope: some TemplateScope, in workflow: CompiledWorkflow) -> String {
    guard let compiled = workflow.templates[template.text] else { return template.text }
    return compiled.render(scope)
  }

  /// The outbox entries for `notify` after `entry` was committed on `instance`; `lastActors`
  /// names the last actor of each event (`entry`'s included).
  func entries(
    for names: [String], instance: Instance, entry: HistoryEntry, lastActors: [String: String]
  ) -> [OutboxEntry] {
    guard !names.isEmpty else { return [] }
    let scope = NotificationScope(
      instance: instance, workflow: workflow, entry: entry, actor: directory.actors[entry.actor])
    let payload = Self.payload(instance: instance, entry: entry, workflow: workflow)
    return names.compactMap { name in
      guard let compiled = workflow.notification(name) else { return nil }
      let notification = compiled.definition
      let recipients = self.recipients(notification.to, instance: instance, lastActors: lastActors)
      return OutboxEntry(
        deliveryID: "\(instance.id)-\(entry.revision)-\(name)", instanceID: instance.id,
        revision: entry.revision, notification: name, recipients: recipients,
        // Only the ends are trimmed: a line break inside a subject is refused by the email
        // notifier rather than silently changed.
        subject: Self.trimmed(compiled.subject?.render(scope) ?? notification.subject.text),
        body: compiled.body?.render(scope) ?? notification.body.text, payload: payload, createdAt: entry.at)
    }
  }

  private func recipients(
    _ to: NotificationDefinition.Recipients, instance: Instance, lastActors: [String: String]
  ) -> [OutboxEntry.Recipient] {
    var ids: [String] = []
    switch to {
    case .initiator: ids = [instance.initiator]
    case .actorOf(let event):
      if let last = lastActors[event.name] { ids = [last] }
    case .roles(let roles):
      let binding = RoleBinding(
        workflow: workflow, fields: instance.fields, settings: settings, directory: directory)
      // Each role's workspace is evaluated once, and only its members are decided: the cost
      // does not grow with the directory's other actors.
      var found: Set<String> = []
      for reference in roles {
        guard let role = workflow.role(reference.name), let workspace = binding.workspace(of: role) else { continue }
        for id in members.actors(in: workspace) where !found.contains(id) {
          if let actor = directory.actors[id], binding.holds(actor, role, in: workspace) { found.insert(id) }
        }
      }
      ids = found.sorted()
    }
    return ids.map { OutboxEntry.Recipient(actor: $0, email: directory.actors[$0]?.email) }
  }

  /// `text` without white space at either end (Foundation's trimming bridges to NSString).
  static func trimmed(_ text: String) -> String {
    // Most subjects begin and end with a visible ASCII character: kept as they are, with no
    // walk over characters and no copy.
    if let first = text.utf8.first, let last = text.utf8.last, (0x21..<0x7F).contains(first),
      (0x21..<0x7F).contains(last)
    {
      return text
    }
    guard let first = text.firstIndex(where: { !$0.isWhitespace }),
      let last = text.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(text[first...last])
  }

  /// The transition as JSON for webhooks and logs: `workflow`, `instance`, `event`, `from`,
  /// `to`, `actor`, `at`, `revision`, `params` and `fields`, keys sorted.
  static func payload(instance: Instance, entry: HistoryEntry, workflow: CompiledWorkflow) -> String {
    // Written member by member in sorted key order, as the presentation's JSON writers do:
    // no dictionary is built for it.
    var json = JSONText()
    json.raw("{\"actor\":")
    json.string(entry.actor)
    json.raw(",\"at\":")
    json.string(Timestamp.string(entry.at))
    json.raw(",\"event\":")
    json.string(entry.event)
    json.raw(",\"fields\":")
    json.fields(instance.fields, of: workflow)
    if let from = entry.from {
      json.raw(",\"from\":")
      json.string(from)
    }
    json.raw(",\"instance\":")
    json.string(instance.id)
    json.raw(",\"params\":")
    json.value(.map(entry.params))
    json.raw(",\"revision\":")
    json.integer(entry.revision)
    json.raw(",\"to\":")
    json.string(entry.to)
    json.raw(",\"workflow\":")
    json.string(instance.workflow)
    json.raw("}")
    return json.text
  }

}
