#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many entries a streamed section holds, guessed from the text before libyaml reads it:
/// its events give no count, and growing a large section's arrays and duplicate-key table by
/// doubling copied each into fresh pages (W3, docs/benchmarks.md).
extension YAMLComposer {
  /// The lines from the section's first key on that start at the key's column, up to the
  /// first line indented less (the section's end); 1 for a section written in flow style.
  /// A line at the column that starts a list (`- `) or a comment is not counted.
  static func estimatedEntries(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = bytes.baseAddress, start >= 0, start < bytes.count else { return 1 }
    let space = UInt8(ascii: " ")
    var lineStart = start
    while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    // Only spaces before the key: a block mapping. Anything else (`{`) is flow style.
    for index in lineStart..<start where bytes[index] != space { return 1 }
    let column = start - lineStart
    var entries = 1
    var position = start
    while position < bytes.count,
      let found = memchr(base + position, Int32(UInt8(ascii: "\n")), bytes.count - position)
    {
      let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
      var first = next
      while first < bytes.count, bytes[first] == space { first += 1 }
      position = first
      guard first < bytes.count else { break }
      let character = bytes[first]
      // A blank line or a comment says nothing about the section.
      if character == UInt8(ascii: "\n") || character == UInt8(ascii: "\r") || character == UInt8(ascii: "#") {
        continue
      }
      let indent = first - next
      if indent < column { break }
      if indent == column, character != UInt8(ascii: "-") { entries += 1 }
    }
    return entries
  }
}
