import Foundation

/// Delivers the outbox: claims what is due, sends each notification through every notifier,
/// and records the result — delivered, pending again after an exponential back-off, or dead
/// after `maxAttempts`. Several workers may run at once; a claim hides a notification from
/// the others for `lease` seconds.
public struct NotificationDelivery: Sendable {
  public var store: any OutboxStore
  public var notifiers: [any Notifier]
  public var clock: any Clock
  /// Attempts before a notification is dead.
  public var maxAttempts: Int
  /// The first retry waits this long; each next one twice as long, up to an hour.
  public var backoff: TimeInterval
  public var lease: TimeInterval

  public init(
    store: any OutboxStore, notifiers: [any Notifier], clock: any Clock = SystemClock(), maxAttempts: Int = 5,
    backoff: TimeInterval = 10, lease: TimeInterval = 60
  ) {
    self.store = store
    self.notifiers = notifiers
    self.clock = clock
    self.maxAttempts = maxAttempts
    self.backoff = backoff
    self.lease = lease
  }

  /// What one round of delivery did.
  public struct Report: Sendable, Hashable {
    public var delivered: [String] = []
    public var retrying: [String] = []
    public var dead: [String] = []
    public var attempted: Int { delivered.count + retrying.count + dead.count }
    public init() {}
  }

  /// Delivers up to `limit` due notifications (every pending one with `ignoringBackoff`).
  public func deliverDue(limit: Int = 100, ignoringBackoff: Bool = false) async throws(StoreError) -> Report {
    var report = Report()
    guard !notifiers.isEmpty else { return report }
    let claimed = try await store.claimNotifications(
      now: clock.now(), lease: lease, limit: limit, ignoringBackoff: ignoringBackoff)
    for var entry in claimed {
      var failure: DeliveryError?
      for notifier in notifiers {
        do { try await notifier.deliver(entry) } catch {
          failure = DeliveryError(
            "\(notifier.name): \(error.message)", retryable: error.retryable && (failure?.retryable ?? true))
        }
      }
      entry.attempts += 1
      let now = clock.now()
      if let failure {
        entry.lastError = failure.message
        if !failure.retryable || entry.attempts >= maxAttempts {
          entry.status = .dead
          report.dead.append(entry.deliveryID)
        } else {
          entry.status = .pending
          entry.nextAttemptAt = now + min(3600, backoff * pow(2, Double(entry.attempts - 1)))
          report.retrying.append(entry.deliveryID)
        }
      } else {
        entry.status = .delivered
        entry.lastError = nil
        report.delivered.append(entry.deliveryID)
      }
      try await store.updateNotification(entry)
    }
    return report
  }

  /// Makes a dead (or pending) notification due again with a fresh count of attempts.
  public func revive(_ deliveryID: String) async throws(StoreError) -> Bool {
    guard var entry = try await store.notifications(statuses: nil).first(where: { $0.deliveryID == deliveryID }) else {
      return false
    }
    entry.status = .pending
    entry.attempts = 0
    entry.nextAttemptAt = clock.now()
    try await store.updateNotification(entry)
    return true
  }
}
