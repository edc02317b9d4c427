import RunwayEngine

/// A failure inside a notifier before it becomes a `DeliveryError`.
struct DeliveryFailure: Error, Sendable {
  var message: String
  var retryable: Bool
  init(_ message: String, retryable: Bool) {
    self.message = message
    self.retryable = retryable
  }
}
