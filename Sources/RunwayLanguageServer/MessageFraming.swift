import Foundation

/// The base protocol's framing: `Content-Length: N\r\n\r\n` then N bytes of JSON
/// (LSP 3.17, "Base Protocol"). Bytes arrive in chunks of any size; whole bodies come out.
public struct MessageFraming: Sendable {
  /// The input is not framed as the base protocol says; the stream cannot be resynchronised.
  public struct Error: Swift.Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String
  }

  /// A header block larger than this is refused: it is not LSP.
  static let maximumHeaderSize = 8 * 1024
  /// A body larger than this is refused (a workflow file is at most 1 MiB, JSON-escaped).
  static let maximumBodySize = 64 * 1024 * 1024

  private var buffer: [UInt8] = []
  private var start = 0
  /// Bytes consumed before `start`, to say where a problem is.
  private var consumed = 0

  public init() {}

  /// Adds received bytes.
  public mutating func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

  /// The next complete body, nil when more bytes are needed.
  public mutating func next() throws(Error) -> Data? {
    guard let headerEnd = headerEnd() else {
      if buffer.count - start > Self.maximumHeaderSize {
        throw Error(
          description: "the input at byte \(consumed) has no header end (\\r\\n\\r\\n) within 8 KiB: it is not LSP")
      }
      return nil
    }
    let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
    var length: Int?
    for line in header.split(separator: "\r\n", omittingEmptySubsequences: true) {
      guard let colon = line.firstIndex(of: ":") else {
        throw Error(description: "the header line \"\(line)\" at byte \(consumed) is not \"Name: value\"")
      }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if name == "content-length" {
        guard let number = Int(value), number >= 0, number <= Self.maximumBodySize else {
          throw Error(description: "Content-Length \"\(value)\" at byte \(consumed) is not a size up to 64 MiB")
        }
        length = number
      }
    }
    guard let length else {
      throw Error(description: "the message at byte \(consumed) has no Content-Length header")
    }
    let bodyStart = headerEnd + 4
    guard buffer.count - bodyStart >= length else { return nil }
    let body = Data(buffer[bodyStart..<bodyStart + length])
    consumed += bodyStart + length - start
    start = bodyStart + length
    if start > 65_536, start * 2 > buffer.count {
      buffer.removeFirst(start)
      start = 0
    }
    return body
  }

  private func headerEnd() -> Int? {
    var index = start
    while index + 3 < buffer.count {
      if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
        return index
      }
      index += 1
    }
    return nil
  }

  /// A body with its header, ready to write.
  public static func frame(_ body: Data) -> Data {
    var data = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
    data.append(body)
    return data
  }
}
