/// A position in a source file: 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, the compiler-style form editors and CI understand.
  public var description: String { "\(file):\(line):\(column)" }

  /// The location `offset` characters further on the same line.
  public func advanced(by offset: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column + offset)
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
