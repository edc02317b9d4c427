import CLibYAML
import Foundation
import RunwayModel
import RunwayYAML

/// W3: loading and validating generated workflows of growing size; linear growth is 10×
/// from the small to the large one.
enum DefinitionLoading {
  /// A chain of `states` states with `perState` transitions out of each, all valid.
  static func generate(states: Int, perState: Int) -> String {
    var text = """
      workflow: generated
      fields:
        count: { type: int, default: "0", min: 0 }
        owner: { type: string }
      roles:
        admin: { workspace: "'acme'" }
      start: { allow: [admin] }
      initial: s0
      states:

      """
    for index in 0..<states {
      text += "  s\(index): { title: State \(index)\(index == states - 1 ? ", terminal: true" : "") }\n"
    }
    text += "transitions:\n"
    for index in 0..<(states - 1) {
      for step in 0..<perState {
        let target = min(states - 1, index + 1 + step)
        text +=
          "  e\(index)-\(step): { from: s\(index), to: s\(target), allow: [admin], set: { count: \"count + 1\" } }\n"
      }
    }
    return text
  }

  /// The median of `repeats` loads of `text` and of libyaml's parses, and the first load alone.
  static func measure(_ text: String, repeats: Int) throws -> (ours: Double, yaml: Double, first: Double) {
    var ours: [Double] = []
    var yaml: [Double] = []
    for _ in 0..<repeats {
      ours.append(
        try seconds {
          let loaded = try WorkflowLoader.parse(
            text, file: "generated.yaml", limits: LoaderLimits(maximumFileSize: 64 << 20, maximumNodes: 10_000_000))
          let (compiled, diagnostics) = WorkflowCompiler.compile(loaded.workflow)
          guard compiled != nil else { throw BenchmarkError("generated workflow invalid: \(diagnostics.prefix(3))") }
        })
      yaml.append(seconds { _ = libyamlEvents(text) })
    }
    return (median(ours), median(yaml), ours[0])
  }

  /// The irreducible parse: every libyaml event of `text`, discarded; how many there were.
  static func libyamlEvents(_ text: String) -> Int {
    var parser = yaml_parser_t()
    yaml_parser_initialize(&parser)
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var events = 0
      var event = yaml_event_t()
      while yaml_parser_parse(&parser, &event) == 1 {
        let done = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        events += 1
        if done { break }
      }
      return events
    }
  }

  static func run(quick: Bool) throws -> [BenchmarkRow] {
    let smallText = generate(states: 1000, perState: 5)
    let largeText = generate(states: 10_000, perState: 5)
    // Each round loads the small text, parses it with libyaml, then the same for the large
    // one, one after the other: the host changes speed for seconds at a time, so each ratio is
    // taken within a round, from measurements a few milliseconds apart, and the rows give the
    // median of the rounds' ratios (docs/benchmarks.md, "W3's rounds").
    var rounds: [(small: (ours: Double, yaml: Double), large: (ours: Double, yaml: Double))] = []
    for _ in 0..<(quick ? 3 : 15) {
      let small = try measure(smallText, repeats: 1)
      let large = try measure(largeText, repeats: 1)
      rounds.append(((small.ours, small.yaml), (large.ours, large.yaml)))
    }
    let smallRatio = median(rounds.map { $0.small.ours / $0.small.yaml })
    let largeRatio = median(rounds.map { $0.large.ours / $0.large.yaml })
    let growth = median(rounds.map { $0.large.ours / $0.small.ours })
    let small = (ours: median(rounds.map(\.small.ours)), yaml: median(rounds.map(\.small.yaml)))
    let large = (ours: median(rounds.map(\.large.ours)), yaml: median(rounds.map(\.large.yaml)))
    let firstGrowth = rounds[0].large.ours / rounds[0].small.ours
    let rounded = "\(rounds.count) rounds of one load and one parse of each size, one after the other"
    return [
      BenchmarkRow(
        name: "W3 load + validate 1,000 / 5,000", value: small.ours * 1000, unit: "ms", floor: small.yaml * 1000,
        ratio: smallRatio, target: "≤ 3× the libyaml parse", meets: smallRatio <= 3,
        note:
          "floor: libyaml parsing the same text into events, nothing built; \(rounded); value and floor are medians, the ratio the median of the rounds' ratios"
      ),
      BenchmarkRow(
        name: "W3 load + validate 10,000 / 50,000", value: large.ours * 1000, unit: "ms", floor: large.yaml * 1000,
        ratio: largeRatio, target: "—", meets: true,
        note:
          "floor: libyaml parsing the same text into events, nothing built; \(rounded); the ratio the median of the rounds' ratios"
      ),
      BenchmarkRow(
        name: "W3 growth 10× the size", value: growth, unit: "×", floor: 10, ratio: growth / 10,
        target: "≤ 11× (linear is 10×)", meets: growth <= 11,
        note:
          "the median of the rounds' large load over their small load (\(rounded)); the first round's alone: \(String(format: "%.1f", firstGrowth))×"
      ),
    ]
  }
}
