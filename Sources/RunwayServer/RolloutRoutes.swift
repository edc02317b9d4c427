import Hummingbird
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// `/v1/resolve`: which version users of a super app get, one user (GET) or a batch (POST);
/// `/v1/rollout/manifest`: what a client needs to resolve users itself. Open to tokens with
/// the resolve scope (docs/api.md, docs/rollout.md).
enum RolloutRoutes {
  /// At most this many users in one batch.
  static let batchLimit = 10_000

  static func register(on router: Router<APIRequestContext>, _ api: API) {
    router.get("/v1/resolve") { request, context in
      _ = try context.caller(needing: .resolve)
      let query = QueryParameters(request)
      let resolver = try await api.runway.rollout(
        app: try query.required("app"), environment: try query.required("env"),
        miniProgram: try query.required("miniProgram"))
      return JSONResponse.json(ResolutionJSON(resolver.resolve(userID: try query.required("user"))).text)
    }
    router.get("/v1/rollout/manifest") { request, context in
      _ = try context.caller(needing: .resolve)
      let query = QueryParameters(request)
      let manifest = try await api.runway.rolloutManifest(
        app: try query.required("app"), environment: try query.required("env"))
      return try ManifestResponse.make(manifest, ifNoneMatch: request.headers[values: .ifNoneMatch])
    }
    router.post("/v1/resolve") { request, context in
      _ = try context.caller(needing: .resolve)
      guard let body = try await api.input.object(request) else {
        throw APIError.invalidInput("the body needs app, env, miniProgram and users")
      }
      for name in body.keys where !["app", "env", "miniProgram", "users"].contains(name) {
        throw APIError.invalidInput("unknown key \"\(name)\" in the body: it takes app, env, miniProgram and users")
      }
      func text(_ name: String) throws -> String {
        guard case .string(let value)? = body[name], !value.isEmpty else {
          throw APIError.invalidInput("the body needs \"\(name)\" as a string")
        }
        return value
      }
      guard case .list(let listed)? = body["users"] else {
        throw APIError.invalidInput("the body needs \"users\" as a list of user ids")
      }
      guard listed.count <= batchLimit else {
        throw APIError.invalidInput("a batch may name at most \(batchLimit) users, not \(listed.count)")
      }
      let users = try listed.map { value -> String in
        guard case .string(let user) = value, !user.isEmpty else {
          throw APIError.invalidInput("every user id in \"users\" must be a non-empty string")
        }
        return user
      }
      let resolver = try await api.runway.rollout(
        app: try text("app"), environment: try text("env"), miniProgram: try text("miniProgram"))
      return JSONResponse.json(
        ResolutionJSON.text(users.map { ResolutionJSON(resolver.resolve(userID: $0), user: $0) }))
    }
  }
}
