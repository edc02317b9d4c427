import Foundation
import Mustache
import RunwayModel

/// Renders a workflow's notifications into outbox entries for one committed transition.
struct NotificationRenderer {
  var workflow: CompiledWorkflow
  var directory: Directory
  var settings: SettingsSnapshot

  /// What the templates see: the fields, `state.name`/`state.title`, `event`, `params.*`,
  /// `actor.id`/`actor.email`/`actor.name`, `workflow` and `instance`.
  static func context(
    instance: Instance, workflow: CompiledWorkflow, event: String, params: [String: Value],
    actorID: String, directory: Directory
  ) -> [String: Any] {
    var context: [String: Any] = [:]
    for (name, value) in workflow.maskingSecrets(instance.fields) {
      if let text = templateValue(value) { context[name] = text }
    }
    let title = workflow.state(instance.state)?.title ?? instance.state
    context["state"] = ["name": instance.state, "title": title]
    context["event"] = event
    context["params"] = params.compactMapValues(templateValue)
    let actor = directory.actors[actorID]
    var actorContext: [String: Any] = ["id": actorID, "name": actor?.name ?? actorID]
    if let email = actor?.email { actorContext["email"] = email }
    context["actor"] = actorContext
    context["workflow"] = instance.workflow
    context["instance"] = instance.id
    return context
  }

  static func templateValue(_ value: Value) -> Any? {
    switch value {
    case .null: return nil
    case .string(let s): return s.isEmpty ? nil : s
    case .set(let s): return s.isEmpty ? nil : s.sorted().joined(separator: ", ")
    default: return value.display
    }
  }

  /// Renders `template` as plain text with the workflow's parsed copy of it.
  static func render(_ template: TemplateSource, _ context: [String: Any], in workflow: CompiledWorkflow) -> String {
    guard let compiled = workflow.templates[template.text] else { return template.text }
    return compiled.render(context)
  }

  /// The outbox entries for `notify` after `entry` was committed on `instance`; `lastActors`
  /// names the last actor of each event (`entry`'s included).
  func entries(
    for names: [String], instance: Instance, entry: HistoryEntry, lastActors: [String: String]
  ) -> [OutboxEntry] {
    guard !names.isEmpty else { return [] }
    let context = Self.context(
      instance: instance, workflow: workflow, event: entry.event, params: entry.params,
      actorID: entry.actor, directory: directory)
    return names.compactMap { name in
      guard let notification = workflow.definition.notification(name) else { return nil }
      let recipients = self.recipients(notification.to, instance: instance, lastActors: lastActors)
      let payload = Self.payload(instance: instance, entry: entry, workflow: workflow)
      return OutboxEntry(
        deliveryID: "\(instance.id)-\(entry.revision)-\(name)", instanceID: instance.id,
        revision: entry.revision, notification: name, recipients: recipients,
        // Only the ends are trimmed: a line break inside a subject is refused by the email
        // notifier rather than silently changed.
        subject: Self.trimmed(Self.render(notification.subject, context, in: workflow)),
        body: Self.render(notification.body, context, in: workflow), payload: payload, createdAt: entry.at)
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
      ids = directory.actors.keys.sorted().filter { id in
        guard let actor = directory.actors[id] else { return false }
        return binding.allows(actor, roles.map(\.name))
      }
    }
    return ids.map { OutboxEntry.Recipient(actor: $0, email: directory.actors[$0]?.email) }
  }

  /// `text` without white space at either end (Foundation's trimming bridges to NSString).
  static func trimmed(_ text: String) -> String {
    guard let first = text.firstIndex(where: { !$0.isWhitespace }),
      let last = text.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(text[first...last])
  }

  /// The transition as JSON for webhooks and logs: `workflow`, `instance`, `event`, `from`,
  /// `to`, `actor`, `at`, `revision`, `params` and `fields`, keys sorted.
  static func payload(instance: Instance, entry: HistoryEntry, workflow: CompiledWorkflow) -> String {
    var members: [String: Value] = [
      "workflow": .string(instance.workflow), "instance": .string(instance.id), "event": .string(entry.event),
      "to": .string(entry.to), "actor": .string(entry.actor), "at": .string(Timestamp.string(entry.at)),
      "revision": .int(entry.revision), "params": .map(entry.params),
      "fields": .map(workflow.maskingSecrets(instance.fields)),
    ]
    if let from = entry.from { members["from"] = .string(from) }
    return JSONText.encode(.map(members))
  }
}
