import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RunwayPresentation

/// Responses in the CLI's JSON shapes (docs/cli.md, "JSON shapes"; docs/api.md).
enum JSONResponse {
  /// `value` as compact JSON with `status`.
  static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let data = try JSONPresentation.data(value, pretty: false)
    return Response(
      status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// `value` as compact JSON with `status`, written directly (`DirectJSON`, no `JSONEncoder`).
  static func make(_ value: some DirectJSON, status: HTTPResponse.Status = .ok) -> Response {
    json(value.text, status: status)
  }

  /// A list of `DirectJSON` values as compact JSON, written directly.
  static func make<Item: DirectJSON>(_ items: [Item]) -> Response {
    json(Item.text(items))
  }

  /// A JSON text written by the caller (`JSONText`), with 200.
  static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  /// The `{"error": {"code", "message"}}` answer for `error`.
  static func error(_ error: APIError) -> Response {
    let text = ErrorJSON(code: error.code, message: error.message).text
    var headers: HTTPFields = [.contentType: "application/json"]
    if error.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"runway\"" }
    return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  /// Plain text (graphs, the OpenAPI document, metrics).
  static func text(_ text: String, contentType: String) -> Response {
    Response(
      status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}
