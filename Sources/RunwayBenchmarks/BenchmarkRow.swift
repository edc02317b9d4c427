import Foundation

/// One measured workload beside its floor, measured in the same run.
struct BenchmarkRow: Codable {
  var name: String
  var value: Double
  var unit: String
  /// The same kind of work done the plainest way (a raw insert, a bare loop).
  var floor: Double
  /// value ÷ floor.
  var ratio: Double
  /// What the design asks for, in words.
  var target: String
  var meets: Bool
  var note: String?
  /// Heap allocations per unit of work, where the workload counts them (W1).
  var allocationsPerUnit: Double? = nil
}

/// Wall-clock seconds of `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = ContinuousClock.now
  try body()
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Wall-clock seconds of an async `body`.
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
  let start = ContinuousClock.now
  try await body()
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Formats a number for the table: thousands separated, few decimals.
func formatted(_ value: Double) -> String {
  if value >= 1000 {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    return formatter.string(from: NSNumber(value: value)) ?? String(Int(value))
  }
  return String(format: value >= 10 ? "%.1f" : "%.3f", value)
}

func printTable(_ rows: [BenchmarkRow]) {
  let header = ["workload", "value", "unit", "floor", "ratio", "target", "meets"]
  let cells = rows.map {
    [
      $0.name, formatted($0.value), $0.unit, formatted($0.floor), String(format: "%.3f", $0.ratio), $0.target,
      $0.meets ? "yes" : "NO",
    ]
  }
  let widths = header.indices.map { column in ([header[column]] + cells.map { $0[column] }).map(\.count).max() ?? 0 }
  func line(_ row: [String]) -> String {
    row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
  }
  print(line(header))
  print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
  for row in cells { print(line(row)) }
}
