/// Why the engine refused or failed: a kind a script can branch on and one sentence a person
/// understands. A refusal never changes anything.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
    /// The actor's role, workspace or assignment does not allow it.
    case forbidden
    /// The workflow refuses it: an event not available in this state, a failed check, an invariant.
    case rejected
    /// A value that does not parse, an unknown param, an unreadable file.
    case invalidInput = "invalid_input"
    /// No such instance, workflow or directory record.
    case notFound = "not_found"
    /// Concurrent changes kept winning; try again.
    case conflict
    /// The store or another adapter failed.
    case unavailable
  }

  public var code: Code
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }

  public static func forbidden(_ message: String) -> EngineError { EngineError(.forbidden, message) }
  public static func rejected(_ message: String) -> EngineError { EngineError(.rejected, message) }
  public static func invalidInput(_ message: String) -> EngineError { EngineError(.invalidInput, message) }
  public static func notFound(_ message: String) -> EngineError { EngineError(.notFound, message) }

  /// A store failure as an engine error.
  public static func store(_ error: StoreError) -> EngineError {
    switch error {
    case .revisionMismatch: return EngineError(.conflict, error.description)
    case .duplicate: return EngineError(.rejected, error.description)
    case .unavailable, .corrupt: return EngineError(.unavailable, error.description)
    }
  }
}
