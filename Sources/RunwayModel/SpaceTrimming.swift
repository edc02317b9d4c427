extension String {
  /// The text without leading and trailing spaces: what Foundation's `trimmingCharacters(in:
  /// .whitespaces)` removes (tab, Unicode's space separators and the zero-width space; not line breaks), without its
  /// bridging through `NSString`, whose first use costs a short command a scan of every
  /// protocol conformance in the binary (docs/benchmarks.md, W2).
  public func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}

extension Substring {
  /// The text without leading and trailing spaces, as `String.trimmingSpaces()`. Concrete
  /// rather than on `StringProtocol`: a generic call across modules is resolved at run time.
  public func trimmingSpaces() -> String {
    // Most names have nothing to trim: ASCII other than space or tab at both ends.
    if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
      return String(self)
    }
    let scalars = unicodeScalars
    // Foundation's set, listed: tab, Unicode's space separators and the zero-width space.
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar.value {
      case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
      default: return false
      }
    }
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    var result = ""
    for scalar in scalars[first...last] { result.unicodeScalars.append(scalar) }
    return result
  }
}
