import Foundation

/// ISO 8601 timestamps with milliseconds, in UTC, as Runway prints and stores them.
public enum Timestamp {
  /// `2026-11-25T09:30:00.000Z`. Written by hand: it runs on every transition, and a
  /// format style costs more than the rest of the payload.
  public static func string(_ date: Date) -> String {
    let total = milliseconds(date)
    let (days, dayMilliseconds) = total.quotientAndRemainder(dividingBy: 86_400_000)
    let (day, time) = dayMilliseconds < 0 ? (days - 1, dayMilliseconds + 86_400_000) : (days, dayMilliseconds)
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = day + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shifted = (5 * dayOfYear + 2) / 153
    let dayOfMonth = dayOfYear - (153 * shifted + 2) / 5 + 1
    let month = shifted < 10 ? shifted + 3 : shifted - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int64, _ width: Int) -> String {
      let digits = String(value)
      return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(dayOfMonth, 2) + "T" + pad(time / 3_600_000, 2) + ":"
      + pad(time / 60_000 % 60, 2) + ":" + pad(time / 1000 % 60, 2) + "." + pad(time % 1000, 3) + "Z"
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
