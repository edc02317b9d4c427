import Foundation
import RunwayModel

extension Engine {
  /// The instance's timers once a transition from `from` has committed `next` at
  /// `next.updatedAt` (docs/workflow-format.md, "Timers"): every entry into a state sets its
  /// timers anew, leaving it drops them, and a `total` timer is paused with the time it has
  /// left instead. Nil when nothing changes (a workflow without timers writes nothing).
  /// `existing` is nil when they were not read; a transition that may change them then throws
  /// `TimersNeeded`, and the fire reads them and decides again.
  func timers(
    after next: Instance, from: String, _ workflow: CompiledWorkflow, existing read: [ScheduledTimer]?
  ) throws(TimersNeeded) -> [ScheduledTimer]? {
    // Paused timers of other states stay as they are when neither end of the transition has
    // timers (and it does not end the instance).
    guard workflow.changesTimers(from: from, to: next.state) else { return nil }
    guard let existing = read else { throw TimersNeeded() }
    let target = workflow.state(next.state)
    let declared = target?.timers ?? []
    if declared.isEmpty && existing.isEmpty && (workflow.state(from)?.timers.isEmpty ?? true) { return nil }
    if target?.terminal ?? true { return existing.isEmpty ? nil : [] }
    let now = next.updatedAt
    var result: [ScheduledTimer] = []
    for timer in existing where timer.state != next.state {
      guard workflow.state(timer.state)?.timers.contains(where: { $0.event.name == timer.event && $0.total }) == true
      else { continue }
      var paused = timer
      if let due = timer.dueAt { paused.remaining = max(0, due.timeIntervalSince(now)) }
      paused.dueAt = nil
      result.append(paused)
    }
    for timer in declared {
      var length = TimeInterval(seconds(of: timer.after, workflow, fields: next.fields))
      if timer.total, let kept = existing.first(where: { $0.state == next.state && $0.event == timer.event.name }) {
        length = kept.dueAt.map { max(0, $0.timeIntervalSince(now)) } ?? kept.remaining ?? length
      }
      result.append(
        ScheduledTimer(
          instanceID: next.id, state: next.state, event: timer.event.name, revision: next.revision,
          dueAt: now + length))
    }
    return result
  }

  /// The length of a timer's delay for an instance with these fields: a written duration,
  /// or the effective value of a duration setting (its default when the stored one is not).
  func seconds(of delay: StateTimer.Delay, _ workflow: CompiledWorkflow, fields: [String: Value]) -> Int {
    switch delay {
    case .fixed(let period): return period.seconds
    case .setting(let name):
      guard let setting = workflow.definition.settings.first(where: { $0.name == name }) else { return 0 }
      let value = settings.value(of: setting, fields: fields)
      return (Period(value.stringValue ?? "") ?? Period(setting.defaultValue.stringValue ?? ""))?.seconds ?? 0
    }
  }

  /// Fires due timers (claimed together) as `fireTimer` does each, deciding and writing them
  /// in one store transaction where the store allows (SQLite): each on its own snapshot and
  /// compare-and-swap, so one refused or moved on leaves the others. A worker so writes a page
  /// once for a batch, not once a timer (docs/benchmarks.md, W8). A timer whose decision needs
  /// more than its batch read (a changed directory, say) is fired alone afterwards.
  public func fireTimers(_ timers: [ScheduledTimer]) async -> [Result<TimerOutcome, EngineError>] {
    guard !timers.isEmpty else { return [] }
    let requests = timers.map { timer in
      var request = snapshotRequest(
        instance: timer.instanceID, actorEvents: catalog.reads(of: timer.event).actorEvents)
      request.timers = true
      return request
    }
    let decided: [Result<Committed, any Error>]
    do {
      decided = try await store.updateEach(requests) { index, snapshot in
        try decision(
          on: snapshot, Self.asked(timers[index]), actorEvents: requests[index].actorEvents, readsTimers: true)
      }
    } catch {
      return timers.map { _ in .failure(.store(error)) }
    }
    var outcomes: [Result<TimerOutcome, EngineError>] = []
    outcomes.reserveCapacity(timers.count)
    for (timer, result) in zip(timers, decided) {
      switch result {
      case .success(var committed):
        outcomes.append(
          await Self.result { () async throws(EngineError) in try await finish(timer, &committed) })
      case .failure(let refusal as EngineError):
        outcomes.append(.failure(refusal))
      case .failure:
        // Decided on too little (or the store failed on this one): alone, with the retries
        // a single fire makes.
        outcomes.append(await Self.result { () async throws(EngineError) in try await fireTimer(timer) })
      }
    }
    return outcomes
  }

  private static func result(_ body: () async throws(EngineError) -> TimerOutcome) async -> Result<
    TimerOutcome, EngineError
  > {
    do { return .success(try await body()) } catch { return .failure(error) }
  }

  /// What firing `timer` asks: its event as the `system` actor, noted as the timer's.
  private static func asked(_ timer: ScheduledTimer) -> TransitionAsked {
    TransitionAsked(
      id: timer.instanceID, event: timer.event, actorID: systemActor, system: true,
      note: "timer of \(timer.state)", timer: timer)
  }

  /// After a timer's decision committed: dropped when it wrote nothing (the instance had moved
  /// on), else fired, with the task of the state it entered run.
  private func finish(_ timer: ScheduledTimer, _ committed: inout Committed) async throws(EngineError)
    -> TimerOutcome
  {
    guard !committed.outcome.entries.isEmpty else {
      do throws(StoreError) { try await store.dropTimer(timer) } catch { throw .store(error) }
      return .dropped
    }
    try await runTask(after: &committed, viewer: nil)
    return .fired(committed.outcome)
  }

  /// Fires a due timer's event as the `system` actor through the same compare-and-swap
  /// commit as any transition. When the instance has moved on since the timer was set (another
  /// revision, so another state or a new entry into it), the timer is dropped: nothing is
  /// written to the history.
  public func fireTimer(_ timer: ScheduledTimer) async throws(EngineError) -> TimerOutcome {
    var committed = try await commitTransition(Self.asked(timer))
    return try await finish(timer, &committed)
  }
}

/// A transition needs the instance's timers, which its snapshot did not read.
struct TimersNeeded: Error {}
