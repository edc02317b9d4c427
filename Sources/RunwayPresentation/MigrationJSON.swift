import RunwayEngine

/// One instance's migration, as `migrate --json` prints and the API serves it:
/// `{"id", "result", "from"?, "to"?, "reason"?}` (`result` is `migrated`, `would-migrate`,
/// `already-current` or `refused`).
public struct MigrationJSON: Encodable, Sendable {
  public var id: String
  public var result: String
  public var from: String?
  public var to: String?
  public var reason: String?

  public init(id: String, result: String, from: String? = nil, to: String? = nil, reason: String? = nil) {
    self.id = id
    self.result = result
    self.from = from
    self.to = to
    self.reason = reason
  }
}

extension MigrationJSON {
  /// A migration that happened (or would, on a dry run), digests shortened to 12 characters.
  public init(id: String, outcome: MigrationOutcome) {
    self.init(
      id: id, result: outcome.result.rawValue, from: String(outcome.from.prefix(12)), to: String(outcome.to.prefix(12)))
  }
}
