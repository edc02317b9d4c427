import RunwayEngine
import Synchronization

/// Transitions that arrive while another is being written wait, and are written together in
/// the next transaction, each in its own savepoint (a group commit): under concurrent requests
/// (`runway serve`) the file's transaction, most of a transition's cost, is paid once for
/// several. A transition that finds nothing being written is written at once, alone, as
/// before; so is every one of a single caller (docs/deployment.md, "One machine: SQLite").
///
/// Each transition keeps its own compare-and-swap, history and outbox, and a refusal or
/// failure of one undoes that one alone; its caller hears back only once the transaction
/// holding it has committed.
final class TransitionBatches: Sendable {
  /// One transition waiting to be written: its request and its decision, which the writer
  /// runs (the caller is suspended until then), and where the answer goes.
  final class Pending: @unchecked Sendable {
    let request: SnapshotRequest
    /// The caller's decision, dropped once written: its caller's `withoutActuallyEscaping`
    /// checks that nothing holds it when the caller goes on.
    private(set) var decide: ((StoreSnapshot) throws -> InstanceCommit?)?
    /// Set under the batches' lock before the caller suspends.
    fileprivate var answer: CheckedContinuation<Turn, Never>?

    init(request: SnapshotRequest, decide: @escaping (StoreSnapshot) throws -> InstanceCommit?) {
      self.request = request
      self.decide = decide
    }

    fileprivate func written() { decide = nil }

    /// `decide` run on `snapshot`.
    func decision(on snapshot: StoreSnapshot) throws -> InstanceCommit? {
      guard let decide else { throw StoreError.corrupt("a transition was decided after it was written") }
      return try decide(snapshot)
    }
  }

  /// What a waiting caller is told: its transition's outcome, or to write the batch that
  /// holds it (and those after it) itself.
  fileprivate enum Turn {
    case written(Result<Void, any Error>)
    case write([Pending])
  }

  private struct State {
    var writing = false
    var waiting: [Pending] = []
    /// The transactions that committed transitions and the transitions they committed
    /// (`/metrics`, docs/api.md).
    var written = (transactions: 0, transitions: 0)
  }

  private let state = Mutex(State())

  /// How many transactions have committed how many transitions through these batches (a
  /// refused transition commits nothing and is not counted).
  var written: (transactions: Int, transitions: Int) { state.withLock { $0.written } }

  /// Writes one transition, with whatever else waits when it must wait itself: `alone`
  /// writes it alone (when nothing is being written), `together` writes a batch in one
  /// transaction and answers for each of its transitions, in order. Throws what this
  /// transition threw.
  func write(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?,
    alone: () async throws -> Void, together: ([Pending]) async -> [Result<Void, any Error>]
  ) async throws {
    if tryWriteAlone() {
      // Nothing to wait for or to hold: no allocation on the way of a single caller's writes.
      do { try await alone() } catch {
        wroteAlone(committed: false)
        throw error
      }
      wroteAlone(committed: true)
      return
    }
    // The caller waits until its transition is written, so its decision outlives no call.
    try await withoutActuallyEscaping(decide) { decide in
      let pending = Pending(request: request, decide: decide)
      let turn = await withCheckedContinuation { (answer: CheckedContinuation<Turn, Never>) in
        // Looked at again under the lock: the writer may have finished meanwhile.
        let now = state.withLock { state in
          if state.writing {
            pending.answer = answer
            state.waiting.append(pending)
            return false
          }
          state.writing = true
          return true
        }
        if now { answer.resume(returning: .write([pending])) }
      }
      switch turn {
      case .written(let result): try result.get()
      case .write(let batch): try await writeInTurn(batch, own: pending, together).get()
      }
    }
  }

  /// Whether the caller may write its transition alone now, on its own thread: nothing is
  /// being written. It then calls `wroteAlone` when done, whatever happened.
  func tryWriteAlone() -> Bool {
    state.withLock { state in
      if state.writing { return false }
      state.writing = true
      return true
    }
  }

  /// The end of a write `tryWriteAlone` allowed: counted when it committed, and the turn
  /// handed to what arrived meanwhile.
  func wroteAlone(committed: Bool) {
    if committed { count(1) }
    handOn()
  }

  /// Writes `batch`, answers the others in it, hands on the turn, and returns `own`'s outcome.
  private func writeInTurn(
    _ batch: [Pending], own: Pending, _ together: ([Pending]) async -> [Result<Void, any Error>]
  ) async -> Result<Void, any Error> {
    let results = await together(batch)
    // What committed: the transitions not undone in their savepoints.
    let committed = results.count { if case .success = $0 { true } else { false } }
    if committed > 0 { count(committed) }
    for pending in batch { pending.written() }
    var mine: Result<Void, any Error> = .failure(StoreError.corrupt("a batch returned no outcome"))
    for (pending, result) in zip(batch, results) {
      if pending === own {
        mine = result
      } else {
        pending.answer?.resume(returning: .written(result))
      }
    }
    handOn()
    return mine
  }

  /// The transitions waiting now, as the next batch, to the first of their callers; or the
  /// writing ends.
  private func handOn() {
    let next = state.withLock { state -> [Pending]? in
      guard !state.waiting.isEmpty else {
        state.writing = false
        return nil
      }
      defer { state.waiting.removeAll(keepingCapacity: true) }
      return state.waiting
    }
    if let next, let first = next.first { first.answer?.resume(returning: .write(next)) }
  }

  private func count(_ transitions: Int) {
    state.withLock {
      $0.written.transactions += 1
      $0.written.transitions += transitions
    }
  }

  /// How many transitions wait for the next batch now (for the tests).
  var waiting: Int { state.withLock { $0.waiting.count } }
  /// Whether a transition is being written now (for the tests).
  var isWriting: Bool { state.withLock { $0.writing } }
}
