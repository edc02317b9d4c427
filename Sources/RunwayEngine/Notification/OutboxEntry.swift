import Foundation
import RunwayModel

/// A rendered notification written in the same transaction as the transition that caused it.
public struct OutboxEntry: Hashable, Sendable, Codable {
  public enum Status: String, Hashable, Sendable, Codable {
    case pending, delivered, dead
  }

  /// Stable across retries, so a receiver can drop duplicates.
  public var deliveryID: String
  public var instanceID: String
  public var revision: Int
  public var notification: String
  /// Actor ids and their email addresses.
  public var recipients: [Recipient]
  public var subject: String
  public var body: String
  /// The transition as JSON for webhooks and logs.
  public var payload: String
  public var createdAt: Date
  public var status: Status
  public var attempts: Int
  public var nextAttemptAt: Date
  public var lastError: String?

  public init(
    deliveryID: String, instanceID: String, revision: Int, notification: String,
    recipients: [Recipient], subject: String, body: String, payload: String, createdAt: Date,
    status: Status = .pending, attempts: Int = 0, nextAttemptAt: Date? = nil,
    lastError: String? = nil
  ) {
    self.deliveryID = deliveryID
    self.instanceID = instanceID
    self.revision = revision
    self.notification = notification
    self.recipients = recipients
    self.subject = subject
    self.body = body
    self.payload = payload
    self.createdAt = createdAt
    self.status = status
    self.attempts = attempts
    self.nextAttemptAt = nextAttemptAt ?? createdAt
    self.lastError = lastError
  }

  /// One addressee of a notification.
  public struct Recipient: Hashable, Sendable, Codable {
    public var actor: String
    public var email: String?
    public init(actor: String, email: String?) {
      self.actor = actor
      self.email = email
    }
  }

  /// The recipients as stores keep them: `[{"actor": …, "email": …}]` (see `recipients(fromJSON:)`).
  public var recipientsJSON: String {
    let list = recipients.map { recipient -> Value in
      var member: [String: Value] = ["actor": .string(recipient.actor)]
      if let email = recipient.email { member["email"] = .string(email) }
      return .map(member)
    }
    return JSONText.encode(.list(list))
  }

  /// Recipients read back from `recipientsJSON`, or nil when the text is not that form.
  public static func recipients(fromJSON text: String) -> [Recipient]? {
    guard case .list(let items) = try? JSONValueReader.read(text) else { return nil }
    var recipients: [Recipient] = []
    for item in items {
      guard case .map(let member) = item, case .string(let actor) = member["actor"] else { return nil }
      switch member["email"] {
      case nil, .null?: recipients.append(Recipient(actor: actor, email: nil))
      case .string(let email)?: recipients.append(Recipient(actor: actor, email: email))
      default: return nil
      }
    }
    return recipients
  }
}
