import HTTPTypes
import RunwayEngine

/// A refusal of the HTTP API: an error code, its one HTTP status, and one sentence
/// (docs/api.md, "Errors"). Engine refusals keep their code and sentence.
struct APIError: Error, Sendable {
  var code: String
  var status: HTTPResponse.Status
  var message: String

  /// The status each code answers with; one per code (docs/api.md, "Errors").
  static func status(of code: EngineError.Code) -> HTTPResponse.Status {
    switch code {
    case .invalidInput: return .badRequest
    case .forbidden: return .forbidden
    case .notFound: return .notFound
    case .conflict: return .conflict
    case .rejected: return .unprocessableContent
    case .unavailable: return .serviceUnavailable
    }
  }

  init(code: String, status: HTTPResponse.Status, message: String) {
    self.code = code
    self.status = status
    self.message = message
  }

  init(_ error: EngineError) {
    self.init(code: error.code.rawValue, status: Self.status(of: error.code), message: error.message)
  }

  static func invalidInput(_ message: String) -> APIError { APIError(EngineError.invalidInput(message)) }
  static func notFound(_ message: String) -> APIError { APIError(EngineError.notFound(message)) }
  static func forbidden(_ message: String) -> APIError { APIError(EngineError.forbidden(message)) }
  static func unauthenticated(_ message: String) -> APIError {
    APIError(code: "unauthenticated", status: .unauthorized, message: message)
  }
  static func tooLarge(_ limit: Int) -> APIError {
    APIError(code: "too_large", status: .contentTooLarge, message: "the request body is larger than \(limit) bytes")
  }
  static func unsupported(_ message: String) -> APIError {
    APIError(code: "unsupported_media_type", status: .unsupportedMediaType, message: message)
  }
}
