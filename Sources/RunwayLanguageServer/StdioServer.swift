import Foundation
import RunwayModel
import RunwayYAML

/// Runs a `LanguageServer` on standard input and output, as editors start it (`runway lsp`).
public enum StdioServer {
  /// Serves until `exit` or the end of input; returns the exit status. A stream that is not
  /// framed as LSP ends the server with one sentence on standard error.
  public static func run(debounce: Duration, version: String) async -> Int32 {
    signal(SIGPIPE, SIG_IGN)  // a client that went away must not kill the server mid-write
    let output = OutputChannel()
    let server = LanguageServer(debounce: debounce, version: version, domain: folderDomain) { await output.write($0) }
    var framing = MessageFraming()
    for await chunk in inputChunks() {
      framing.append(chunk)
      do {
        while let body = try framing.next() {
          if let status = await server.receive(body) { return status }
        }
      } catch {
        FileHandle.standardError.write(Data("runway lsp: \(error.description)\n".utf8))
        return 1
      }
    }
    return await server.endOfInput()
  }

  /// The domain.yaml beside a `file:` document, or the standard domain (also when that file
  /// has problems: the editor shows them when it opens the file itself).
  @Sendable static func folderDomain(_ uri: String) -> Domain {
    guard let url = URL(string: uri), url.isFileURL else { return .standard }
    return DomainLoader.load(folder: url.deletingLastPathComponent().path).domain
  }

  /// Standard input as chunks, read on a thread of its own: a blocking read must not hold
  /// one of the few threads the concurrency runtime has.
  private static func inputChunks() -> AsyncStream<[UInt8]> {
    AsyncStream { continuation in
      let thread = Thread {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
          let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
          if count < 0, errno == EINTR { continue }
          guard count > 0 else { break }
          continuation.yield(Array(buffer[0..<count]))
        }
        continuation.finish()
      }
      thread.start()
    }
  }
}

/// Writes framed messages to standard output, one whole message at a time.
actor OutputChannel {
  func write(_ message: JSONValue) {
    let data = MessageFraming.frame(message.serialized)
    data.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        let written = Foundation.write(1, base + offset, bytes.count - offset)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
      }
    }
  }
}
