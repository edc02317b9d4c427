/// A position in a source file: 1-based line and column. Stored in 12 bytes (the file's
/// number, line and column as 32-bit integers) where a path and two `Int`s took 32: the
/// YAML tree and the model hold several locations per value (docs/benchmarks.md, "W3,
/// loading").
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The file, as its number.
  public var source: SourceFile
  private var storedLine: UInt32
  private var storedColumn: UInt32

  public init(file: String, line: Int, column: Int) {
    self.init(SourceFile(file), line: line, column: column)
  }

  /// A location in a file already numbered: no lookup of its path.
  public init(_ source: SourceFile, line: Int, column: Int) {
    self.source = source
    storedLine = UInt32(clamping: line)
    storedColumn = UInt32(clamping: column)
  }

  /// The file's path.
  public var file: String {
    get { source.path }
    set { source = SourceFile(newValue) }
  }

  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = UInt32(clamping: newValue) }
  }

  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = UInt32(clamping: newValue) }
  }

  /// `file:line:column`, the compiler-style form editors and CI understand.
  public var description: String { "\(file):\(line):\(column)" }

  /// The location `offset` characters further on the same line.
  public func advanced(by offset: Int) -> SourceLocation {
    var location = self
    location.column = column + offset
    return location
  }

  /// Whether `self` comes before `other`: by path, then line, then column.
  public func precedes(_ other: SourceLocation) -> Bool {
    if source != other.source { return file < other.file }
    return (storedLine, storedColumn) < (other.storedLine, other.storedColumn)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      file: try container.decode(String.self, forKey: .file), line: try container.decode(Int.self, forKey: .line),
      column: try container.decode(Int.self, forKey: .column))
  }

  public func encode(to encoder: any Encoder) throws {
    // Locations are not part of a definition's meaning: the canonical form leaves them out
    // so that moving lines or editing comments keeps the digest.
    if encoder.userInfo[.canonicalForm] as? Bool == true {
      var container = encoder.singleValueContainer()
      try container.encodeNil()
      return
    }
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(file, forKey: .file)
    try container.encode(line, forKey: .line)
    try container.encode(column, forKey: .column)
  }

  private enum CodingKeys: String, CodingKey { case file, line, column }
}

extension CodingUserInfoKey {
  /// Set to `true` to encode a definition without its source locations (see `Workflow.digest`).
  public static let canonicalForm = CodingUserInfoKey(rawValue: "runway.canonicalForm")!
}
