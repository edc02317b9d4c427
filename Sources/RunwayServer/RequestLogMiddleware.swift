import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RunwayEngine

/// The outermost middleware: turns every failure into the JSON error shape, tags the answer
/// with its request id (`X-Request-Id`, the `hb.request.id` of every log line of the request),
/// logs one line per request, and counts
/// requests and their latency by route and status for /metrics. The Authorization header is
/// never logged (docs/api.md, "Operations").
struct RequestLogMiddleware: RouterMiddleware {
  typealias Context = APIRequestContext
  static let requestIDHeader = HTTPField.Name("X-Request-Id")!
  let metrics: RequestMetrics

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async
    -> Response
  {
    let started = ContinuousClock.now
    var response: Response
    do {
      response = try await next(request, context)
    } catch {
      response = JSONResponse.error(Self.apiError(error, request: request))
    }
    let elapsed = ContinuousClock.now - started
    let requestID = context.id
    response.headers[Self.requestIDHeader] = requestID
    let route = context.endpointPath ?? "unmatched"
    let status = String(response.status.code)
    context.logger.info(
      "request",
      metadata: [
        "method": .string(request.method.rawValue),
        "path": .string(request.uri.path), "status": .string(status),
        "ms": .string(
          String(
            format: "%.1f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
      ])
    metrics.request(
      route: route, method: request.method.rawValue, status: status,
      nanoseconds: elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    return response
  }

  /// The API's answer for any failure; an unexpected one is `unavailable`, never a bare 500.
  static func apiError(_ error: any Error, request: Request) -> APIError {
    switch error {
    case let error as APIError: return error
    case let error as EngineError: return APIError(error)
    case let error as AuthenticationFailure: return .unauthenticated(error.message)
    case let error as HTTPError:
      switch error.status {
      case .notFound:
        return .notFound("no route \(request.method.rawValue) \(request.uri.path); see /v1/openapi.yaml")
      case .contentTooLarge:
        return APIError(
          code: "too_large", status: .contentTooLarge, message: error.body ?? "the request body is too large")
      case .badRequest: return .invalidInput(error.body ?? "the request is not valid")
      default:
        return APIError(code: "unavailable", status: .serviceUnavailable, message: error.body ?? "\(error.status)")
      }
    default:
      return APIError(code: "unavailable", status: .serviceUnavailable, message: "the request failed: \(error)")
    }
  }
}
