import Foundation
import NIOSSL
import RunwayEngine

/// Email through a mail relay (docs/notifications.md): one message per notification to the
/// recipients' addresses; TLS by STARTTLS or from the first byte; AUTH PLAIN when
/// `RUNWAY_SMTP_USER` and `RUNWAY_SMTP_PASSWORD` are set, never in clear across a network.
public struct SMTPNotifier: Notifier {
  var endpoint: SMTPEndpoint
  var sender: String
  var credentials: Credentials?

  struct Credentials: Sendable {
    var user: String
    var password: String
  }

  /// Refuses credentials that would cross a network in clear: the password would be readable
  /// by anyone on the path. A relay on this machine may take them in clear.
  init(endpoint: SMTPEndpoint, sender: String, credentials: Credentials?) throws(NotifierURLError) {
    if credentials != nil, endpoint.security == .none, !endpoint.isLoopback {
      throw NotifierURLError(
        "AUTH PLAIN would send RUNWAY_SMTP_PASSWORD in clear to \(endpoint.name): use smtp+starttls:// or smtps://")
    }
    self.endpoint = endpoint
    self.sender = sender
    self.credentials = credentials
  }

  public var name: String { endpoint.name }

  public func deliver(_ notification: OutboxEntry) async throws(DeliveryError) {
    let addresses = notification.recipients.compactMap(\.email)
    // Nobody to write to is not an error worth retrying: the notification is done.
    guard !addresses.isEmpty else { return }
    do {
      // Rendered first: a header with a line break is refused before anything is sent.
      let message = try EmailMessage(
        from: sender, to: addresses, subject: notification.subject, body: notification.body,
        messageID: "\(notification.deliveryID)@runway", date: notification.createdAt
      ).rendered()
      let tls = endpoint.security == .none ? nil : try endpoint.tlsContext()
      let connection = try await SMTPConnection.open(endpoint, tls: endpoint.security == .implicitTLS ? tls : nil)
      defer { connection.close() }
      try await send(message, to: addresses, over: connection, tls: tls)
    } catch {
      throw DeliveryError(error.message, retryable: error.retryable)
    }
  }

  private func send(_ message: String, to addresses: [String], over connection: SMTPConnection, tls: NIOSSLContext?)
    async throws(DeliveryFailure)
  {
    _ = try await expect(connection.exchange(""), 220)
    var greeting = try await expect(connection.exchange("EHLO runway\r\n"), 250)
    if endpoint.security == .startTLS, let tls {
      // Without STARTTLS on offer the message would go in clear: refused, never downgraded.
      guard greeting.lines.dropFirst().contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
        throw DeliveryFailure("the server does not offer STARTTLS; nothing was sent in clear", retryable: true)
      }
      _ = try await expect(connection.exchange("STARTTLS\r\n"), 220)
      try await connection.startTLS(tls)
      greeting = try await expect(connection.exchange("EHLO runway\r\n"), 250)
    }
    if let credentials {
      let token = Data("\u{0}\(credentials.user)\u{0}\(credentials.password)".utf8).base64EncodedString()
      _ = try await expect(connection.exchange("AUTH PLAIN \(token)\r\n"), 235)
    }
    _ = try await expect(connection.exchange("MAIL FROM:<\(sender)>\r\n"), 250)
    for address in addresses { _ = try await expect(connection.exchange("RCPT TO:<\(address)>\r\n"), 250) }
    _ = try await expect(connection.exchange("DATA\r\n"), 354)
    _ = try await expect(connection.exchange(message + ".\r\n"), 250)
    // The message is accepted: QUIT's answer is not waited for, so a slow goodbye cannot turn
    // a delivered message into a failed attempt (and a duplicate).
    connection.quit()
  }

  /// The reply when it has the expected code; 4xx is worth a retry, 5xx is not.
  private func expect(_ reply: SMTPReply, _ code: Int) throws(DeliveryFailure) -> SMTPReply {
    guard reply.code == code else {
      throw DeliveryFailure("the server answered \"\(reply.text)\"", retryable: reply.code < 500)
    }
    return reply
  }
}
