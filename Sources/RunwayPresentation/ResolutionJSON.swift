import RunwayEngine
import RunwayModel

/// Which version a user gets and why: `{"user"?, "version", "reason", "release"}`, with
/// `version` and `release` null when there are none (docs/rollout.md).
public struct ResolutionJSON: DirectJSON, Sendable {
  public var user: String?
  public var version: String?
  public var reason: String
  public var release: String?

  /// The decision for one user; `user` is named in batches, left out for a single answer.
  public init(_ decision: RolloutDecision, user: String? = nil) {
    self.user = user
    version = decision.version
    reason = decision.reason.rawValue
    release = decision.release
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    if let user { try container.encode(user, forKey: .user) }
    try container.encode(version, forKey: .version)
    try container.encode(reason, forKey: .reason)
    try container.encode(release, forKey: .release)
  }

  enum CodingKeys: String, CodingKey { case user, version, reason, release }

  /// The same JSON as `JSONPresentation.data(_, pretty: false)` writes (keys sorted), written
  /// directly: `resolve` answers are the API's hottest path and `JSONEncoder` was a tenth of
  /// one (docs/benchmarks.md, W6).
  public func write(to json: inout JSONText) {
    json.raw("{\"reason\":")
    json.string(reason)
    json.raw(",\"release\":")
    if let release { json.string(release) } else { json.raw("null") }
    if let user {
      json.raw(",\"user\":")
      json.string(user)
    }
    json.raw(",\"version\":")
    if let version { json.string(version) } else { json.raw("null") }
    json.raw("}")
  }
}
