import Foundation
import Testing

/// Email over TLS against a real SMTP sink on 127.0.0.1 with a self-signed certificate made in
/// the test, and a server that accepts and never answers (docs/notifications.md).
@Suite("Email security", .serialized)
struct EmailSecurityTests {
  func toReview(_ runway: RunwayProcess) throws -> String {
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    return id
  }

  func outbox(_ runway: RunwayProcess) throws -> [[String: Any]] {
    try #require(try runway.run("notify", "list", "--json").json() as? [[String: Any]])
  }

  @Test(arguments: [("smtp+starttls", "starttls"), ("smtps", "implicit")])
  func mailAndPasswordTravelInsideTLS(_ scheme: String, _ mode: String) throws {
    var runway = try RunwayProcess()
    let certificate = try TestCertificate(in: runway.folder)
    let sink = try TestServer("smtp_sink.py", in: runway.folder, arguments: certificate.sinkArguments(mode))
    runway.environment["RUNWAY_NOTIFY"] = "\(scheme)://127.0.0.1:\(sink.port)?ca=\(certificate.certificate)"
    runway.environment["RUNWAY_SMTP_USER"] = "relay-user"
    runway.environment["RUNWAY_SMTP_PASSWORD"] = "relay-pass"
    try runway.importExampleDirectory()
    let id = try toReview(runway)
    let messages = sink.received()
    #expect(messages.count == 1)
    #expect(messages.first?["tls"] as? Bool == true)
    #expect(messages.first?["auth"] as? [String] == ["", "relay-user", "relay-pass"])
    #expect(
      messages.first?["headers"].flatMap { ($0 as? [String: String])?["Message-ID"] }
        == "<\(id)-4-review-requested@runway>")
    let list = try outbox(runway)
    #expect(list.first?["status"] as? String == "delivered")
  }

  /// An untrusted certificate, or a trusted one for another name, gets nothing: the message
  /// stays pending with the reason.
  @Test(arguments: [
    (false, "TLS failed: the server's certificate is not signed by a trusted root"),
    (true, "TLS failed: the server's certificate is not for 127.0.0.1"),
  ])
  func aCertificateThatDoesNotCheckOutGetsNothing(trustedButForAnotherName: Bool, reason: String) throws {
    var runway = try RunwayProcess()
    let certificate = try TestCertificate(
      in: runway.folder, names: trustedButForAnotherName ? ["DNS:mail.elsewhere.example"] : ["IP:127.0.0.1"])
    let sink = try TestServer("smtp_sink.py", in: runway.folder, arguments: certificate.sinkArguments("implicit"))
    let trust = trustedButForAnotherName ? "?ca=\(certificate.certificate)" : ""
    runway.environment["RUNWAY_NOTIFY"] = "smtps://127.0.0.1:\(sink.port)\(trust)"
    try runway.importExampleDirectory()
    let id = try toReview(runway)
    #expect(try runway.show(id)["state"] as? String == "under-review")
    #expect(sink.received().isEmpty)
    let list = try outbox(runway)
    #expect(list.first?["status"] as? String == "pending")
    #expect((list.first?["lastError"] as? String)?.contains(reason) == true, "\(list)")
  }

  @Test func aRelayWithoutSTARTTLSGetsNothingInClear() throws {
    var runway = try RunwayProcess()
    let certificate = try TestCertificate(in: runway.folder)
    let sink = try TestServer("smtp_sink.py", in: runway.folder)  // plain: offers no STARTTLS
    runway.environment["RUNWAY_NOTIFY"] = "smtp+starttls://127.0.0.1:\(sink.port)?ca=\(certificate.certificate)"
    runway.environment["RUNWAY_SMTP_USER"] = "relay-user"
    runway.environment["RUNWAY_SMTP_PASSWORD"] = "relay-pass"
    try runway.importExampleDirectory()
    _ = try toReview(runway)
    #expect(sink.received().isEmpty)
    let list = try outbox(runway)
    #expect(list.first?["status"] as? String == "pending")
    #expect((list.first?["lastError"] as? String)?.contains("does not offer STARTTLS") == true, "\(list)")
  }

  @Test func aReplySmuggledInFrontOfTheTLSHandshakeIsRefused() throws {
    var runway = try RunwayProcess()
    let certificate = try TestCertificate(in: runway.folder)
    let sink = try TestServer(
      "smtp_sink.py", in: runway.folder, arguments: certificate.sinkArguments("starttls") + ["--smuggle"])
    runway.environment["RUNWAY_NOTIFY"] = "smtp+starttls://127.0.0.1:\(sink.port)?ca=\(certificate.certificate)"
    try runway.importExampleDirectory()
    _ = try toReview(runway)
    #expect(sink.received().isEmpty)
    let list = try outbox(runway)
    #expect(list.first?["status"] as? String == "pending")
    #expect(
      (list.first?["lastError"] as? String)?.contains("the server sent data before the TLS handshake") == true,
      "\(list)")
  }

  @Test func aPasswordIsNeverSentInClearAcrossANetwork() throws {
    var runway = try RunwayProcess()
    runway.environment["RUNWAY_NOTIFY"] = "smtp://mail.example:25"
    runway.environment["RUNWAY_SMTP_USER"] = "relay-user"
    runway.environment["RUNWAY_SMTP_PASSWORD"] = "relay-pass"
    try runway.importExampleDirectory()
    let result = try runway.run(
      "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set", "version=1.0.0",
      "--set", "targetApp=superpay", "--set", "environment=production")
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "error: AUTH PLAIN would send RUNWAY_SMTP_PASSWORD in clear to smtp://mail.example:25: use smtp+starttls:// or smtps://\n"
    )
    #expect((try runway.run("list", "--json").json() as? [Any])?.isEmpty == true)
  }

  @Test func aLocalRelayMayTakeThePasswordInClear() throws {
    var runway = try RunwayProcess()
    let sink = try TestServer("smtp_sink.py", in: runway.folder)
    runway.environment["RUNWAY_NOTIFY"] = "smtp://localhost:\(sink.port)"
    runway.environment["RUNWAY_SMTP_USER"] = "relay-user"
    runway.environment["RUNWAY_SMTP_PASSWORD"] = "relay-pass"
    try runway.importExampleDirectory()
    _ = try toReview(runway)
    let messages = sink.received()
    #expect(messages.count == 1)
    #expect(messages.first?["tls"] as? Bool == false)
    #expect(messages.first?["auth"] as? [String] == ["", "relay-user", "relay-pass"])
  }

  /// The server accepts and never answers, and the notifier would wait 60 s for it: the command
  /// still ends within its delivery bound (3 s), the notification stays pending and a later
  /// delivery sends it.
  @Test func aServerThatNeverAnswersCannotHoldACommand() throws {
    var runway = try RunwayProcess()
    let silent = try TestServer("silent_listener.py", in: runway.folder)
    runway.environment["RUNWAY_NOTIFY"] = "smtp://127.0.0.1:\(silent.port)?timeout=60"
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    let started = Date()
    let apply = try runway.run("fire", id, "apply", "--as", "alice")
    let elapsed = Date().timeIntervalSince(started)
    #expect(apply.status == 0, "\(apply.stderr)")
    #expect(elapsed < 15, "fire took \(elapsed) s with a silent mail server")
    #expect(apply.stderr.contains("1 notification(s) not delivered yet"))
    #expect(try runway.show(id)["state"] as? String == "under-review")
    let pending = try outbox(runway)
    #expect(pending.count == 1)
    #expect(pending.first?["status"] as? String == "pending")
    #expect(pending.first?["attempts"] as? Int == 1)
    #expect((pending.first?["lastError"] as? String)?.contains("within the 3 s a command waits") == true, "\(pending)")

    let sink = try TestServer("smtp_sink.py", in: runway.folder)
    runway.environment["RUNWAY_NOTIFY"] = "smtp://127.0.0.1:\(sink.port)"
    #expect(try runway.run("notify", "deliver", "--force").stdout.contains("1 delivered"))
    #expect(sink.received().count == 1)
    #expect(try outbox(runway).first?["status"] as? String == "delivered")
  }
}
