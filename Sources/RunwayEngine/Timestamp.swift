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
    // Written into one buffer: joining the padded parts made a string per step once past 15
    // bytes, and every notification's payload has a time (docs/benchmarks.md, W1).
    let width = year < 0 || year > 9999 ? String(year).utf8.count : 4
    return String(unsafeUninitializedCapacity: width + 20) { buffer in
      var index = 0
      func put(_ value: Int64, _ digits: Int) {
        if value < 0 {
          buffer[index] = UInt8(ascii: "-")
          index += 1
          return put(-value, digits - 1)
        }
        var rest = value
        for offset in stride(from: digits - 1, through: 0, by: -1) {
          buffer[index + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
        index += digits
      }
      func put(_ character: Unicode.Scalar) {
        buffer[index] = UInt8(ascii: character)
        index += 1
      }
      put(year, width)
      put("-")
      put(month, 2)
      put("-")
      put(dayOfMonth, 2)
      put("T")
      put(time / 3_600_000, 2)
      put(":")
      put(time / 60_000 % 60, 2)
      put(":")
      put(time / 1000 % 60, 2)
      put(".")
      put(time % 1000, 3)
      put("Z")
      return index
    }
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
