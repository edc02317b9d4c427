import Foundation

/// The deadlines of the requests in flight, checked by one sweeper task every `granularity`:
/// a timer per request (`Task.sleep`) cost a dispatch timer and two thread switches on every
/// request, a sixth of a `/v1/resolve` (docs/benchmarks.md, W6).
final class RequestDeadlines: @unchecked Sendable {
  private let lock = NSLock()
  private var next: UInt64 = 0
  private var pending: [UInt64: (deadline: ContinuousClock.Instant, expire: @Sendable () -> Void)] = [:]
  private var sweeper: Task<Void, Never>?
  let granularity: Duration

  /// Deadlines `limit` away are met within a tenth of it (at least 5 ms, at most 100 ms).
  init(limit: Duration) {
    granularity = min(max(limit / 10, .milliseconds(5)), .milliseconds(100))
  }

  deinit { sweeper?.cancel() }

  /// Calls `expire` once `deadline` has passed, unless `cancel` is called with the id first.
  func add(_ deadline: ContinuousClock.Instant, expire: @escaping @Sendable () -> Void) -> UInt64 {
    lock.withLock {
      next += 1
      pending[next] = (deadline, expire)
      if sweeper == nil {
        sweeper = Task { [weak self, granularity] in
          while !Task.isCancelled {
            try? await Task.sleep(for: granularity)
            guard let self else { return }
            self.expireDue()
          }
        }
      }
      return next
    }
  }

  func cancel(_ id: UInt64) {
    lock.withLock { _ = pending.removeValue(forKey: id) }
  }

  private func expireDue() {
    let now = ContinuousClock.now
    let expired = lock.withLock {
      let due = pending.filter { $0.value.deadline <= now }
      for id in due.keys { pending.removeValue(forKey: id) }
      return due.values.map(\.expire)
    }
    for expire in expired { expire() }
  }
}
