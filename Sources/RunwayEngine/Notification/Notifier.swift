/// Sends rendered notifications somewhere: one type per channel (email, webhook, log).
public protocol Notifier: Sendable {
  /// A short name for messages and `notify list`: `smtp://mail:25`, `https://hooks.example/x`.
  var name: String { get }
  /// Sends one notification; a retryable failure is tried again later, a permanent one not.
  /// Returns promptly, throwing, when its task is cancelled: a command's delivery bound relies
  /// on it (docs/notifications.md).
  func deliver(_ notification: OutboxEntry) async throws(DeliveryError)
}

/// Why a delivery failed, and whether trying again can help.
public struct DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  /// Connection errors and server errors (5xx) are; refusals (4xx, a bad header) are not.
  public var retryable: Bool

  public init(_ message: String, retryable: Bool) {
    self.message = message
    self.retryable = retryable
  }

  public var description: String { message }
}
