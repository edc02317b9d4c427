import Foundation
import RunwayModel

extension Engine {
  /// Runs the task of the state instance `id` is in and fires its outcome, when the process
  /// that entered the state died before it recorded one: its claim on the run has run out (or
  /// `force` says the caller knows that process is gone). The outcome commits through the
  /// same compare-and-swap as any transition, so it is recorded at most once.
  public func resumeTask(_ id: String, force: Bool = false) async throws(EngineError) -> FireOutcome {
    for _ in 0..<maxAttempts {
      let (instance, workflow, scoped) = try await reading(snapshotRequest(instance: id)) {
        (engine, snapshot) throws(EngineError) in
        guard let instance = snapshot.instance else { throw .notFound("no instance \"\(id)\"") }
        return (instance, try engine.catalog.pinned(instance, stored: snapshot.definition), engine)
      }
      guard let task = workflow.task(of: instance.state) else {
        let title = workflow.state(instance.state)?.title ?? instance.state
        throw .rejected("\(id) is in \(instance.state) (\(title)), which runs no task; there is nothing to resume")
      }
      let now = clock.now()
      let claim: TaskClaim
      do {
        claim = try await store.claimTask(
          id, revision: instance.revision, until: now + taskClaim(task), now: now, force: force)
      } catch { throw .store(error) }
      switch claim {
      case .moved: continue
      case .held(let until):
        throw EngineError(
          .conflict,
          "the \(task.name) task of \(id) may still be running: its run is claimed until \(Timestamp.string(until)); resume it after that, or with --force if the process that ran it is gone"
        )
      case .claimed:
        var committed = Committed(
          outcome: FireOutcome(instance: instance, entries: [], notifications: []), workflow: workflow,
          directory: scoped.directory)
        let attempt = try await scoped.attempt(of: instance)
        try await scoped.runTask(after: &committed, viewer: nil, attempt: attempt)
        return committed.outcome
      }
    }
    throw EngineError(.conflict, "\(id) kept changing while its task was resumed; try again")
  }

  /// Runs the task of the state the instance is now in (`attempt` counts the runs of this
  /// visit, the failed ones recorded by `retry`) and fires its outcome as the system actor,
  /// repeatedly while outcomes lead to further task states. A failure with attempts left
  /// records `retry` and claims the run until the back-off ends: a worker runs the next
  /// attempt then (docs/workflow-format.md, "Time limits and retries").
  func runTask(after committed: inout Committed, viewer: String?, attempt first: Int = 1) async throws(EngineError) {
    var steps = 0
    var attempt = first
    while steps < 16 {
      let instance = committed.outcome.instance
      guard committed.mayRunTask, let task = committed.workflow.task(of: instance.state) else { return }
      steps += 1
      let run: @Sendable () async -> TaskOutcome = {
        [taskRunner, workflow = committed.workflow, directory = committed.directory] in
        await taskRunner.run(task.name, for: instance, workflow: workflow, directory: directory)
      }
      let result = taskRunner.answersAtOnce(task) ? await run() : await TaskDeadline(task: task).run(run)
      var next: Committed
      let counted = task.attempts > 1 ? "attempt \(attempt) of \(task.attempts) failed: " : ""
      if result.succeeded {
        do {
          next = try await commitTransition(
            instance.id, TaskBinding.successEvent, actorID: Self.systemActor, system: true,
            params: [:], taskFields: result.fields, note: result.message, viewer: viewer)
        } catch  where error.code == .rejected || error.code == .invalidInput {
          // A success the workflow refuses (a field the task may not set) is a failed task:
          // the instance must not stay in the task state with nothing to move it on.
          next = try await commitTransition(
            instance.id, TaskBinding.failureEvent, actorID: Self.systemActor, system: true,
            params: [:], note: "\(task.name) succeeded but its result was refused: \(error.message)", viewer: viewer)
        }
      } else if let retries = task.retries, attempt < retries.attempts {
        let delay = retries.delay(before: attempt + 1)
        next = try await commitTransition(
          instance.id, TaskBinding.retryEvent, actorID: Self.systemActor, system: true, params: [:],
          note: counted + (result.message ?? "\(task.name) failed")
            + "; attempt \(attempt + 1) in \(Period(seconds: delay))",
          viewer: viewer, claim: TimeInterval(delay))
        committed.merge(next)
        return
      } else {
        next = try await commitTransition(
          instance.id, TaskBinding.failureEvent, actorID: Self.systemActor, system: true,
          params: [:], note: result.message.map { counted + $0 } ?? (counted.isEmpty ? nil : counted + task.name),
          viewer: viewer)
      }
      committed.merge(next)
      attempt = 1
    }
  }

  /// Which attempt the next run of the task of `instance`'s state is: one more than the
  /// `retry` entries that end its history (they are all of this visit to the state).
  func attempt(of instance: Instance) async throws(EngineError) -> Int {
    let entries: [HistoryEntry]
    do { entries = try await store.history(of: instance.id) } catch { throw .store(error) }
    var attempt = 1
    for entry in entries.reversed() {
      guard entry.event == TaskBinding.retryEvent, entry.to == instance.state else { break }
      attempt += 1
    }
    return attempt
  }

  /// How long entering `task`'s state claims its run: the lease, or a command's time limit
  /// and a margin when that is longer, so that no `tasks resume` starts the program again
  /// while it may still be running (docs/deployment.md, "Tasks and crashes").
  func taskClaim(_ task: TaskBinding) -> TimeInterval {
    // A built-in task runs inside the process that holds the claim and dies with it, so its
    // time limit does not lengthen the claim; a command's program may outlive that process.
    guard let command = task.command else { return taskLease }
    return max(taskLease, command.timeoutSeconds + Self.commandClaimMargin)
  }

  /// Time beyond a command's limit for starting it, reading its output and recording the
  /// outcome.
  static let commandClaimMargin: TimeInterval = 10
}

extension Engine.Committed {
  /// Adds what a following commit did: its instance, entries and notifications.
  mutating func merge(_ next: Engine.Committed) {
    var merged = outcome
    merged.instance = next.outcome.instance
    merged.entries += next.outcome.entries
    merged.notifications += next.outcome.notifications
    merged.view = next.outcome.view
    self = Engine.Committed(outcome: merged, workflow: next.workflow, directory: next.directory)
    mayRunTask = next.mayRunTask
  }
}
