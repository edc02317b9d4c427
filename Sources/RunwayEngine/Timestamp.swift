import Foundation

/// ISO 8601 timestamps with milliseconds, in UTC, as Runway prints and stores them.
public enum Timestamp {
  public static func string(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(secondsFromGMT: 0) ?? .current))
  }
}
