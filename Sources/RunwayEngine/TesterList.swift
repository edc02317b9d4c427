import Foundation

/// Reads a list of super-app user ids from a CSV or TXT file's text: one id a line, or a
/// `userId` column in a CSV with a header. Blank lines and the header are skipped; a bad line
/// is refused with its number.
public enum TesterList {
  /// The ids in order of first appearance.
  public static func parse(_ text: String, file: String) throws(EngineError) -> [String] {
    // "\r\n" is one Character in Swift, so split on any newline rather than on "\n".
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
    var column = 0
    var ids: [String] = []
    var seen = Set<String>()
    var headerSeen = false
    for (index, raw) in lines.enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
      if !headerSeen {
        headerSeen = true
        if let userColumn = cells.firstIndex(where: { isHeader($0) }) {
          column = userColumn
          continue
        }
        if cells.count > 1 {
          throw .invalidInput(
            "\(file):\(index + 1): a CSV file with several columns needs a header naming the userId column")
        }
      }
      guard column < cells.count else {
        throw .invalidInput("\(file):\(index + 1): the line has no userId column")
      }
      let id = cells[column]
      guard isValidID(id) else {
        throw .invalidInput(
          "\(file):\(index + 1): \"\(id)\" is not a user id (letters, digits and . _ - @ + : only)")
      }
      if seen.insert(id).inserted { ids.append(id) }
    }
    return ids
  }

  private static func isHeader(_ cell: String) -> Bool {
    ["userid", "user_id", "user id", "id"].contains(cell.lowercased())
  }

  /// Super-app user ids: no spaces, quotes or control characters.
  static func isValidID(_ id: String) -> Bool {
    !id.isEmpty && id.count <= 128
      && id.unicodeScalars.allSatisfy {
        CharacterSet.alphanumerics.contains($0) || "._-@+:".unicodeScalars.contains($0)
      }
  }
}
