import Foundation
import RunwayModel
import SwiftCSV

/// Reads a list of super-app user ids from a CSV or TXT file's text: one id a line, or a
/// `userId` column in a CSV with a header. The CSV is read by a CSV parser, so a quoted cell
/// is one cell (`"u-1,u-2"` is one cell, which is not a user id, and is refused). Blank lines
/// and the header are skipped; a bad line is refused with its number but never its content,
/// which may be any file the user named (docs/cli.md, "Values").
public enum TesterList {
  /// The ids in order of first appearance.
  public static func parse(_ text: String, file: String) throws(EngineError) -> [String] {
    var text = text
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let rows = try records(text, file: file)
    var column = 0
    var ids: [String] = []
    var seen = Set<String>()
    var headerSeen = false
    // Each record is one line: a record spanning lines holds a quoted line break, which no
    // user id has, so it is refused at the line where it starts.
    for (index, row) in rows.enumerated() {
      let cells = row.map { $0.trimmingSpaces() }
      if cells.allSatisfy(\.isEmpty) { continue }
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
      guard column < cells.count, !cells[column].isEmpty else {
        throw .invalidInput("\(file):\(index + 1): the line has no userId")
      }
      let id = cells[column]
      guard isValidID(id) else {
        throw .invalidInput(
          "\(file):\(index + 1): the userId is not a user id (at most 128 letters, digits and . _ - @ + : only)")
      }
      if seen.insert(id).inserted {
        ids.append(id)
        guard ids.count <= InputLimits.setElements else {
          throw .invalidInput(
            "\(file):\(index + 1): the file holds more than \(InputLimits.setElements) user ids, the most a set holds")
        }
      }
    }
    return ids
  }

  /// The CSV records of `text`, one array of cells each.
  private static func records(_ text: String, file: String) throws(EngineError) -> [[String]] {
    var rows: [[String]] = []
    do {
      // rowLimit 0: the initialiser reads only the header row; the enumeration reads the rest once.
      let csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
      try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { rows.append($0) }
    } catch {
      throw .invalidInput("\(file):\(rows.count + 1): the line is not valid CSV (a quote in the middle of a cell)")
    }
    // The parser takes an unclosed quote to the end of the text; a valid file has pairs.
    if text.utf8.lazy.filter({ $0 == UInt8(ascii: "\"") }).count % 2 == 1 {
      throw .invalidInput("\(file): a quoted cell is not closed with \"")
    }
    return rows
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
