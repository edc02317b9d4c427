import Foundation

/// The steps of a phased release written as text, `1,2,5,10,20,50,100`, read by the
/// expression `nextStep(steps, percent)` (docs/rollout.md, "Phased release").
public enum PhasedSteps {
  /// The percentages, or nil unless they are whole numbers from 1 to 100, rising.
  public static func parse(_ text: String) -> [Int]? {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingSpaces()
    }
    var steps: [Int] = []
    for part in parts {
      guard let value = IntegerText.value(part), (1...100).contains(value), value > (steps.last ?? 0) else {
        return nil
      }
      steps.append(value)
    }
    return steps.isEmpty ? nil : steps
  }

  /// The first step above `percent`; 100 when every step is at or below it.
  public static func next(after percent: Int, in text: String) -> Int? {
    guard let steps = parse(text) else { return nil }
    return steps.first { $0 > percent } ?? 100
  }

  /// The sentence a refusal of `text` shows.
  public static func problem(_ text: String) -> String {
    "the phased steps \"\(text)\" must be rising whole percentages from 1 to 100 separated by commas, as 1,2,5,10,20,50,100"
  }
}
