import RunwayModel

/// A position as LSP counts it: 0-based line, 0-based UTF-16 offset in the line.
public struct Position: Hashable, Sendable, Comparable {
  public var line: Int
  public var character: Int

  public init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  public static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }

  var json: JSONValue { ["line": JSONValue(line), "character": JSONValue(character)] }

  init?(_ json: JSONValue) {
    guard let line = json["line"].int, let character = json["character"].int, line >= 0, character >= 0 else {
      return nil
    }
    self.init(line: line, character: character)
  }
}

/// A span of text, end exclusive.
public struct TextRange: Hashable, Sendable {
  public var start: Position
  public var end: Position

  public init(start: Position, end: Position) {
    self.start = start
    self.end = end
  }

  var json: JSONValue { ["start": start.json, "end": end.json] }

  init?(_ json: JSONValue) {
    guard let start = Position(json["start"]), let end = Position(json["end"]), start <= end else { return nil }
    self.init(start: start, end: end)
  }

  func contains(_ position: Position) -> Bool { start <= position && position <= end }
}

/// The text of an open document, as the editor has it (saved or not), with its lines indexed
/// so that LSP positions (UTF-16) and the loader's locations (1-based characters) convert.
public struct TextDocument: Sendable {
  public let uri: String
  public private(set) var version: Int
  public private(set) var text: String
  /// Where each line starts in `text`.
  private var lineStarts: [String.Index] = []

  public init(uri: String, version: Int, text: String) {
    self.uri = uri
    self.version = version
    self.text = text
    indexLines()
  }

  private mutating func indexLines() {
    var starts = [text.startIndex]
    let utf8 = text.utf8
    var index = utf8.startIndex
    while let newline = utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
      index = utf8.index(after: newline)
      starts.append(index)
    }
    lineStarts = starts
  }

  public var lineCount: Int { lineStarts.count }

  /// The text of line `line` (0-based), without its line break.
  public func line(_ line: Int) -> Substring {
    guard line >= 0, line < lineStarts.count else { return "" }
    let end = line + 1 < lineStarts.count ? text.utf8.index(before: lineStarts[line + 1]) : text.endIndex
    var content = text[lineStarts[line]..<end]
    if content.utf8.last == UInt8(ascii: "\r") { content = content.dropLast() }
    return content
  }

  /// The index of an LSP position, clamped to its line.
  func index(of position: Position) -> String.Index {
    guard position.line < lineStarts.count else { return text.endIndex }
    let content = line(position.line)
    var remaining = position.character
    var index = content.startIndex
    // A position inside a surrogate pair rounds down to the character.
    for scalar in content.unicodeScalars {
      let width = scalar.utf16.count
      guard remaining >= width else { break }
      remaining -= width
      index = content.unicodeScalars.index(after: index)
    }
    return index
  }

  /// The LSP position of a loader location (1-based line and characters).
  public func position(of location: SourceLocation) -> Position {
    let lineNumber = max(0, location.line - 1)
    let content = line(lineNumber)
    let scalars = content.unicodeScalars
    let end = scalars.index(scalars.startIndex, offsetBy: max(0, location.column - 1), limitedBy: scalars.endIndex)
    return Position(
      line: lineNumber, character: content.utf16.distance(from: content.startIndex, to: end ?? scalars.endIndex))
  }

  /// The loader's column (1-based characters) of an LSP position.
  func column(of position: Position) -> Int {
    let content = line(position.line)
    return content.unicodeScalars.distance(from: content.startIndex, to: index(of: position)) + 1
  }

  /// The range of `length` characters starting at `location`.
  func range(at location: SourceLocation, length: Int) -> TextRange {
    let start = position(of: location)
    return TextRange(start: start, end: position(of: location.advanced(by: length)))
  }

  /// The text between two positions.
  func text(in range: TextRange) -> Substring { text[index(of: range.start)..<index(of: range.end)] }

  /// Applies one change: the whole text when `range` is nil, else a replacement of the range.
  public mutating func apply(_ replacement: String, in range: TextRange?, version: Int) {
    if let range {
      let start = index(of: range.start)
      let end = max(start, index(of: range.end))
      text.replaceSubrange(start..<end, with: replacement)
    } else {
      text = replacement
    }
    self.version = version
    indexLines()
  }
}
