/// The transitions leaving each state, numbered as `StateIndex.ids` numbers the states: built
/// once by the checker, which reports the overlaps it meets, and kept by the compiled
/// workflow for the engine's lookups. Arrays by state number rather than dictionaries by
/// name: building three name-keyed indexes was a tenth of loading a large workflow (W3,
/// docs/benchmarks.md).
struct TransitionIndex: Sendable {
  /// Per state: the transitions leaving it, in declaration order, task outcomes first.
  private(set) var leaving: [[CompiledTransition]]
  /// Per state: event → the first transition on it that leaves the state.
  private(set) var firstByEvent: [[String: CompiledTransition]]

  /// Indexes `transitions`; `overlap` hears of each transition that repeats an event already
  /// leaving one of its states, with that state's number and the first such transition.
  init(
    _ transitions: [CompiledTransition], states: StateIndex, count: Int,
    overlap: (CompiledTransition, Int, CompiledTransition) -> Void
  ) {
    var leaving = [[CompiledTransition]](repeating: [], count: count)
    var firstByEvent = [[String: CompiledTransition]](repeating: [:], count: count)
    for transition in transitions {
      for name in transition.sources {
        guard let id = states.ids[name] else { continue }
        leaving[id].append(transition)
        if let first = firstByEvent[id][transition.event] {
          overlap(transition, id, first)
        } else {
          firstByEvent[id][transition.event] = transition
        }
      }
    }
    self.leaving = leaving
    self.firstByEvent = firstByEvent
  }
}
