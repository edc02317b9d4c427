/// Who calls the application API: the actor an operation is done as, and whether the front
/// end lets the caller administer the platform (settings and the directory).
///
/// The CLI runs as the store's operator, who may administer and acts as `--as`; the HTTP
/// server takes the actor and the admin scope from the bearer token, never from the request.
public struct Caller: Sendable, Hashable {
  /// The actor operations are done as; nil for a reader who names no one (`show` without `--as`).
  public var actor: String?
  /// Whether settings and directory changes are open to the caller.
  public var administers: Bool

  public init(actor: String?, administers: Bool = false) {
    self.actor = actor
    self.administers = administers
  }

  /// The operator of the store itself (the CLI on the operator's own machine and store).
  public static func storeOperator(as actor: String?) -> Caller { Caller(actor: actor, administers: true) }

  /// The actor id, or the refusal a person understands when the operation needs one.
  func requiredActor(for operation: String) throws(EngineError) -> String {
    guard let actor, !actor.isEmpty else {
      throw .invalidInput("\(operation) needs an actor: say who you are with --as ACTOR (or RUNWAY_ACTOR)")
    }
    return actor
  }

  /// Who an audited change is recorded as: the actor, else the store's operator.
  var auditActor: String { actor ?? AuditEntry.storeOperator }
}
