import RunwayModel

/// Which of a workflow's roles an actor holds on one instance: a membership with the role's
/// name, in the workspace the role's expression names for this instance, and — for roles
/// limited to assigned records — with the instance's record among the assigned ones.
struct RoleBinding {
  var workflow: CompiledWorkflow
  var fields: [String: Value]
  var settings: SettingsSnapshot
  var directory: Directory

  /// The workspace the role is bound to for this instance, if it evaluates to one (the
  /// binding is the expression's scope: no scope is made for it on every fire).
  func workspace(of role: CompiledRole) -> String? {
    (try? role.workspace.evaluate(in: self))?.stringValue
  }

  /// Whether one of the actor's memberships grants `role` on this instance: one with the
  /// role's name, in the workspace the role names here, and with the instance's record among
  /// its assigned ones when the role is limited to those. The workspace is evaluated once, and
  /// only when a membership has the role's name (every fire checks, docs/benchmarks.md, W1).
  func holds(_ actor: Actor, _ role: CompiledRole) -> Bool {
    let name = role.role.name
    guard actor.memberships.contains(where: { $0.role == name }), let workspace = workspace(of: role) else {
      return false
    }
    return holds(actor, role, in: workspace)
  }

  /// Whether one of the actor's memberships grants `role` in `workspace`, the workspace the
  /// role names for this instance (evaluated by the caller, once for many actors).
  func holds(_ actor: Actor, _ role: CompiledRole, in workspace: String) -> Bool {
    let name = role.role.name
    return actor.memberships.contains { membership in
      guard membership.role == name, membership.workspace == workspace else { return false }
      guard let assignedField = role.role.assigned else { return true }
      guard let record = fields[assignedField]?.stringValue else { return false }
      return membership.assigned.contains(record)
    }
  }

  /// Whether the actor holds the role named `name` here (no such role: no).
  func holds(_ actor: Actor, roleNamed name: String) -> Bool {
    workflow.role(name).map { holds(actor, $0) } ?? false
  }

  /// The names of the roles among `candidates` the actor holds here.
  func rolesHeld(by actor: Actor, among candidates: [String]) -> [String] {
    candidates.filter { holds(actor, roleNamed: $0) }
  }

  /// Whether the actor holds at least one of `roles`.
  func allows(_ actor: Actor, _ roles: [String]) -> Bool {
    roles.contains { holds(actor, roleNamed: $0) }
  }

  /// Whether the actor holds at least one of the roles `transition` allows.
  func allows(_ actor: Actor, _ transition: CompiledTransition) -> Bool {
    transition.allowedRoles.contains { holds(actor, $0) }
  }

  /// One sentence saying why `actorID` may not do `action`, which needs one of `roles`.
  func refusal(_ actorID: String, _ actor: Actor, _ action: String, needs roles: [String]) -> String {
    let needed = roles.compactMap { name -> String? in
      guard let role = workflow.role(name) else { return nil }
      let workspace = self.workspace(of: role).map { " in \($0)" } ?? ""
      return name + workspace
    }
    var sentence = "\(actorID) may not \(action): it needs \(Self.either(needed))"
    // The nearest miss: the right role in the right workspace, but the record is not assigned.
    for name in roles {
      guard let role = workflow.role(name), let assignedField = role.role.assigned,
        let workspace = workspace(of: role),
        actor.memberships.contains(where: { $0.role == name && $0.workspace == workspace })
      else { continue }
      let record = fields[assignedField]?.display ?? "?"
      let noun =
        workflow.field(assignedField).flatMap { field -> String? in
          if case .ref(let kind) = field.field.type { return workflow.domain.noun(of: kind) }
          return nil
        } ?? assignedField
      return sentence + "; \(actorID) is \(name) in \(workspace), but \(noun) \(record) is not assigned to \(actorID)"
    }
    let held = actor.memberships.map { "\($0.role) in \($0.workspace)" }
    sentence += held.isEmpty ? "; \(actorID) holds no role" : "; \(actorID) is \(Self.both(held))"
    return sentence
  }

  static func either(_ items: [String]) -> String { join(items, last: "or") }
  static func both(_ items: [String]) -> String { join(items, last: "and") }

  private static func join(_ items: [String], last: String) -> String {
    switch items.count {
    case 0: return "a role nobody holds"
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " \(last) " + items[items.count - 1]
    }
  }
}

/// A role's workspace expression sees the instance's fields, the settings and the directory;
/// no params, actor or state.
extension RoleBinding: EvaluationContext {
  func fieldValue(_ name: String) -> Value { fields[name] ?? .null }
  func paramValue(_ name: String) -> Value { .null }

  func settingValue(_ name: String) -> Value {
    guard let setting = workflow.definition.setting(name) else { return .null }
    return settings.value(of: setting, fields: fields)
  }

  var actorID: String { "" }
  var stateName: String { "" }

  func attribute(_ name: String, of kind: String, id: String) -> Value? {
    directory.attribute(name, of: kind, id, in: workflow.domain)
  }
}
