import Synchronization

/// The store's one connection, taken in turn by tasks. A task that finds it taken is suspended
/// until its turn comes (first come, first served) instead of blocking its thread on GRDB's
/// queue: `runway serve` runs its requests on one thread per core, and requests that blocked
/// there on a busy connection left none to read, parse or answer the others
/// (docs/benchmarks.md, W7). A turn that is free is taken without suspending.
final class ConnectionTurns: Sendable {
  private struct State {
    var taken = false
    /// In the order they came; as many as tasks wait at once.
    var waiting: [CheckedContinuation<Void, Never>] = []
  }

  private let state = Mutex(State())

  /// Runs `body` once the connection is this task's, then hands it to the next waiting task.
  func run<T>(_ body: () async throws -> T) async rethrows -> T {
    await take()
    defer { handOn() }
    return try await body()
  }

  /// Takes the connection when it is free, without suspending; false when another has it.
  func tryTake() -> Bool {
    state.withLock { state in
      if state.taken { return false }
      state.taken = true
      return true
    }
  }

  private func take() async {
    if tryTake() { return }
    await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
      // Taken again under the lock: the turn may have been handed back meanwhile.
      let now = state.withLock { state in
        if !state.taken {
          state.taken = true
          return true
        }
        state.waiting.append(turn)
        return false
      }
      if now { turn.resume() }
    }
  }

  /// Gives the connection to the next waiting task, or frees it.
  func handOn() {
    let turn = state.withLock { state -> CheckedContinuation<Void, Never>? in
      guard !state.waiting.isEmpty else {
        state.taken = false
        return nil
      }
      // The turn passes straight to the next waiter: it stays taken.
      return state.waiting.removeFirst()
    }
    turn?.resume()
  }
}
