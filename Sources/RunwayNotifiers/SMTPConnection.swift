import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A connection to a mail relay on SwiftNIO: every exchange has a deadline, and cancelling the
/// task closes the channel at once, so a command's delivery bound holds (docs/notifications.md).
struct SMTPConnection: Sendable {
  let channel: any Channel
  let endpoint: SMTPEndpoint
  /// Why the connection failed, when it did (set by `SMTPReplyHandler`).
  let firstFailure: NIOLockedValueBox<DeliveryFailure?>

  /// Connects, with TLS from the first byte when the endpoint says `smtps://`.
  static func open(_ endpoint: SMTPEndpoint, tls: NIOSSLContext?) async throws(DeliveryFailure) -> SMTPConnection {
    let loop = MultiThreadedEventLoopGroup.singleton.next()
    let serverName = endpoint.serverName
    let firstFailure = NIOLockedValueBox<DeliveryFailure?>(nil)
    let bootstrap = ClientBootstrap(group: loop)
      .connectTimeout(endpoint.timeoutAmount)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          if let tls {
            try channel.pipeline.syncOperations.addHandler(
              NIOSSLClientHandler(context: tls, serverHostname: serverName))
          }
          try channel.pipeline.syncOperations.addHandler(
            SMTPReplyHandler(host: endpoint.host, firstFailure: firstFailure))
        }
      }
    let connecting = bootstrap.connect(host: endpoint.host, port: endpoint.port)
    let connected = loop.makePromise(of: (any Channel).self)
    connecting.cascade(to: connected)
    // A connection that completes after the task was cancelled is closed, not leaked.
    connecting.whenSuccess { channel in connected.futureResult.whenFailure { _ in channel.close(promise: nil) } }
    do {
      let channel = try await withTaskCancellationHandler {
        try await connected.futureResult.get()
      } onCancel: {
        connected.fail(CancellationError())
      }
      return SMTPConnection(channel: channel, endpoint: endpoint, firstFailure: firstFailure)
    } catch {
      throw DeliveryFailure(
        "cannot connect to \(endpoint.host):\(endpoint.port) (\(sentence(for: error, host: endpoint.host)))",
        retryable: true)
    }
  }

  /// Sends `text` (nothing: waits for the greeting) and returns the server's next reply.
  func exchange(_ text: String) async throws(DeliveryFailure) -> SMTPReply {
    let reply = channel.eventLoop.makePromise(of: SMTPReply.self)
    let seconds = endpoint.timeout
    let timer = channel.eventLoop.scheduleTask(in: endpoint.timeoutAmount) { [channel] in
      reply.fail(
        DeliveryFailure("the server did not answer within \(String(format: "%g", seconds)) s", retryable: true))
      channel.close(promise: nil)
    }
    reply.futureResult.whenComplete { _ in timer.cancel() }
    channel.writeAndFlush(SMTPExchange(text: text, reply: reply)).whenFailure { reply.fail($0) }
    do {
      return try await withTaskCancellationHandler {
        try await reply.futureResult.get()
      } onCancel: { [channel] in
        reply.fail(DeliveryFailure("the delivery was cancelled", retryable: true))
        channel.close(promise: nil)
      }
    } catch let failure as DeliveryFailure {
      throw failure
    } catch {
      // A write to a connection TLS or the server already closed: say why it closed.
      throw firstFailure.withLockedValue { $0 }
        ?? DeliveryFailure(Self.sentence(for: error, host: endpoint.host), retryable: true)
    }
  }

  /// After the server's `220` to STARTTLS: the rest of the dialogue runs inside TLS. Input the
  /// server sent before the handshake is refused rather than trusted (RFC 3207, section 5).
  func startTLS(_ tls: NIOSSLContext) async throws(DeliveryFailure) {
    let serverName = endpoint.serverName
    do {
      try await channel.eventLoop.submit { [channel] in
        let pipeline = channel.pipeline.syncOperations
        guard try !pipeline.handler(type: SMTPReplyHandler.self).hasUnreadInput else {
          throw DeliveryFailure(
            "the server sent data before the TLS handshake; STARTTLS was abandoned", retryable: true)
        }
        try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
      }.get()
    } catch let failure as DeliveryFailure {
      close()
      throw failure
    } catch {
      close()
      if let first = firstFailure.withLockedValue({ $0 }) { throw first }
      throw DeliveryFailure("cannot start TLS: \(Self.sentence(for: error, host: endpoint.host))", retryable: true)
    }
  }

  /// Says goodbye without waiting for the answer.
  func quit() {
    let ignored = channel.eventLoop.makePromise(of: SMTPReply.self)
    channel.writeAndFlush(SMTPExchange(text: "QUIT\r\n", reply: ignored)).whenFailure { ignored.fail($0) }
  }

  func close() {
    channel.close(promise: nil)
  }

  /// A short account of a network or TLS error with `host`, for `notify list`.
  static func sentence(for error: any Error, host: String) -> String {
    switch error {
    case let failure as DeliveryFailure: return failure.message
    case is CancellationError: return "cancelled"
    case let error as NIOConnectionError:
      return error.connectionErrors.first.map { sentence(for: $0.error, host: host) } ?? "cannot resolve \(host)"
    case let error as IOError: return String(cString: strerror(error.errnoCode)).lowercased()
    case ChannelError.connectTimeout: return "no connection within the timeout"
    case let error as NIOSSLExtraError where error == .failedToValidateHostname:
      return "TLS failed: the server's certificate is not for \(host)"
    case NIOSSLError.handshakeFailed(.sslError(let stack)):
      let reasons = stack.map { reason(of: "\($0)") }
      if reasons.contains("CERTIFICATE_VERIFY_FAILED") {
        return "TLS failed: the server's certificate is not signed by a trusted root (?ca=PATH trusts a private one)"
      }
      return "TLS failed: the handshake failed (\(reasons.joined(separator: ", ")))"
    case let error as NIOSSLError: return "TLS failed: \(String(describing: error).prefix(200))"
    case let error as NIOSSLExtraError: return "TLS failed: \(String(describing: error).prefix(200))"
    default: return String(describing: error).prefix(200).description
    }
  }

  /// `CERTIFICATE_VERIFY_FAILED` out of `error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at …`.
  private static func reason(of boringSSLError: String) -> String {
    let text = boringSSLError.components(separatedBy: " at ").first ?? boringSSLError
    return text.split(separator: ":").last.map(String.init) ?? text
  }
}
