import Testing

@testable import RunwayModel

/// The graph check's edges in flat arrays (docs/benchmarks.md, "W3, loading"): each state's
/// targets, and the same edges reversed, as lists per state would hold them.
@Suite("State edges")
struct StateEdgesTests {
  static func edges(_ lists: [[Int]]) -> StateEdges {
    var edges = StateEdges(count: lists.count)
    for (state, targets) in lists.enumerated() {
      edges.targets += targets
      edges.starts[state + 1] = edges.targets.count
    }
    return edges
  }

  static let graphs: [[[Int]]] = [
    [],
    [[]],
    [[0]],
    [[1, 2], [], [0, 0, 1]],
    [[3], [3], [3], [], [0, 1, 2, 3, 4]],
  ]

  @Test("each state's targets, and the edges reversed", arguments: graphs)
  func reversed(_ lists: [[Int]]) {
    let edges = Self.edges(lists)
    #expect(lists.indices.map { Array(edges[$0]) } == lists)
    var expected = [[Int]](repeating: [], count: lists.count)
    for (state, targets) in lists.enumerated() {
      for target in targets { expected[target].append(state) }
    }
    let reversed = edges.reversed()
    #expect(lists.indices.map { Array(reversed[$0]) } == expected)
  }
}
