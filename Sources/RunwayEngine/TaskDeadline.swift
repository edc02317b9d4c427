import Foundation
import RunwayModel

/// The time limit of one attempt of a built-in task (`timeout:` of its state): past it the
/// attempt counts as failed and the engine goes on without waiting for it. A command task
/// enforces its own limit by killing the program (docs/workflow-format.md, "Time limits and
/// retries").
struct TaskDeadline: Sendable {
  var task: TaskBinding

  func run(_ work: @escaping @Sendable () async -> TaskOutcome) async -> TaskOutcome {
    guard task.command == nil, let limit = task.timeout else { return await work() }
    let failure = TaskOutcome.failure("\(task.name) did not finish within its time limit of \(limit)")
    return await withCheckedContinuation { continuation in
      let answer = FirstAnswer(continuation)
      let timer = Task {
        guard (try? await Task.sleep(for: .seconds(limit.seconds))) != nil else { return }
        answer.give(failure)
      }
      // The attempt's answer stops the timer; a late one is dropped.
      Task { if answer.give(await work()) { timer.cancel() } }
    }
  }
}

/// Resumes a continuation with the first answer given; later ones are ignored.
private final class FirstAnswer<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<Value, Never>?

  init(_ continuation: CheckedContinuation<Value, Never>) { self.continuation = continuation }

  /// Whether this answer was the first.
  @discardableResult
  func give(_ value: Value) -> Bool {
    let waiting = lock.withLock {
      defer { continuation = nil }
      return continuation
    }
    waiting?.resume(returning: value)
    return waiting != nil
  }
}
