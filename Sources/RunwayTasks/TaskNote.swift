/// Text a program printed, made fit for a history note: control characters dropped (a note
/// must not move a terminal's cursor, forge a line or reorder text), at most 500 characters.
enum TaskNote {
  /// The longest note, in characters.
  static let maximumLength = 500

  /// `text` on one line, without control or bidirectional-override characters, bounded.
  static func clean(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "\t" || scalar == "\n" || scalar == "\r" {
        scalars.append(" ")
      } else if scalar.properties.generalCategory != .control && !isBidiControl(scalar) {
        scalars.append(scalar)
      }
    }
    let line = String(scalars).trimmingSpaces
    guard line.count > maximumLength else { return line }
    return String(line.prefix(maximumLength - 1)) + "…"
  }

  /// The last line with something on it among `bytes` (what a program printed on standard
  /// error), cleaned; nil when there is none.
  static func lastLine(_ bytes: [UInt8]) -> String? {
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).reversed() {
      let cleaned = clean(String(line))
      if !cleaned.isEmpty { return cleaned }
    }
    return nil
  }

  private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
    (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
      || scalar.value == 0x200E || scalar.value == 0x200F || scalar.value == 0x061C
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var text = Substring(self)
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
