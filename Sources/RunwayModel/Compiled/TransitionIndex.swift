/// The transitions leaving each state, numbered as `StateIndex.ids` numbers the states: built
/// once by the checker, which reports the overlaps it meets, and kept by the compiled
/// workflow for the engine's lookups. Arrays by state number rather than dictionaries by
/// name: building three name-keyed indexes was a tenth of loading a large workflow (W3,
/// docs/benchmarks.md).
struct TransitionIndex: Sendable {
  /// Per state: the transitions leaving it, in declaration order, task outcomes first.
  private(set) var leaving: [[CompiledTransition]]
  /// Event → first transition, only for states left by more than `scanLimit` transitions:
  /// most states have a handful, found sooner by comparing events than by hashing one.
  private var firstByEvent: [Int: [String: CompiledTransition]] = [:]
  private static let scanLimit = 8

  /// An index of `count` states leaving nothing yet.
  init(count: Int) {
    leaving = [[CompiledTransition]](repeating: [], count: count)
  }

  /// Indexes `transition` under each state it leaves; `overlap` hears of each state it
  /// leaves on an event already leaving it, with that state's number and the first such
  /// transition. The checker adds each transition as it compiles it, while it is in the
  /// cache: a second pass over a large workflow's transitions missed it on each (W3).
  mutating func add(
    _ transition: CompiledTransition, states: StateIndex, overlap: (CompiledTransition, Int, CompiledTransition) -> Void
  ) {
    for name in transition.sources {
      guard let id = states.ids[name] else { continue }
      if let first = first(leaving: id, on: transition.event) {
        overlap(transition, id, first)
      } else if firstByEvent[id] != nil {
        firstByEvent[id]?[transition.event] = transition
      }
      leaving[id].append(transition)
      if leaving[id].count == Self.scanLimit + 1 {
        var byEvent: [String: CompiledTransition] = [:]
        for transition in leaving[id] where byEvent[transition.event] == nil {
          byEvent[transition.event] = transition
        }
        firstByEvent[id] = byEvent
      }
    }
  }

  /// The first transition on `event` that leaves state `id`.
  func first(leaving id: Int, on event: String) -> CompiledTransition? {
    if let byEvent = firstByEvent[id] { return byEvent[event] }
    return leaving[id].first { $0.event == event }
  }
}
