import Foundation

extension MemoryInstanceStore {
  public func claimTimers(now: Date, lease: TimeInterval, limit: Int) async throws(StoreError) -> [ScheduledTimer] {
    locked { state in
      let due = state.timers.values.joined().filter { timer in
        guard let at = timer.dueAt, at <= now else { return false }
        return (state.timerClaims[MemoryState.timerKey(timer)] ?? .distantPast) <= now
      }
      let claimed = Array(
        due.sorted { ($0.dueAt ?? now, $0.instanceID) < ($1.dueAt ?? now, $1.instanceID) }.prefix(limit))
      for timer in claimed { state.timerClaims[MemoryState.timerKey(timer)] = now + lease }
      return claimed
    }
  }

  public func scheduledTimers(limit: Int?) async throws(StoreError) -> [ScheduledTimer] {
    locked { state in
      let running = state.timers.values.joined().filter { $0.dueAt != nil }
        .sorted { ($0.dueAt ?? .distantPast, $0.instanceID) < ($1.dueAt ?? .distantPast, $1.instanceID) }
      return limit.map { Array(running.prefix($0)) } ?? running
    }
  }

  public func dropTimer(_ timer: ScheduledTimer) async throws(StoreError) {
    locked { state in
      state.timers[timer.instanceID]?.removeAll {
        $0.state == timer.state && $0.event == timer.event && $0.revision == timer.revision
      }
    }
  }

  public func expiredTaskRuns(now: Date, limit: Int) async throws(StoreError) -> [String] {
    locked { state in
      Array(
        state.taskLeases.filter { $0.value <= now }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(limit)
      )
      .map(\.key)
    }
  }
}

extension MemoryState {
  static func timerKey(_ timer: ScheduledTimer) -> String {
    timer.instanceID + "\u{1}" + timer.state + "\u{1}" + timer.event
  }
}
