import Foundation
import RunwayEngine

/// Makes notifiers from URLs: `smtp://`, `smtp+starttls://`, `smtps://`, `http(s)://…`,
/// `log:PATH`, `log:-` (docs/notifications.md).
public enum NotifierURL {
  /// The notifier a URL names; secrets and credentials come from `environment`.
  public static func notifier(_ text: String, environment: [String: String]) throws(NotifierURLError) -> any Notifier {
    if text.hasPrefix("log:") {
      let path = String(text.dropFirst(4))
      guard !path.isEmpty else { throw NotifierURLError("log: needs a path, or - for standard error") }
      return LogNotifier(path: path)
    }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
      throw NotifierURLError("\"\(text)\" is not a notifier URL (smtp://host:port, https://…, log:PATH)")
    }
    if let security = SMTPEndpoint.Security(rawValue: scheme) {
      let user = environment["RUNWAY_SMTP_USER"]
      let password = environment["RUNWAY_SMTP_PASSWORD"]
      return try SMTPNotifier(
        endpoint: SMTPEndpoint(text, security: security),
        sender: environment["RUNWAY_SMTP_FROM"] ?? "runway@localhost",
        credentials: user.flatMap { user in password.map { SMTPNotifier.Credentials(user: user, password: $0) } })
    }
    switch scheme {
    case "http", "https":
      return WebhookNotifier(url: url, secret: environment["RUNWAY_WEBHOOK_SECRET"])
    default:
      throw NotifierURLError(
        "unknown notifier scheme \"\(scheme)\": use smtp://, smtp+starttls://, smtps://, https://, http:// or log:")
    }
  }
}

/// A notifier URL that cannot be used, in one sentence.
public struct NotifierURLError: Error, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
