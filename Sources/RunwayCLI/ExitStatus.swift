import RunwayEngine

/// The documented exit codes of `runway`, one per kind of outcome.
public enum ExitStatus: Int32, CaseIterable, Sendable {
  case success = 0
  /// `validate` found errors, or `test` a failing scenario.
  case failed = 1
  /// The command line itself is wrong.
  case usage = 2
  case invalidInput = 3
  case notFound = 4
  case forbidden = 5
  case rejected = 6
  case conflict = 7
  case unavailable = 8

  /// The exit status for an engine error's code.
  public init(_ code: EngineError.Code) {
    switch code {
    case .invalidInput: self = .invalidInput
    case .notFound: self = .notFound
    case .forbidden: self = .forbidden
    case .rejected: self = .rejected
    case .conflict: self = .conflict
    case .unavailable: self = .unavailable
    }
  }

  /// The word scripts see in `{"error": {"code": …}}`.
  public var errorCode: String {
    switch self {
    case .success: return "ok"
    case .failed: return "failed"
    case .usage: return "usage"
    case .invalidInput: return "invalid_input"
    case .notFound: return "not_found"
    case .forbidden: return "forbidden"
    case .rejected: return "rejected"
    case .conflict: return "conflict"
    case .unavailable: return "unavailable"
    }
  }
}
