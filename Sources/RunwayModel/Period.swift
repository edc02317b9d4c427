/// A `duration` value of the workflow format: a positive whole number and a unit, `45s`,
/// `30m`, `24h` or `7d` (docs/workflow-format.md, "Timers"). Named `Period` so it does not
/// shadow the standard library's `Duration`.
public struct Period: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The length in seconds.
  public var seconds: Int

  public init(seconds: Int) { self.seconds = seconds }

  /// The units a duration may be written in, with their length in seconds.
  public static let units: [(suffix: Character, seconds: Int)] = [("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]

  /// Parses `30m`, `24h`, `7d`; nil for anything else (no sign, spaces, fractions or zero).
  public init?(_ text: String) {
    guard let suffix = text.last, let unit = Self.units.first(where: { $0.suffix == suffix }) else { return nil }
    let digits = text.dropLast()
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
      digits.first != "0", let count = Int(digits)
    else { return nil }
    self.seconds = count * unit.seconds
  }

  /// The sentence a refusal of `text` shows.
  public static func problem(_ text: String) -> String {
    if let first = text.first, first == "0" || first == "-" {
      return "a duration must be positive, as 30m, 24h or 7d, not \"\(text)\""
    }
    return "a duration is a whole number followed by s, m, h or d, as 30m, 24h or 7d, not \"\(text)\""
  }

  /// The shortest exact form: `24h` rather than `1440m`, `7d` rather than `168h`.
  public var description: String {
    for unit in Self.units.reversed() where seconds % unit.seconds == 0 {
      return "\(seconds / unit.seconds)\(unit.suffix)"
    }
    return "\(seconds)s"
  }
}
