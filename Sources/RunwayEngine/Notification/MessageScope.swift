import RunwayModel

/// What a notification's subject and body read (docs/notifications.md): the fields,
/// `state.name`/`state.title`, `event`, `params.*`, `actor.id`/`actor.email`/`actor.name`,
/// `workflow` and `instance`, each answered when a tag asks, secrets masked. Reserved names
/// win over fields of the same name.
struct NotificationScope: TemplateScope {
  var instance: Instance
  var workflow: CompiledWorkflow
  var entry: HistoryEntry
  var actor: Actor?

  func value(of name: String) -> TemplateValue? {
    switch name {
    case "state", "params", "actor": return .object(name)
    case "event": return .text(entry.event)
    case "workflow": return .text(instance.workflow)
    case "instance": return .text(instance.id)
    default: return instance.fields[name].flatMap { MessageText.of($0, masking: workflow.secretKeys) }
    }
  }

  func member(_ name: String, of object: String) -> TemplateValue? {
    switch (object, name) {
    case ("state", "name"): return .text(instance.state)
    case ("state", "title"): return .text(workflow.state(instance.state)?.title ?? instance.state)
    case ("actor", "id"): return .text(entry.actor)
    case ("actor", "name"): return .text(actor?.name ?? entry.actor)
    case ("actor", "email"): return actor?.email.map(TemplateValue.text)
    // History params are stored masked already.
    case ("params", _): return entry.params[name].flatMap { MessageText.of($0, masking: []) }
    default: return nil
    }
  }
}

/// What a check's message reads: the fields and, under `params`, the transition's params,
/// secrets masked.
struct CheckMessageScope: TemplateScope {
  var fields: [String: Value]
  var params: [String: Value]
  var secretKeys: Set<String>

  func value(of name: String) -> TemplateValue? {
    if name == "params" { return .object(name) }
    return fields[name].flatMap { MessageText.of($0, masking: secretKeys) }
  }

  func member(_ name: String, of object: String) -> TemplateValue? {
    guard object == "params" else { return nil }
    return params[name].flatMap { MessageText.of($0, masking: secretKeys) }
  }
}

/// How a value reads in a message: text as it is, a set as its sorted members joined by
/// commas, anything else as displayed; nothing for null, empty text or an empty set (so a
/// section over it is skipped).
enum MessageText {
  static func of(_ value: Value, masking secretKeys: Set<String>) -> TemplateValue? {
    switch value {
    case .null: return nil
    case .string(let text): return text.isEmpty ? nil : .text(text)
    case .set(let members): return members.isEmpty ? nil : .text(members.sorted().joined(separator: ", "))
    case .map, .list: return .text(SecretMasking.masked(value, keys: secretKeys).display)
    default: return .text(value.display)
    }
  }
}
