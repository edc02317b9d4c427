import Foundation
import RunwayEngine

/// An RFC 5322 message: headers checked for line breaks (header injection is refused, never
/// passed on), a non-ASCII subject encoded as an RFC 2047 word, the body in UTF-8.
struct EmailMessage {
  var from: String
  var to: [String]
  var subject: String
  var body: String
  var messageID: String
  var date: Date

  /// The message text with CRLF line ends, dot-stuffed for SMTP's DATA.
  func rendered() throws(DeliveryFailure) -> String {
    for (name, value) in [("From", from), ("Subject", subject), ("Message-ID", messageID)] + to.map({ ("To", $0) }) {
      if value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
        throw DeliveryFailure("the \(name) header contains a line break; header injection is refused", retryable: false)
      }
    }
    var lines = [
      "Date: \(Self.rfc5322(date))",
      "From: \(from)",
      "To: \(to.joined(separator: ", "))",
      "Subject: \(Self.encodedWord(subject))",
      "Message-ID: <\(messageID)>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
    ]
    for line in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lines.append(line.hasPrefix(".") ? "." + line : String(line))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// `Wed, 25 Nov 2026 10:00:00 +0000`.
  static func rfc5322(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: 0)
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    return formatter.string(from: date)
  }

  /// ASCII stays as it is; anything else becomes `=?UTF-8?B?…?=`.
  static func encodedWord(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
    return "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?="
  }
}
