import NIOConcurrencyHelpers
import NIOCore

/// One SMTP reply: its three-digit code and the text of each of its lines.
struct SMTPReply: Sendable, Hashable {
  var code: Int
  var lines: [String]

  /// The last line as the server sent it, for messages: `451 try again later`.
  var text: String { "\(code) \(lines.last ?? "")" }
}

/// One step of the dialogue: write `text` (nothing for the greeting), then complete `reply`
/// with the next reply from the server.
struct SMTPExchange: Sendable {
  var text: String
  var reply: EventLoopPromise<SMTPReply>
}

/// Splits what the server sends into replies (multi-line ones joined: `250-…` lines until
/// `250 …`) and hands each to the exchange waiting for it, in order. A reply that is not SMTP,
/// a closed connection or a TLS error fails every waiting exchange.
final class SMTPReplyHandler: ChannelDuplexHandler {
  typealias InboundIn = ByteBuffer
  typealias OutboundIn = SMTPExchange
  typealias OutboundOut = ByteBuffer

  /// A longer line than any sane server sends: the connection is dropped, not buffered on.
  static let maximumLineLength = 64 * 1024

  private var unread: [UInt8] = []
  private var linesOfReply: [String] = []
  private var arrived = CircularBuffer<SMTPReply>()
  private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
  private let host: String
  /// The first failure, kept beyond the pipeline: once the channel is closed this handler is
  /// gone, and a later write fails with "closed" instead of the reason it closed.
  private let firstFailure: NIOLockedValueBox<DeliveryFailure?>
  private var failure: DeliveryFailure? { firstFailure.withLockedValue { $0 } }

  init(host: String, firstFailure: NIOLockedValueBox<DeliveryFailure?>) {
    self.host = host
    self.firstFailure = firstFailure
  }

  /// Whether the server sent anything not asked for yet; after STARTTLS's `220` that would be
  /// plaintext smuggled in front of the TLS session, so the upgrade is refused.
  var hasUnreadInput: Bool { !unread.isEmpty || !arrived.isEmpty || !linesOfReply.isEmpty }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let exchange = unwrapOutboundIn(data)
    if let failure {
      exchange.reply.fail(failure)
      promise?.fail(failure)
      return
    }
    waiting.append(exchange.reply)
    handOver()
    guard !exchange.text.isEmpty else {
      promise?.succeed(())
      return
    }
    context.write(wrapOutboundOut(ByteBuffer(string: exchange.text)), promise: promise)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    unread.append(contentsOf: unwrapInboundIn(data).readableBytesView)
    while let newline = unread.firstIndex(of: UInt8(ascii: "\n")) {
      var line = Array(unread[..<newline])
      unread.removeFirst(newline + 1)
      if line.last == UInt8(ascii: "\r") { line.removeLast() }
      let text = String(decoding: line, as: UTF8.self)
      guard text.count >= 3, let code = Int(text.prefix(3)), (200..<600).contains(code),
        text.count == 3 || [" ", "-"].contains(text[text.index(text.startIndex, offsetBy: 3)])
      else {
        fail(context, DeliveryFailure("the server answered \"\(text.prefix(80))\", which is not SMTP", retryable: true))
        return
      }
      linesOfReply.append(String(text.dropFirst(4)))
      if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] == " " {
        arrived.append(SMTPReply(code: code, lines: linesOfReply))
        linesOfReply = []
      }
    }
    if unread.count > Self.maximumLineLength {
      fail(context, DeliveryFailure("the server sent a line longer than 64 KB", retryable: true))
      return
    }
    handOver()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    fail(context, DeliveryFailure(SMTPConnection.sentence(for: error, host: host), retryable: true))
  }

  func channelInactive(context: ChannelHandlerContext) {
    failWaiting(DeliveryFailure("the server closed the connection", retryable: true))
    context.fireChannelInactive()
  }

  private func handOver() {
    while !arrived.isEmpty, !waiting.isEmpty { waiting.removeFirst().succeed(arrived.removeFirst()) }
  }

  private func fail(_ context: ChannelHandlerContext, _ failure: DeliveryFailure) {
    failWaiting(failure)
    context.close(promise: nil)
  }

  private func failWaiting(_ failure: DeliveryFailure) {
    let first = firstFailure.withLockedValue { first in
      if first == nil { first = failure }
      return first ?? failure
    }
    while !waiting.isEmpty { waiting.removeFirst().fail(first) }
  }
}
