import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The console's answers: HTML pages with headers that keep them from being framed, sniffed
/// or cached, and redirects after a form (docs/console.md).
enum ConsoleResponse {
  /// No script, style or form target outside this server; no framing.
  static let policy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

  /// An HTML page.
  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: headers("text/html; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  /// A static asset (the stylesheet).
  static func asset(_ bytes: [UInt8], contentType: String) -> Response {
    var fields = headers(contentType)
    fields[.cacheControl] = "max-age=300"
    return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  /// 303 See Other to `location`, a path on this server.
  static func redirect(_ location: String) -> Response {
    var fields = headers("text/plain; charset=utf-8")
    fields[.location] = location
    return Response(status: .seeOther, headers: fields)
  }

  private static func headers(_ contentType: String) -> HTTPFields {
    [
      .contentType: contentType, .cacheControl: "no-store", .contentSecurityPolicy: policy,
      HTTPField.Name("X-Content-Type-Options")!: "nosniff", HTTPField.Name("X-Frame-Options")!: "DENY",
      HTTPField.Name("Referrer-Policy")!: "same-origin",
    ]
  }

  /// `text` encoded for a query value.
  static func queryEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }

  /// `text` encoded for one path segment.
  static func pathEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }

  /// A path to come back to after signing in: only a path on this server, never another site.
  static func localPath(_ text: String?) -> String {
    guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
      !text.unicodeScalars.contains(where: { $0.value < 0x20 })
    else { return "/releases" }
    return text
  }
}
