import RunwayEngine

/// An outbox entry as `notify list --json` prints and the API serves it.
public struct NotificationJSON: Encodable, Sendable {
  public var deliveryId: String
  public var instance: String
  public var notification: String
  public var status: String
  public var attempts: Int
  public var recipients: [String]
  public var subject: String
  public var lastError: String?

  public init(_ entry: OutboxEntry) {
    deliveryId = entry.deliveryID
    instance = entry.instanceID
    notification = entry.notification
    status = entry.status.rawValue
    attempts = entry.attempts
    recipients = entry.recipients.map { $0.email ?? $0.actor }
    subject = entry.subject
    lastError = entry.lastError
  }
}
