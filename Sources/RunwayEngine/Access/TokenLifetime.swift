import Foundation

/// How long a token lives, written `30d`, `12h`, `45m` or `3600s` (docs/api.md, "Tokens").
public enum TokenLifetime {
  /// The seconds `text` names, or the sentence saying how to write it.
  public static func parse(_ text: String) throws(EngineError) -> TimeInterval {
    let units: [Character: TimeInterval] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
    guard let unit = text.last, let seconds = units[unit], let count = Int(text.dropLast()), count > 0,
      count <= 36_500 * 86_400
    else {
      throw .invalidInput("write the lifetime as a positive number and d, h, m or s (30d, 12h), not \"\(text)\"")
    }
    return TimeInterval(count) * seconds
  }
}
