import RunwayEngine
import RunwayModel

/// "Which version does this user get?": a user id asked against one mini program on one app
/// and environment, answered by the same resolver as `runway resolve` and `/v1/resolve`
/// (docs/rollout.md). On a release's page the app, environment and program are the release's.
struct RolloutBox: Sendable {
  var action: String
  /// The app, environment and program are the release's, not inputs.
  var fixed: Bool
  var app: String
  var environment: String
  var miniProgram: String
  var user: String
  var answer: String?
  var version: String?
  var release: String?
  var refusal: String?

  /// Asks the resolver when a user is given; a refusal (an unknown app) is the box's problem.
  static func make(
    _ console: Console, action: String, fixed: Bool, app: String, environment: String, miniProgram: String,
    user: String?
  ) async -> RolloutBox {
    var box = RolloutBox(
      action: action, fixed: fixed, app: app, environment: environment, miniProgram: miniProgram, user: user ?? "")
    guard let user, !user.isEmpty else { return box }
    guard !app.isEmpty, !environment.isEmpty, !miniProgram.isEmpty else {
      box.refusal = "name the app, the environment and the mini program as well as the user"
      return box
    }
    do throws(EngineError) {
      let resolver = try await console.runway.rollout(app: app, environment: environment, miniProgram: miniProgram)
      let decision = resolver.resolve(userID: user)
      box.version = decision.version
      box.release = decision.release
      box.answer = sentence(decision, user: user, miniProgram: miniProgram, app: app, environment: environment)
    } catch {
      box.refusal = error.message
    }
    return box
  }

  /// The box of a release's page, when its workflow declares `rollout:`.
  static func forRelease(_ console: Console, _ definition: Workflow, _ view: InstanceView, user: String?) async throws
    -> RolloutBox?
  {
    guard let rollout = definition.rollout else { return nil }
    func field(_ reference: Reference) -> String { view.fields[reference.name]?.display ?? "" }
    return await make(
      console, action: "/releases/\(ConsoleResponse.pathEncoded(view.instance.id))", fixed: true,
      app: field(rollout.app), environment: field(rollout.environment), miniProgram: field(rollout.program), user: user)
  }

  /// One sentence for the decision.
  static func sentence(_ decision: RolloutDecision, user: String, miniProgram: String, app: String, environment: String)
    -> String
  {
    guard let version = decision.version else {
      return "\(user) gets no version of \(miniProgram) on \(app) (\(environment)): none is released to them."
    }
    let release = decision.release ?? "a release"
    switch decision.reason {
    case .pilot: return "\(user) gets \(version) as a pilot tester of \(release)."
    case .grayscale: return "\(user) gets \(version): they fall within the grayscale percentage of \(release)."
    case .released: return "\(user) gets \(version), released to every user by \(release)."
    case .none: return "\(user) gets \(version)."
    }
  }
}
