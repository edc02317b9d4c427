import Foundation
import RunwayEngine

/// Makes notifiers from URLs: `smtp://host[:port]`, `http(s)://…`, `log:PATH`, `log:-`.
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
    switch scheme {
    case "smtp":
      guard let host = url.host, !host.isEmpty else { throw NotifierURLError("\(text) names no host") }
      let user = environment["RUNWAY_SMTP_USER"]
      let password = environment["RUNWAY_SMTP_PASSWORD"]
      return SMTPNotifier(
        host: host, port: url.port ?? 25, sender: environment["RUNWAY_SMTP_FROM"] ?? "runway@localhost",
        credentials: user.flatMap { user in password.map { (user, $0) } })
    case "smtp+starttls", "smtps":
      throw NotifierURLError("\(scheme):// (TLS) is not supported by this build yet; use smtp:// to a local relay")
    case "http", "https":
      return WebhookNotifier(url: url, secret: environment["RUNWAY_WEBHOOK_SECRET"])
    default:
      throw NotifierURLError("unknown notifier scheme \"\(scheme)\": use smtp://, https://, http:// or log:")
    }
  }
}

/// A notifier URL that cannot be used, in one sentence.
public struct NotifierURLError: Error, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
