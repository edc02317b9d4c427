/// A JSON object of values as `JSONText` writes it (keys sorted), with where each member lies,
/// so that the members a change touched are written again and the others copied as bytes: a
/// transition changes a field or two of an instance whose fields are stored whole on every
/// commit (docs/benchmarks.md, W4).
public struct JSONObjectText: Sendable {
  /// The object's UTF-8 bytes.
  public private(set) var bytes: [UInt8]
  /// The keys in the order written, and the bytes of each member (`"key":value`).
  private var keys: [String]
  private var members: [Range<Int>]

  /// `object` written with `style`, as `JSONText.encode(.map(object), style:)` writes it; nil
  /// when that style wraps the object (a tagged map with a key starting with `$`).
  public init?(_ object: [String: Value], style: JSONText.Style) {
    if JSONText.wraps(object, style: style) { return nil }
    var sorted = Array(object.keys)
    sorted.sort()
    var writer = JSONText()
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(sorted.count)
    writer.raw("{")
    for key in sorted {
      guard let value = object[key] else { continue }
      Self.write(key, value, style: style, into: &writer, ranges: &ranges)
    }
    writer.raw("}")
    bytes = writer.bytes
    keys = sorted
    members = ranges
  }

  private init(bytes: [UInt8], keys: [String], members: [Range<Int>]) {
    self.bytes = bytes
    self.keys = keys
    self.members = members
  }

  /// The object's text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The object once the members named `changed` hold their values in `object` (or are gone,
  /// when `object` has none), every other member unchanged; nil when a changed name is not a
  /// member yet (the caller writes the object whole).
  public func replacing(_ changed: [String], in object: [String: Value], style: JSONText.Style) -> JSONObjectText? {
    // One changed name (most transitions): its place found by halving the sorted keys, where
    // scans compared it with every key twice (docs/benchmarks.md, W4).
    var only: Int? = nil
    if changed.count == 1 {
      guard let position = position(of: changed[0]) else { return object[changed[0]] == nil ? self : nil }
      only = position
    } else {
      for name in changed where !keys.contains(name) && object[name] != nil { return nil }
    }
    var writer = JSONText(capacity: bytes.count + 32)
    // The keys stay as they are unless a member goes (most changes set a value).
    var kept: [String]? = nil
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(keys.count)
    writer.raw("{")
    // A run of unchanged members is copied in one piece, commas included (they lie side by
    // side in `bytes`): one copy instead of one a member (docs/benchmarks.md, W4).
    var run: Range<Int>? = nil
    func copyRun() {
      guard let members = run else { return }
      if !ranges.isEmpty { writer.raw(",") }
      let shift = writer.bytes.count - self.members[members.lowerBound].lowerBound
      let bytes = self.members[members.lowerBound].lowerBound..<self.members[members.upperBound - 1].upperBound
      self.bytes.withUnsafeBufferPointer { writer.raw(UnsafeBufferPointer(rebasing: $0[bytes])) }
      for position in members {
        ranges.append((self.members[position].lowerBound + shift)..<(self.members[position].upperBound + shift))
      }
      run = nil
    }
    for (position, key) in keys.enumerated() {
      let touched = only.map { $0 == position } ?? changed.contains(key)
      if touched {
        copyRun()
        guard let value = object[key] else {
          if kept == nil { kept = Array(keys[..<position]) }
          continue
        }
        Self.write(key, value, style: style, into: &writer, ranges: &ranges)
      } else {
        run = (run?.lowerBound ?? position)..<(position + 1)
      }
      kept?.append(key)
    }
    copyRun()
    writer.raw("}")
    return JSONObjectText(bytes: writer.bytes, keys: kept ?? keys, members: ranges)
  }

  /// Where `name` is among the keys, which are sorted; nil when it is not a member.
  private func position(of name: String) -> Int? {
    var low = 0
    var high = keys.count
    while low < high {
      let middle = (low + high) / 2
      if keys[middle] < name { low = middle + 1 } else { high = middle }
    }
    return low < keys.count && keys[low] == name ? low : nil
  }

  /// Writes one member after a comma when it is not the first, and notes its bytes.
  private static func write(
    _ key: String, _ value: Value, style: JSONText.Style, into writer: inout JSONText, ranges: inout [Range<Int>]
  ) {
    if !ranges.isEmpty { writer.raw(",") }
    let start = writer.bytes.count
    writer.string(key)
    writer.raw(":")
    writer.value(value, style: style)
    ranges.append(start..<writer.bytes.count)
  }
}
