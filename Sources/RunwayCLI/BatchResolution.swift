import Foundation
import RunwayEngine
import RunwayModel

/// Streams user ids in and decisions out, a buffer at a time, so a million users never sit
/// in memory at once.
struct BatchResolution {
  var resolver: RolloutResolver
  var json: Bool

  func run(path: String) throws(CommandFailure) {
    let input: FileHandle
    if path == "-" {
      input = .standardInput
    } else {
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw CommandFailure(.invalidInput, "cannot read \(path)")
      }
      input = handle
    }
    var writer = BufferedOutput()
    var pending = [UInt8]()
    while true {
      let chunk = input.readData(ofLength: 1 << 16)
      if chunk.isEmpty { break }
      pending.append(contentsOf: chunk)
      var lineStart = 0
      for index in pending.indices where pending[index] == UInt8(ascii: "\n") {
        emit(pending[lineStart..<index], to: &writer)
        lineStart = index + 1
      }
      pending.removeFirst(lineStart)
    }
    if !pending.isEmpty { emit(pending[...], to: &writer) }
    writer.flush()
  }

  private func emit(_ line: ArraySlice<UInt8>, to writer: inout BufferedOutput) {
    // Trimmed as bytes: Foundation's trimming costs more than resolving the user.
    let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    guard let first = line.firstIndex(where: { !isBlank($0) }), let last = line.lastIndex(where: { !isBlank($0) })
    else { return }
    let bytes = line[first...last]
    let user = String(decoding: bytes, as: UTF8.self)
    let decision = resolver.resolve(userID: user)
    if json {
      var text = JSONText()
      text.object([
        "user": Value.string(user), "version": decision.version.map(Value.string) ?? .null,
        "reason": .string(decision.reason.rawValue), "release": decision.release.map(Value.string) ?? .null,
      ]) { $0.value($1) }
      writer.write(text.text)
      writer.write("\n")
    } else {
      if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) {
        writer.write(TerminalText.escaped(user))
      } else {
        writer.append(bytes)
      }
      writer.append(CollectionOfOne(UInt8(ascii: ",")))
      writer.write(decision.version ?? "")
      writer.write(",")
      writer.write(decision.reason.rawValue)
      writer.write("\n")
    }
  }
}

/// Standard output written in large blocks.
struct BufferedOutput {
  private var buffer = [UInt8]()

  mutating func write(_ text: String) { append(text.utf8) }

  mutating func append(_ bytes: some Collection<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }
}
