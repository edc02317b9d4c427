import RunwayModel

/// The actors with a membership in each workspace: the only candidates for a role bound to
/// that workspace. A notification to roles reads their few members instead of deciding every
/// actor of the directory, which a long-lived engine holds whole (docs/workflow-format.md,
/// "`notifications`").
struct WorkspaceMembers: Sendable {
  private var actorsByWorkspace: [String: [String]] = [:]

  init(_ directory: Directory) {
    for (id, actor) in directory.actors {
      for (index, membership) in actor.memberships.enumerated()
      where !actor.memberships[..<index].contains(where: { $0.workspace == membership.workspace }) {
        actorsByWorkspace[membership.workspace, default: []].append(id)
      }
    }
  }

  /// The ids of the actors with a membership in `workspace`, each once, in no set order.
  func actors(in workspace: String) -> [String] { actorsByWorkspace[workspace] ?? [] }
}
