import RunwayModel

/// Reads the actors of a directory file: their memberships name workspaces (records of the
/// domain's workspace kinds) and, for restricted roles, the records assigned to them.
struct ActorReader {
  let workspaces: Set<String>
  let assignable: Set<String>
  let workspaceNouns: String
  let assignableNouns: String

  init(domain: Domain, known: [String: Set<String>]) {
    workspaces = domain.workspaceKinds.reduce(into: Set<String>()) { $0.formUnion(known[$1.name] ?? []) }
    assignable = domain.assignableKinds.reduce(into: Set<String>()) { $0.formUnion(known[$1.name] ?? []) }
    workspaceNouns = Self.alternatives(domain.workspaceKinds.map(\.noun))
    assignableNouns = Self.alternatives(domain.assignableKinds.map(\.noun))
  }

  /// "neither an app nor a merchant", "not a mini program", "not a team, a site or a shop".
  static func alternatives(_ nouns: [String]) -> String {
    let named = nouns.map { ("aeiou".contains($0.first ?? "x") ? "an " : "a ") + $0 }
    switch named.count {
    case 0: return "not a record that may be one"
    case 1: return "not \(named[0])"
    case 2: return "neither \(named[0]) nor \(named[1])"
    default: return "not " + named.dropLast().joined(separator: ", ") + " or " + (named.last ?? "")
    }
  }

  func actor(_ record: (key: String, keyLocation: SourceLocation, value: YAMLNode), _ reader: inout YAMLReader)
    -> Actor?
  {
    let what = "actor \"\(record.key)\""
    DirectoryLoader.refuseControls(record.key, "an id in \"actors\"", at: record.keyLocation, &reader)
    guard let fields = reader.mapping(record.value, what) else { return nil }
    let nameNode = reader.value(fields, "name")
    var actor = Actor(
      name: reader.string(nameNode, "name"), extra: extra(fields, ["name", "email", "memberships"], reader))
    if let nameNode, let name = actor.name {
      DirectoryLoader.refuseControls(name, "\"name\"", at: nameNode.location, &reader)
    }
    if let node = reader.value(fields, "email"), let email = reader.string(node, "email") {
      DirectoryLoader.refuseControls(email, "\"email\"", at: node.location, &reader)
      if !email.contains("@") || email.contains(where: { $0 == "\r" || $0 == "\n" || $0 == " " }) {
        reader.error("\(what) has an email address that is not one: \"\(email)\"", at: node.location)
      }
      actor.email = email
    }
    guard let node = reader.value(fields, "memberships") else { return actor }
    guard case .sequence(let items, _) = node else {
      reader.error("\"memberships\" must be a list, not \(node.kindDescription)", at: node.location)
      return nil
    }
    for item in items {
      guard let membership = reader.mapping(item, "a membership") else { continue }
      reader.checkKeys(
        membership, allowed: ["workspace", "role", "assigned"], required: ["workspace", "role"],
        in: "a membership of \(what)", at: item.location)
      let workspaceNode = reader.value(membership, "workspace")
      let workspace = reader.string(workspaceNode, "workspace") ?? ""
      if let workspaceNode, !workspace.isEmpty, !workspaces.contains(workspace) {
        reader.error(
          "workspace \"\(workspace)\" is \(workspaceNouns)" + Suggestion.hint(for: workspace, among: workspaces),
          at: workspaceNode.location)
      }
      let role = reader.string(reader.value(membership, "role"), "role") ?? ""
      var assigned: [String] = []
      if let assignedNode = reader.value(membership, "assigned") {
        for reference in reader.references(assignedNode, "an assigned record") {
          if assignable.contains(reference.name) {
            assigned.append(reference.name)
          } else {
            reader.error(
              "\"\(reference.name)\" is \(assignableNouns)" + Suggestion.hint(for: reference.name, among: assignable),
              at: reference.location)
          }
        }
      }
      actor.memberships.append(Membership(workspace: workspace, role: role, assigned: assigned))
    }
    return actor
  }

  private func extra(_ pairs: YAMLReader.Pairs, _ known: [String], _ reader: YAMLReader) -> [String: Value] {
    var extra: [String: Value] = [:]
    for pair in pairs where !known.contains(pair.key) { extra[pair.key] = reader.value(pair.value) }
    return extra
  }
}
