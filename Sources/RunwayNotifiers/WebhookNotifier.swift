import Crypto
import Foundation
import RunwayEngine
import RunwayModel

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A JSON POST per notification to an HTTP(S) endpoint, signed with HMAC-SHA256 over the body
/// (`X-Runway-Signature: sha256=HEX`) when a secret is set (`RUNWAY_WEBHOOK_SECRET`).
/// 5xx and connection errors are retried; 4xx is not.
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
  /// body and recipients added.
  static func body(_ notification: OutboxEntry) -> Data {
    var object = (try? JSONSerialization.jsonObject(with: Data(notification.payload.utf8)) as? [String: Any]) ?? [:]
    object["deliveryId"] = notification.deliveryID
    object["notification"] = notification.notification
    object["subject"] = notification.subject
    object["body"] = notification.body
    object["recipients"] = notification.recipients.map {
      ["actor": $0.actor, "email": $0.email ?? NSNull()] as [String: Any]
    }
    return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
  }

  /// `sha256=` and the hex HMAC-SHA256 of `body` with `secret`.
  public static func signature(_ body: Data, secret: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
    return "sha256=" + Hex.string(code)
  }

  public func deliver(_ notification: OutboxEntry) async throws(DeliveryError) {
    let body = Self.body(notification)
    var request = URLRequest(url: url, timeoutInterval: timeout)
    request.httpMethod = "POST"
    request.httpBody = body
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.setValue(notification.deliveryID, forHTTPHeaderField: "X-Runway-Delivery")
    if let secret { request.setValue(Self.signature(body, secret: secret), forHTTPHeaderField: "X-Runway-Signature") }
    let status: Int
    do {
      let (_, response) = try await URLSession.shared.data(for: request)
      status = (response as? HTTPURLResponse)?.statusCode ?? 0
    } catch {
      throw DeliveryError("cannot reach \(url.absoluteString): \(error.localizedDescription)", retryable: true)
    }
    switch status {
    case 200..<300: return
    case 400..<500: throw DeliveryError("\(url.absoluteString) refused it with HTTP \(status)", retryable: false)
    default: throw DeliveryError("\(url.absoluteString) answered HTTP \(status)", retryable: true)
    }
  }
}
