/// Text made safe for a terminal: control and escape characters (C0 but line feed and tab,
/// DEL, C1) are shown as `\u{1B}` rather than written raw, so a tester id or a map value
/// cannot move the cursor, recolour or retitle the terminal of whoever reads it.
enum TerminalText {
  static func escaped(_ text: String) -> String {
    // Nearly every line is clean: answer from the bytes without building a new string.
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    default: return false
    }
  }
}
