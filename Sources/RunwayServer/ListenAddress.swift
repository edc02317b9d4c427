/// Where the server listens: `HOST:PORT`, `[::1]:PORT` for IPv6; port 0 picks a free one
/// (the server prints the one it got).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
  public var host: String
  public var port: Int

  /// Parses `HOST:PORT`, or says how to write it.
  public init(parsing text: String) throws(ListenAddressError) {
    var host: Substring
    var port: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
        throw ListenAddressError(text: text)
      }
      host = text[text.index(after: text.startIndex)..<close]
      port = text[text.index(close, offsetBy: 2)...]
    } else {
      guard let colon = text.lastIndex(of: ":") else { throw ListenAddressError(text: text) }
      host = text[..<colon]
      port = text[text.index(after: colon)...]
    }
    guard !host.isEmpty, let number = Int(port), (0...65_535).contains(number) else {
      throw ListenAddressError(text: text)
    }
    self.host = String(host)
    self.port = number
  }

  public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// `--listen` is not `HOST:PORT`.
public struct ListenAddressError: Error, Sendable, CustomStringConvertible {
  public var text: String
  public var description: String {
    "--listen must be HOST:PORT with a port from 0 to 65535 (127.0.0.1:8080, [::1]:8080), not \"\(text)\""
  }
}
