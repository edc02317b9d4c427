/// A program run as a state's task: it reads the instance as JSON, its exit status picks the
/// outcome and its JSON output sets fields (docs/workflow-format.md, "`task` and `on`").
public struct CommandTask: Hashable, Sendable, Codable {
  /// The program, a path relative to the workflow's folder, then its arguments.
  public var command: [String]
  /// How long the program may run, in milliseconds; it is killed after that.
  public var timeoutMilliseconds: Int
  /// Where `command` and `timeout` were written, for diagnostics about them.
  public var commandLocation: SourceLocation
  public var timeoutLocation: SourceLocation

  public init(
    command: [String], timeoutMilliseconds: Int, commandLocation: SourceLocation, timeoutLocation: SourceLocation
  ) {
    self.command = command
    self.timeoutMilliseconds = timeoutMilliseconds
    self.commandLocation = commandLocation
    self.timeoutLocation = timeoutLocation
  }

  /// The program's path relative to the workflow's folder (empty when none is named).
  public var program: String { command.first ?? "" }
  public var arguments: [String] { Array(command.dropFirst()) }
  public var timeoutSeconds: Double { Double(timeoutMilliseconds) / 1000 }

  /// The longest time limit a command may have: one hour (docs/workflow-format.md, "Limits").
  public static let maximumTimeoutMilliseconds = 3_600_000

  /// "30 s", "1.5 s": the time limit as messages write it.
  public var timeoutText: String { Self.secondsText(timeoutMilliseconds) }

  /// Milliseconds as seconds in messages, without needless decimals.
  public static func secondsText(_ milliseconds: Int) -> String {
    let whole = milliseconds / 1000
    let rest = milliseconds % 1000
    guard rest != 0 else { return "\(whole) s" }
    var decimals = String(rest + 1000).dropFirst()
    while decimals.hasSuffix("0") { decimals = decimals.dropLast() }
    return "\(whole).\(decimals) s"
  }

  /// What is wrong with the program's path, or nil: it must be relative and stay inside the
  /// workflow's folder, since that folder is what a platform team reviews and ships.
  public static func programProblem(_ program: String) -> String? {
    if program.isEmpty { return "names no program: write command: [PROGRAM, ARGUMENT…]" }
    if program.hasPrefix("/") {
      return "program \"\(program)\" must be a path relative to the workflow's folder, not an absolute path"
    }
    if program.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
      return "program \"\(program)\" must stay inside the workflow's folder (no \"..\")"
    }
    return nil
  }

  /// Durations as a file writes them: `30s`, `500ms`, `2m`, or a bare number of seconds.
  /// Returns milliseconds, nil when the text is not a duration; the validator bounds it.
  public static func milliseconds(_ text: String) -> Int? {
    let units: [(suffix: String, factor: Int)] = [("ms", 1), ("s", 1000), ("m", 60_000)]
    var number = Substring(text)
    var factor = 1000
    for unit in units where text.hasSuffix(unit.suffix) {
      number = text.dropLast(unit.suffix.count)
      factor = unit.factor
      break
    }
    number = Substring(number.trimmingSuffixSpaces)
    guard let value = Int(number) else { return nil }
    let (product, overflow) = value.multipliedReportingOverflow(by: factor)
    return overflow ? (value < 0 ? Int.min : Int.max) : product
  }
}

extension Substring {
  fileprivate var trimmingSuffixSpaces: Substring {
    var text = self
    while text.last == " " { text = text.dropLast() }
    return text
  }
}
