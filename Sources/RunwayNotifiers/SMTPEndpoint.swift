import Foundation
import NIOCore
import NIOSSL

/// Where a mail relay is and how to talk to it, from its URL (docs/notifications.md):
/// `smtp://` in clear (port 25), `smtp+starttls://` upgraded by STARTTLS (587), `smtps://` in
/// TLS from the first byte (465); `?ca=PATH` trusts that PEM file's certificates instead of
/// the system's roots; `?timeout=SECONDS` bounds each step (5 s by default).
struct SMTPEndpoint: Sendable {
  enum Security: String, Sendable {
    case none = "smtp"
    case startTLS = "smtp+starttls"
    case implicitTLS = "smtps"

    var defaultPort: Int {
      switch self {
      case .none: 25
      case .startTLS: 587
      case .implicitTLS: 465
      }
    }
  }

  var host: String
  var port: Int
  var security: Security
  /// The certificates trusted instead of the system's roots (`?ca=PATH`), with that path.
  var certificateAuthority: (path: String, certificates: [NIOSSLCertificate])?
  var timeout: TimeInterval = 5

  init(host: String, port: Int? = nil, security: Security = .none) {
    self.host = host
    self.port = port ?? security.defaultPort
    self.security = security
  }

  /// Reads `scheme://host[:port][?ca=PATH&timeout=SECONDS]`; a bad part is one sentence.
  init(_ text: String, security: Security) throws(NotifierURLError) {
    guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
      throw NotifierURLError("\(text) names no host")
    }
    guard components.path.isEmpty || components.path == "/", components.user == nil else {
      throw NotifierURLError(
        "\(text) may only name a host, a port and options; credentials come from RUNWAY_SMTP_USER and RUNWAY_SMTP_PASSWORD"
      )
    }
    // `[::1]` in a URL is the address `::1`.
    self.init(
      host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: components.port, security: security)
    for item in components.queryItems ?? [] {
      let value = item.value ?? ""
      switch item.name {
      case "ca":
        guard security != .none else {
          throw NotifierURLError("?ca= needs TLS: use smtp+starttls:// or smtps:// instead of smtp://")
        }
        do {
          let certificates = try NIOSSLCertificate.fromPEMFile(value)
          guard !certificates.isEmpty else { throw NotifierURLError("") }
          certificateAuthority = (value, certificates)
        } catch {
          throw NotifierURLError("?ca=\(value) is not a readable PEM file of certificates")
        }
      case "timeout":
        guard let seconds = Double(value), seconds > 0, seconds <= 600 else {
          throw NotifierURLError("?timeout=\(value) is not a number of seconds between 0 and 600")
        }
        timeout = seconds
      default:
        throw NotifierURLError("unknown option ?\(item.name)= in \(text): smtp URLs take ?ca=PATH and ?timeout=SECONDS")
      }
    }
  }

  /// `smtps://mail.example:465`, without options.
  var name: String { "\(security.rawValue)://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

  var timeoutAmount: TimeAmount { .nanoseconds(Int64(timeout * 1_000_000_000)) }

  /// A relay on this machine: the password never crosses a network, so AUTH PLAIN may go in clear.
  var isLoopback: Bool {
    let bare = host.lowercased()
    guard bare != "localhost", bare != "::1" else { return true }
    // Only an address literal: `127.mail.example` is a host name like any other.
    return bare.hasPrefix("127.") && (try? SocketAddress(ipAddress: bare, port: 0)) != nil
  }

  /// The name sent by SNI and checked against the certificate; nil for an IP address, which is
  /// checked against the certificate's IP addresses instead.
  var serverName: String? {
    (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
  }

  /// The TLS settings: the system's roots or the `?ca=` certificates, the host name verified.
  func tlsContext() throws(DeliveryFailure) -> NIOSSLContext {
    var configuration = TLSConfiguration.makeClientConfiguration()
    if let certificateAuthority {
      configuration.trustRoots = .certificates(certificateAuthority.certificates)
    }
    do { return try NIOSSLContext(configuration: configuration) } catch {
      throw DeliveryFailure("cannot set up TLS: \(error)", retryable: true)
    }
  }
}
