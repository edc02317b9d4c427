import Foundation
import RunwayEngine

/// Email over SMTP (`smtp://host:port`): one message per notification to the recipients'
/// addresses, with AUTH PLAIN when `RUNWAY_SMTP_USER` and `RUNWAY_SMTP_PASSWORD` are set.
public struct SMTPNotifier: Notifier {
  public var host: String
  public var port: Int
  public var sender: String
  public var credentials: (user: String, password: String)?
  public var timeout: TimeInterval

  public init(
    host: String, port: Int = 25, sender: String = "runway@localhost",
    credentials: (user: String, password: String)? = nil, timeout: TimeInterval = 5
  ) {
    self.host = host
    self.port = port
    self.sender = sender
    self.credentials = credentials
    self.timeout = timeout
  }

  public var name: String { "smtp://\(host):\(port)" }

  public func deliver(_ notification: OutboxEntry) async throws(DeliveryError) {
    let addresses = notification.recipients.compactMap(\.email)
    // Nobody to write to is not an error worth retrying: the notification is done.
    guard !addresses.isEmpty else { return }
    do {
      let message = try EmailMessage(
        from: sender, to: addresses, subject: notification.subject, body: notification.body,
        messageID: "\(notification.deliveryID)@runway", date: notification.createdAt
      ).rendered()
      let connection = try TCPConnection(host: host, port: port, timeout: timeout)
      try expect(connection, 220)
      try command(connection, "EHLO runway", 250)
      if let credentials {
        let token = Data("\u{0}\(credentials.user)\u{0}\(credentials.password)".utf8).base64EncodedString()
        try command(connection, "AUTH PLAIN \(token)", 235)
      }
      try command(connection, "MAIL FROM:<\(sender)>", 250)
      for address in addresses { try command(connection, "RCPT TO:<\(address)>", 250) }
      try command(connection, "DATA", 354)
      try connection.send(message + ".\r\n")
      try expect(connection, 250)
      try? connection.send("QUIT\r\n")
    } catch {
      throw DeliveryError(error.message, retryable: error.retryable)
    }
  }

  private func command(_ connection: TCPConnection, _ line: String, _ code: Int) throws(DeliveryFailure) {
    try connection.send(line + "\r\n")
    try expect(connection, code)
  }

  /// Reads a (possibly multi-line) reply; 4xx is worth a retry, 5xx is not.
  private func expect(_ connection: TCPConnection, _ code: Int) throws(DeliveryFailure) {
    var line = try connection.readLine()
    while line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { line = try connection.readLine() }
    guard let received = Int(line.prefix(3)) else {
      throw DeliveryFailure("the server answered \"\(line)\", which is not SMTP", retryable: true)
    }
    guard received == code else {
      throw DeliveryFailure("the server answered \"\(line)\"", retryable: received < 500)
    }
  }
}
