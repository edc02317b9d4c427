import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// A client of the server under test, over real HTTP on 127.0.0.1, with one bearer token.
struct APIClient: Sendable {
  /// One answer: the status, the headers and the body parsed as JSON when it is JSON.
  struct Answer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var text: String

    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var list: [[String: Any]] { json as? [[String: Any]] ?? [] }
    /// The `{"error": {"code", "message"}}` of a refusal.
    var error: (code: String, message: String) {
      let body = object["error"] as? [String: Any]
      return (body?["code"] as? String ?? "", body?["message"] as? String ?? "")
    }
  }

  let baseURL: String
  var token: String?

  static let shared = HTTPClient(eventLoopGroupProvider: .singleton)

  func with(token: String?) -> APIClient { APIClient(baseURL: baseURL, token: token) }

  func get(_ path: String) async throws -> Answer { try await send("GET", path) }

  /// POSTs `json` (a JSON text) to `path`.
  func post(_ path: String, json: String? = nil) async throws -> Answer {
    try await send("POST", path, body: json.map { Array($0.utf8) }, contentType: json == nil ? nil : "application/json")
  }

  func put(_ path: String, json: String) async throws -> Answer {
    try await send("PUT", path, body: Array(json.utf8), contentType: "application/json")
  }

  /// POSTs a multipart form: text fields and files (name → (filename, contents)).
  func post(_ path: String, fields: [String: String] = [:], files: [String: (String, String)]) async throws -> Answer {
    let boundary = "runway-test-\(UUID().uuidString)"
    var body = ""
    for (name, value) in fields {
      body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    for (name, file) in files {
      body +=
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(file.0)\"\r\nContent-Type: text/csv\r\n\r\n\(file.1)\r\n"
    }
    body += "--\(boundary)--\r\n"
    return try await send(
      "POST", path, body: Array(body.utf8), contentType: "multipart/form-data; boundary=\(boundary)")
  }

  func send(
    _ method: String, _ path: String, body: [UInt8]? = nil, contentType: String? = nil, headers: [String: String] = [:]
  ) async throws -> Answer {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = HTTPMethod(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
    if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
    let response = try await Self.shared.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 64 << 20)
    return Answer(status: Int(response.status.code), headers: response.headers, text: String(buffer: bytes))
  }
}
