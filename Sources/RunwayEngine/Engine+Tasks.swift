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
      guard let task = workflow.state(instance.state)?.task else {
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
        try await scoped.runTask(after: &committed, viewer: nil)
        return committed.outcome
      }
    }
    throw EngineError(.conflict, "\(id) kept changing while its task was resumed; try again")
  }

  /// How long entering `task`'s state claims its run: the lease, or a command's time limit
  /// and a margin when that is longer, so that no `tasks resume` starts the program again
  /// while it may still be running (docs/deployment.md, "Tasks and crashes").
  func taskClaim(_ task: TaskBinding) -> TimeInterval {
    guard let command = task.command else { return taskLease }
    return max(taskLease, command.timeoutSeconds + Self.commandClaimMargin)
  }

  /// Time beyond a command's limit for starting it, reading its output and recording the
  /// outcome.
  static let commandClaimMargin: TimeInterval = 10
}
