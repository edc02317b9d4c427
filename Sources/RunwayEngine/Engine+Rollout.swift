import RunwayModel

extension Engine {
  /// The resolver for one mini program on one app and environment, built from every release
  /// of it (any workflow with `miniProgram`, `version`, `targetApp` and `environment` fields)
  /// and the exposure of the state each release is in, by its pinned definition.
  public func rollout(app: String, environment: String, miniProgram: String) async throws(EngineError)
    -> RolloutResolver
  {
    let query = InstanceQuery(
      fieldEquals: [
        "targetApp": .string(app), "environment": .string(environment),
        "miniProgram": .string(miniProgram),
      ])
    var releases: [RolloutRelease] = []
    for instance in try await instances(matching: query) {
      guard let version = instance.fields["version"]?.stringValue else { continue }
      let workflow = try await definition(of: instance)
      let audience: RolloutAudience
      switch workflow.state(instance.state)?.exposure ?? .none {
      case .none: audience = .none
      case .all: audience = .all
      case .testers(let field): audience = .testers(instance.fields[field]?.setValue ?? [])
      case .percent(let field): audience = .percent(instance.fields[field]?.intValue ?? 0)
      }
      releases.append(
        RolloutRelease(instanceID: instance.id, version: version, audience: audience, since: instance.updatedAt))
    }
    return RolloutResolver(releases: releases)
  }
}
