import Foundation
import Testing

/// A self-signed certificate and its key, made by the openssl command for one test, for the
/// TLS mail sink on 127.0.0.1 (the client trusts it with `?ca=`).
struct TestCertificate {
  let certificate: String
  let key: String

  /// Valid for `names` (`IP:127.0.0.1`, `DNS:localhost`).
  init(in folder: URL, names: [String] = ["IP:127.0.0.1", "DNS:localhost"]) throws {
    let stem = folder.appendingPathComponent("tls-\(UUID().uuidString)").path
    certificate = stem + "-cert.pem"
    key = stem + "-key.pem"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=runway-test-sink",
      "-addext", "subjectAltName=" + names.joined(separator: ","),
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "openssl could not make a certificate (install openssl)")
  }

  /// The sink's arguments to serve TLS with this certificate.
  func sinkArguments(_ mode: String) -> [String] {
    ["--tls", mode, "--cert", certificate, "--key", key]
  }
}
