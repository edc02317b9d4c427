/// Edges between numbered states in two flat arrays: the targets of state `s` are
/// `targets[starts[s]..<starts[s + 1]]`. The graph check walks a workflow's transitions both
/// ways, and a list per state cost allocations in proportion to the states (W3,
/// docs/benchmarks.md).
struct StateEdges {
  var starts: [Int]
  var targets: [Int] = []

  init(count: Int) {
    starts = [Int](repeating: 0, count: count + 1)
  }

  /// The states `state` has an edge to, in the order they were added.
  subscript(state: Int) -> ArraySlice<Int> { targets[starts[state]..<starts[state + 1]] }

  /// The same edges pointing the other way.
  func reversed() -> StateEdges {
    let count = starts.count - 1
    var reversed = StateEdges(count: count)
    for target in targets { reversed.starts[target + 1] += 1 }
    for state in 0..<count { reversed.starts[state + 1] += reversed.starts[state] }
    var next = Array(reversed.starts.dropLast())
    reversed.targets = [Int](repeating: 0, count: targets.count)
    for state in 0..<count {
      for target in self[state] {
        reversed.targets[next[target]] = state
        next[target] += 1
      }
    }
    return reversed
  }
}
