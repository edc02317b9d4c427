/// Bounds that keep a hostile or broken file from exhausting memory or the stack.
public struct LoaderLimits: Sendable, Hashable {
  /// The largest file accepted, in bytes.
  public var maximumFileSize: Int
  /// The most nodes the document may expand to (aliases count every time they are used).
  public var maximumNodes: Int
  /// The deepest nesting of mappings and sequences.
  public var maximumDepth: Int

  public init(maximumFileSize: Int = 1 << 20, maximumNodes: Int = 100_000, maximumDepth: Int = 64) {
    self.maximumFileSize = maximumFileSize
    self.maximumNodes = maximumNodes
    self.maximumDepth = maximumDepth
  }

  public static let standard = LoaderLimits()
}
