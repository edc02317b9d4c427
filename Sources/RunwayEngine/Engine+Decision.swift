import Foundation
import RunwayModel

extension Engine {
  /// What one transition is asked to do: `commitTransition`'s arguments, which a batch of
  /// timers (`fireTimers`) decides on too.
  struct TransitionAsked {
    var id: String
    var event: String
    var actorID: String
    /// The system actor (`system`) may fire only task outcomes and timed events.
    var system: Bool
    var params: [String: InputValue] = [:]
    /// Params given as values (nil: `params`, as a front end received them).
    var values: [String: Value]?
    var taskFields: [String: Value] = [:]
    var note: String?
    var viewer: String?
    /// The timer that fires it: nothing is written when the instance moved on since it was set.
    var timer: ScheduledTimer?
    var claim: TimeInterval?
  }

  /// The decision of `asked` on `snapshot` (read with `actorEvents`, and the timers when
  /// `readsTimers`): the commit and its outcome, or no commit when the timer that fires it is
  /// stale. Throws a refusal, or `StaleDirectory`, `MoreActorEvents` or `TimersNeeded` when
  /// the snapshot lacks what deciding needs.
  func decision(on snapshot: StoreSnapshot, _ asked: TransitionAsked, actorEvents: Set<String>, readsTimers: Bool)
    throws -> StoreDecision<Committed>
  {
    // A long-lived engine usually reads the snapshot's generation already: no copy of itself.
    if isScoped(to: snapshot) {
      return try decision(scoped: self, on: snapshot, asked, actorEvents: actorEvents, readsTimers: readsTimers)
    }
    return try decision(
      scoped: try scoped(to: snapshot), on: snapshot, asked, actorEvents: actorEvents, readsTimers: readsTimers)
  }

  private func decision(
    scoped: Engine, on snapshot: StoreSnapshot, _ asked: TransitionAsked, actorEvents: Set<String>, readsTimers: Bool
  ) throws -> StoreDecision<Committed> {
    let actor = asked.system ? nil : try scoped.actor(asked.actorID)
    guard let instance = snapshot.instance else { throw EngineError.notFound("no instance \"\(asked.id)\"") }
    let workflow = try scoped.catalog.pinned(instance, stored: snapshot.definition)
    if let timer = asked.timer, instance.revision != timer.revision || instance.state != timer.state {
      // The instance moved on since the timer was set: drop it, write nothing.
      let unchanged = FireOutcome(instance: instance, entries: [], notifications: [])
      return StoreDecision(
        commit: nil, result: Committed(outcome: unchanged, workflow: workflow, directory: scoped.directory))
    }
    // Every request reads the last actors the current definitions' notifications name
    // (`WorkflowCatalog.reads(of:)`); only an older pinned definition may name more.
    if !scoped.catalog.isCurrent(workflow) {
      let needed = workflow.actorEvents(of: asked.event)
      guard needed.isSubset(of: actorEvents) else { throw MoreActorEvents(events: needed) }
    }
    guard
      let (commit, outcome) = try scoped.decide(
        instance, workflow, asked.event, actorID: asked.actorID, actor: actor, params: asked.params,
        values: asked.values,
        taskFields: asked.taskFields, note: asked.note, lastActors: snapshot.lastActors, viewer: asked.viewer,
        timers: readsTimers ? snapshot.timers : nil, claim: asked.claim)
    else { throw TimersNeeded() }
    var committed = Committed(outcome: outcome, workflow: workflow, directory: scoped.directory)
    // A commit that enters a state with a task claims its run (`decide`); one that claims
    // nothing entered none.
    if case .claim = commit.taskLease {} else { committed.mayRunTask = false }
    return StoreDecision(commit: commit, result: committed)
  }
}
