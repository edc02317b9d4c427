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
    // Byte-wise: every request passes here (W6); `split` and `lowercased` allocated each time.
    let bytes = header.utf8
    guard bytes.count > 7, bytes.prefix(6).elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 }),
      bytes.dropFirst(6).first == UInt8(ascii: " ")
    else { return nil }
    let token = bytes.dropFirst(7).drop { $0 == UInt8(ascii: " ") }
    var end = token.endIndex
    while end > token.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: " ") {
      end = bytes.index(before: end)
    }
    let trimmed = token[token.startIndex..<end]
    return trimmed.isEmpty ? nil : String(Substring(trimmed))
  }
}
