import HTTPTypes
import Hummingbird
import RunwayEngine

/// Reads the bearer token of every request under /v1 (but the OpenAPI document) and sets the
/// context's authentication from it; a request without a valid token gets 401 and goes no
/// further. The actor is the token's, never the request's (docs/api.md, "Tokens").
struct AuthenticationMiddleware: RouterMiddleware {
  typealias Context = APIRequestContext
  let runway: Runway

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    let path = request.uri.path
    guard path.hasPrefix("/v1/") || path == "/v1", path != "/v1/openapi.yaml" else {
      return try await next(request, context)
    }
    var context = context
    context.authentication = try await runway.authenticate(bearer: Self.bearer(request.headers[.authorization]))
    return try await next(request, context)
  }

  /// The token of `Authorization: Bearer TOKEN`, or nil.
  static func bearer(_ header: String?) -> String? {
    guard let header else { return nil }
    let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
    return parts[1].trimmingCharacters(in: .whitespaces)
  }
}
