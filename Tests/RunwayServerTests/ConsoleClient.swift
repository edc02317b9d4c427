import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A browser as the console sees it, over real HTTP on 127.0.0.1: it keeps the cookies the
/// server sets and follows no redirect, so every status and `Location` can be checked.
final class ConsoleClient: @unchecked Sendable {
  struct Page: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var text: String
    var location: String? { headers.first(name: "Location") }

    /// The value of the hidden `csrf` field of the page's first form.
    var csrf: String? { Self.value(of: "csrf", in: text) }

    static func value(of name: String, in html: String) -> String? {
      guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
      let rest = html[range.upperBound...]
      return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
  }

  static let http = HTTPClient(
    eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

  let baseURL: String
  var cookies: [String: String] = [:]
  /// The raw `Set-Cookie` headers of the last answer.
  var setCookies: [String] = []

  init(baseURL: String) { self.baseURL = baseURL }

  func get(_ path: String) async throws -> Page { try await send("GET", path, form: nil) }

  /// Posts a URL-encoded form.
  func post(_ path: String, form: [String: String]) async throws -> Page { try await send("POST", path, form: form) }

  /// Signs in with `token` through the sign-in form, as a browser would.
  func signIn(_ token: String) async throws -> Page {
    let form = try await get("/sign-in")
    return try await post("/sign-in", form: ["token": token, "csrf": form.csrf ?? "", "next": "/releases"])
  }

  private func send(_ method: String, _ path: String, form: [String: String]?) async throws -> Page {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = HTTPMethod(rawValue: method)
    if !cookies.isEmpty {
      request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
    }
    if let form {
      var allowed = CharacterSet.alphanumerics
      allowed.insert(charactersIn: "-._~")
      let body = form.map {
        "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
      }.joined(separator: "&")
      request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
      request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await Self.http.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 16 << 20)
    setCookies = response.headers["Set-Cookie"]
    for header in setCookies {
      let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard pair.count == 2 else { continue }
      let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
      if header.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = String(pair[1]) }
    }
    return Page(status: Int(response.status.code), headers: response.headers, text: String(buffer: bytes))
  }
}
