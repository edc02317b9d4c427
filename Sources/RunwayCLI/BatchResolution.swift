import Foundation
import RunwayEngine

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
    var bytes = line
    if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
    let user = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    guard !user.isEmpty else { return }
    let decision = resolver.resolve(userID: user)
    if json {
      writer.write(
        "{\"user\":\(quoted(user)),\"version\":\(decision.version.map(quoted) ?? "null"),\"reason\":\"\(decision.reason.rawValue)\",\"release\":\(decision.release.map(quoted) ?? "null")}\n"
      )
    } else {
      writer.write("\(user),\(decision.version ?? ""),\(decision.reason.rawValue)\n")
    }
  }

  private func quoted(_ text: String) -> String {
    var escaped = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped + "\""
  }
}

/// Standard output written in large blocks.
struct BufferedOutput {
  private var buffer = [UInt8]()

  mutating func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }
}
