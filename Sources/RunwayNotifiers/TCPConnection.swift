import Foundation
import RunwayEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A blocking TCP connection with a deadline on every operation, for the SMTP dialogue.
final class TCPConnection {
  private let descriptor: Int32
  private let timeout: TimeInterval
  private var buffer = [UInt8]()

  /// Connects to `host:port` within `timeout` seconds.
  init(host: String, port: Int, timeout: TimeInterval) throws(DeliveryFailure) {
    self.timeout = timeout
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var result: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
      throw DeliveryFailure("cannot resolve \(host)", retryable: true)
    }
    defer { freeaddrinfo(result) }
    var address: UnsafeMutablePointer<addrinfo>? = first
    var connected: Int32 = -1
    while let candidate = address, connected < 0 {
      let fd = socket(candidate.pointee.ai_family, candidate.pointee.ai_socktype, candidate.pointee.ai_protocol)
      if fd >= 0 {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let status = connect(fd, candidate.pointee.ai_addr, candidate.pointee.ai_addrlen)
        if status == 0
          || (errno == EINPROGRESS && Self.wait(fd, events: Int16(POLLOUT), timeout: timeout)
            && Self.socketError(fd) == 0)
        {
          _ = fcntl(fd, F_SETFL, flags)
          connected = fd
        } else {
          close(fd)
        }
      }
      address = candidate.pointee.ai_next
    }
    guard connected >= 0 else {
      throw DeliveryFailure("cannot connect to \(host):\(port)", retryable: true)
    }
    descriptor = connected
  }

  deinit { close(descriptor) }

  private static func wait(_ fd: Int32, events: Int16, timeout: TimeInterval) -> Bool {
    var poller = pollfd(fd: fd, events: events, revents: 0)
    return poll(&poller, 1, Int32(timeout * 1000)) == 1
  }

  private static func socketError(_ fd: Int32) -> Int32 {
    var error: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
    return error
  }

  func send(_ text: String) throws(DeliveryFailure) {
    var bytes = Array(text.utf8)
    while !bytes.isEmpty {
      guard Self.wait(descriptor, events: Int16(POLLOUT), timeout: timeout) else {
        throw DeliveryFailure("the server did not accept data in time", retryable: true)
      }
      let sent = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      guard sent > 0 else { throw DeliveryFailure("the connection was closed while sending", retryable: true) }
      bytes.removeFirst(sent)
    }
  }

  /// One line without its CRLF.
  func readLine() throws(DeliveryFailure) -> String {
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(buffer[..<newline])
        buffer.removeFirst(newline + 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
      }
      guard Self.wait(descriptor, events: Int16(POLLIN), timeout: timeout) else {
        throw DeliveryFailure("the server did not answer in time", retryable: true)
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      guard count > 0 else { throw DeliveryFailure("the server closed the connection", retryable: true) }
      buffer.append(contentsOf: chunk[..<count])
    }
  }
}

/// A failure inside a notifier before it becomes a `DeliveryError`.
struct DeliveryFailure: Error {
  var message: String
  var retryable: Bool
  init(_ message: String, retryable: Bool) {
    self.message = message
    self.retryable = retryable
  }
}
