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
    /// Claimed but not tried because the time ran out: due again as before, attempts unchanged.
    public var deferred: [String] = []
    public var attempted: Int { delivered.count + retrying.count + dead.count }
    public init() {}
  }

  /// Delivers up to `limit` due notifications (every pending one with `ignoringBackoff`).
  /// With `budget`, returns within about that time (docs/notifications.md): a send still
  /// running then is cancelled and counts as a failed attempt, and what was not tried yet
  /// is left pending as it was.
  public func deliverDue(limit: Int = 100, ignoringBackoff: Bool = false, within budget: Duration? = nil)
    async throws(StoreError) -> Report
  {
    var report = Report()
    guard !notifiers.isEmpty else { return report }
    let deadline = budget.map { ContinuousClock.now + $0 }
    let claimed = try await store.claimNotifications(
      now: clock.now(), lease: lease, limit: limit, ignoringBackoff: ignoringBackoff)
    for var entry in claimed {
      if let deadline, ContinuousClock.now >= deadline {
        // The claimed entry still holds its state from before the claim: writing it back
        // releases the lease, so the next command or `notify deliver` takes it at once.
        try await store.updateNotification(entry)
        report.deferred.append(entry.deliveryID)
        continue
      }
      var failure: DeliveryError?
      for notifier in notifiers {
        do { try await Self.deliver(entry, through: notifier, before: deadline, budget: budget) } catch {
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

  /// One send, cancelled when `deadline` passes; notifiers return promptly when cancelled.
  static func deliver(
    _ entry: OutboxEntry, through notifier: any Notifier, before deadline: ContinuousClock.Instant?,
    budget: Duration?
  ) async throws(DeliveryError) {
    guard let deadline, let budget else { return try await notifier.deliver(entry) }
    let outcome = await withTaskGroup(of: DeliveryError?.self) { group in
      group.addTask {
        do throws(DeliveryError) { try await notifier.deliver(entry) } catch { return error }
        return nil
      }
      group.addTask {
        try? await Task.sleep(until: deadline, clock: .continuous)
        return Task.isCancelled
          ? nil
          : DeliveryError(
            "not finished within the \(seconds(budget)) s a command waits; it is tried again later",
            retryable: true)
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first
    }
    if let outcome { throw outcome }
  }

  private static func seconds(_ duration: Duration) -> String {
    String(format: "%g", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
  }

  /// Makes a dead (or pending) notification due again with a fresh count of attempts.
  public func revive(_ deliveryID: String) async throws(StoreError) -> Bool {
    guard var entry = try await store.notification(deliveryID) else { return false }
    entry.status = .pending
    entry.attempts = 0
    entry.nextAttemptAt = clock.now()
    try await store.updateNotification(entry)
    return true
  }
}
