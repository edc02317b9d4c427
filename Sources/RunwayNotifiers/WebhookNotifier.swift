import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import RunwayEngine
import RunwayModel

/// A JSON POST per notification to an HTTP(S) endpoint, signed with HMAC-SHA256 over the body
/// (`X-Runway-Signature: sha256=HEX`) when a secret is set (`RUNWAY_WEBHOOK_SECRET`).
/// 5xx and connection errors are retried; 4xx is not.
///
/// AsyncHTTPClient rather than URLSession: FoundationNetworking links libcurl and its TLS and
/// Kerberos libraries into every `runway` process, which cost ~30 ms of start-up on each
/// command (W2) and kept the binary from linking the Swift runtime statically.
public struct WebhookNotifier: Notifier {
  public var url: URL
  public var secret: String?
  public var timeout: TimeInterval

  public init(url: URL, secret: String?, timeout: TimeInterval = 5) {
    self.url = url
    self.secret = secret
    self.timeout = timeout
  }

  public var name: String { url.absoluteString }

  /// The body: the transition's payload with the delivery id, notification name, subject,
  /// body and recipients added, keys sorted.
  static func body(_ notification: OutboxEntry) -> String {
    var object: [String: Value] = [:]
    if case .map(let payload) = try? JSONValueReader.read(notification.payload) { object = payload }
    object["deliveryId"] = .string(notification.deliveryID)
    object["notification"] = .string(notification.notification)
    object["subject"] = .string(notification.subject)
    object["body"] = .string(notification.body)
    object["recipients"] = .list(
      notification.recipients.map { .map(["actor": .string($0.actor), "email": $0.email.map(Value.string) ?? .null]) })
    return JSONText.encode(.map(object))
  }

  /// `sha256=` and the hex HMAC-SHA256 of `body` with `secret`.
  public static func signature(_ body: some DataProtocol, secret: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
    return "sha256=" + Hex.string(contiguous: code)
  }

  public func deliver(_ notification: OutboxEntry) async throws(DeliveryError) {
    let body = Array(Self.body(notification).utf8)
    var request = HTTPClientRequest(url: url.absoluteString)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: "X-Runway-Delivery", value: notification.deliveryID)
    if let secret { request.headers.add(name: "X-Runway-Signature", value: Self.signature(body, secret: secret)) }
    request.body = .bytes(ByteBuffer(bytes: body))
    let status: Int
    do {
      let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
      status = Int(response.status.code)
      // Read (and drop) the answer so the connection can be reused.
      _ = try? await response.body.collect(upTo: 1 << 20)
    } catch {
      throw DeliveryError("cannot reach \(url.absoluteString): \(Self.reason(error))", retryable: true)
    }
    switch status {
    case 200..<300: return
    case 400..<500: throw DeliveryError("\(url.absoluteString) refused it with HTTP \(status)", retryable: false)
    default: throw DeliveryError("\(url.absoluteString) answered HTTP \(status)", retryable: true)
    }
  }

  /// A short reason for a failed request, in words rather than an enum dump where possible.
  static func reason(_ error: any Error) -> String {
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout: return "no answer within the timeout"
      default: return "\(error)"
      }
    }
    if let error = error as? IOError { return error.description }
    return "\(error)"
  }
}
