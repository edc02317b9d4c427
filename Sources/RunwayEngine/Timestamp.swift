import Foundation

/// ISO 8601 timestamps with milliseconds, in UTC, as Runway prints and stores them.
public enum Timestamp {
  public static func string(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(secondsFromGMT: 0) ?? .current))
  }
}

extension Timestamp {
  /// Whole milliseconds since 1970: how stores keep times.
  public static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  /// The date of whole milliseconds since 1970.
  public static func date(milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }

  /// `date` rounded to what a store keeps, so values read back compare equal.
  public static func rounded(_ date: Date) -> Date { Self.date(milliseconds: milliseconds(date)) }
}
