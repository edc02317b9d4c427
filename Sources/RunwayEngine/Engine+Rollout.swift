import RunwayModel

extension Engine {
  /// The resolver for one program on one app and environment, built from the releases of
  /// every workflow that declares `rollout`: found by the fields it names (through the
  /// store's field index), each serving users by the exposure of its state in its pinned
  /// definition.
  public func rollout(app: String, environment: String, miniProgram: String) async throws(EngineError)
    -> RolloutResolver
  {
    RolloutResolver(
      releases: try await rolloutReleases(app: app, environment: environment, miniProgram: miniProgram)[
        miniProgram] ?? [])
  }

  /// The releases on one app and environment by mini program: of one program, or of every
  /// program when `miniProgram` is nil (the rollout manifest, docs/rollout.md).
  public func rolloutReleases(app: String, environment: String, miniProgram: String?) async throws(EngineError)
    -> [String: [RolloutRelease]]
  {
    var releases: [String: [RolloutRelease]] = [:]
    for name in catalog.names {
      guard let current = catalog.current(name)?.workflow.definition.rollout else { continue }
      var fields: [String: Value] = [
        current.app.name: .string(app), current.environment.name: .string(environment),
      ]
      if let miniProgram { fields[current.program.name] = .string(miniProgram) }
      var query = InstanceQuery(workflow: name, fieldEquals: fields)
      // A program has few releases; an app or an environment has them all.
      query.fieldOrder =
        (miniProgram == nil ? [] : [current.program.name]) + [current.app.name, current.environment.name]
      for instance in try await instances(matching: query) {
        let workflow = try await definition(of: instance)
        // A release pinned to a definition from before `rollout` was declared reads the current names.
        let declaration = workflow.definition.rollout ?? current
        guard let version = instance.fields[declaration.version.name]?.stringValue,
          let program = instance.fields[declaration.program.name]?.stringValue
        else { continue }
        let audience: RolloutAudience
        switch workflow.state(instance.state)?.exposure ?? .none {
        case .none: audience = .none
        case .all: audience = .all
        case .testers(let field): audience = .testers(instance.fields[field]?.setValue ?? [])
        case .percent(let field): audience = .percent(instance.fields[field]?.intValue ?? 0)
        }
        releases[program, default: []].append(
          RolloutRelease(instanceID: instance.id, version: version, audience: audience, since: instance.updatedAt))
      }
    }
    return releases
  }
}
