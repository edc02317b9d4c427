import Foundation
import RunwayEngine
import Testing

@testable import RunwayNotifiers

@Suite("Notifiers")
struct NotifierTests {
  static let at = Date(timeIntervalSince1970: 1_780_000_000)

  @Test func anEmailIsAnRFC5322MessageWithAnEncodedSubject() throws {
    let text = try EmailMessage(
      from: "runway@example.com", to: ["a@example.com", "b@example.com"], subject: "shop 1.0.0 → superpay",
      body: "line one\n.line starting with a dot\n", messageID: "r-1-4-review@runway", date: Self.at
    ).rendered()
    let lines = text.components(separatedBy: "\r\n")
    #expect(lines.contains("Date: Thu, 28 May 2026 20:26:40 +0000"))
    #expect(lines.contains("To: a@example.com, b@example.com"))
    #expect(lines.contains("Subject: =?UTF-8?B?" + Data("shop 1.0.0 → superpay".utf8).base64EncodedString() + "?="))
    #expect(lines.contains("Message-ID: <r-1-4-review@runway>"))
    #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
    #expect(lines.contains("..line starting with a dot"))  // dot-stuffed for DATA
    #expect(text.hasSuffix("\r\n"))
  }

  @Test(arguments: ["subject\r\nBcc: x@example.com", "subject\nBcc: x", "subject\rX"])
  func aLineBreakInAHeaderIsRefused(_ subject: String) {
    #expect {
      try EmailMessage(from: "r@x", to: ["a@x"], subject: subject, body: "", messageID: "m", date: Self.at).rendered()
    } throws: { error in
      (error as? DeliveryFailure).map { !$0.retryable && $0.message.contains("header injection is refused") } ?? false
    }
  }

  /// A recipient or sender with a line break would add SMTP commands or headers: refused before
  /// any connection is made (nothing listens on port 1, so a connection would fail otherwise).
  @Test(arguments: [
    ("a@example.com\r\nRCPT TO:<victim@example.com>", "runway@example.com", "To"),
    ("a@example.com", "runway@example.com\nBcc: victim@example.com", "From"),
  ])
  func aLineBreakInAnAddressIsRefusedBeforeConnecting(_ recipient: String, _ sender: String, _ header: String) async {
    let notifier = try? NotifierURL.notifier(
      "smtp://127.0.0.1:1", environment: ["RUNWAY_SMTP_FROM": sender])
    var entry = Self.entry("d-1")
    entry.recipients = [OutboxEntry.Recipient(actor: "a", email: recipient)]
    await #expect {
      try await notifier?.deliver(entry)
    } throws: { error in
      (error as? DeliveryError).map {
        !$0.retryable && $0.message == "the \(header) header contains a line break; header injection is refused"
      } ?? false
    }
  }

  /// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  @Test func theWebhookSignatureIsHMACSHA256() {
    #expect(
      WebhookNotifier.signature(Data("what do ya want for nothing?".utf8), secret: "Jefe")
        == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test(arguments: [
    ("smtp://mail.example:2525", "smtp://mail.example:2525"),
    ("smtp://mail.example", "smtp://mail.example:25"),
    ("smtp+starttls://mail.example", "smtp+starttls://mail.example:587"),
    ("smtps://mail.example", "smtps://mail.example:465"),
    ("smtps://mail.example:2465?timeout=30", "smtps://mail.example:2465"),
    ("smtp://[::1]:2525", "smtp://[::1]:2525"),
    ("https://hooks.example/runway", "https://hooks.example/runway"),
    ("log:/tmp/n.jsonl", "log:/tmp/n.jsonl"),
    ("log:-", "log:-"),
  ])
  func notifierURLs(_ url: String, _ name: String) throws {
    #expect(try NotifierURL.notifier(url, environment: [:]).name == name)
  }

  @Test(arguments: [
    ("ftp://x", "unknown notifier scheme \"ftp\""),
    ("smtp://x?ca=/etc/hostname", "?ca= needs TLS: use smtp+starttls:// or smtps:// instead of smtp://"),
    ("smtps://x?ca=/nonexistent/ca.pem", "?ca=/nonexistent/ca.pem is not a readable PEM file of certificates"),
    ("smtps://x?ca=/etc/hostname", "?ca=/etc/hostname is not a readable PEM file of certificates"),
    ("smtps://x?timeout=-1", "?timeout=-1 is not a number of seconds between 0 and 600"),
    ("smtps://x?verify=no", "unknown option ?verify= in smtps://x?verify=no"),
    ("smtps://user@x", "may only name a host, a port and options"),
    ("log:", "log: needs a path"),
    ("smtp://", "names no host"),
  ])
  func badNotifierURLs(_ url: String, _ message: String) {
    #expect {
      try NotifierURL.notifier(url, environment: [:])
    } throws: { "\($0)".contains(message) }
  }

  /// AUTH PLAIN in clear is refused unless the relay is on this machine.
  @Test(arguments: [
    ("smtp://mail.example", false), ("smtp+starttls://mail.example", true), ("smtps://mail.example", true),
    ("smtp://127.0.0.1:2525", true), ("smtp://localhost", true), ("smtp://[::1]", true),
    ("smtp://127.mail.example", false),
  ])
  func credentialsNeverCrossANetworkInClear(_ url: String, _ accepted: Bool) {
    let environment = ["RUNWAY_SMTP_USER": "u", "RUNWAY_SMTP_PASSWORD": "p"]
    let result = Result { () throws(NotifierURLError) in try NotifierURL.notifier(url, environment: environment) }
    switch result {
    case .success: #expect(accepted)
    case .failure(let error):
      #expect(!accepted)
      #expect(
        error.description
          == "AUTH PLAIN would send RUNWAY_SMTP_PASSWORD in clear to \(url):25: use smtp+starttls:// or smtps://")
    }
    #expect((try? NotifierURL.notifier(url, environment: [:])) != nil)  // without credentials, any is fine
  }

  /// A memory store whose outbox holds `entries` (written by one committed transition).
  static func store(with entries: [OutboxEntry]) async throws -> MemoryInstanceStore {
    let store = MemoryInstanceStore()
    try await store.saveDefinition(
      StoredDefinition(
        digest: "d", workflow: "w", definitionJSON: "{}", sourcePath: "", sourceText: "", storedAt: Self.at))
    try await store.create(
      Instance(
        id: "r-1", workflow: "w", definitionDigest: "d", state: "s", revision: 1, fields: [:], initiator: "a",
        createdAt: Self.at, updatedAt: Self.at),
      uniqueKeys: [],
      history: HistoryEntry(
        instanceID: "r-1", revision: 1, event: "start", from: nil, to: "s", actor: "a", at: Self.at), outbox: [])
    try await store.commit(
      Instance(
        id: "r-1", workflow: "w", definitionDigest: "d", state: "s", revision: 2, fields: [:], initiator: "a",
        createdAt: Self.at, updatedAt: Self.at),
      expectedRevision: 1,
      history: HistoryEntry(instanceID: "r-1", revision: 2, event: "e", from: "s", to: "s", actor: "a", at: Self.at),
      outbox: entries)
    return store
  }

  static func entry(_ id: String) -> OutboxEntry {
    OutboxEntry(
      deliveryID: id, instanceID: "r-1", revision: 2, notification: "n", recipients: [], subject: "s", body: "b",
      payload: "{}", createdAt: Self.at)
  }

  @Test func deliveryBacksOffThenDiesAfterMaxAttempts() async throws {
    struct AlwaysDown: Notifier {
      var name: String { "down" }
      func deliver(_ notification: OutboxEntry) async throws(DeliveryError) {
        throw DeliveryError("connection refused", retryable: true)
      }
    }
    let store = try await Self.store(with: [Self.entry("d-1")])
    let clock = FixedClock(Self.at)
    let delivery = NotificationDelivery(
      store: store, notifiers: [AlwaysDown()], clock: clock, maxAttempts: 3, backoff: 10)
    #expect(try await delivery.deliverDue().retrying == ["d-1"])
    // Not due again before its back-off (10 s, then 20 s) runs out.
    #expect(try await delivery.deliverDue().attempted == 0)
    clock.advance(by: 10)
    #expect(try await delivery.deliverDue().retrying == ["d-1"])
    clock.advance(by: 15)
    #expect(try await delivery.deliverDue().attempted == 0)
    clock.advance(by: 5)
    #expect(try await delivery.deliverDue().dead == ["d-1"])
    let dead = try await store.notifications(statuses: [.dead])
    #expect(dead.first?.attempts == 3)
    #expect(dead.first?.lastError == "down: connection refused")
    #expect(try await delivery.revive("d-1"))
    #expect(try await store.notifications(statuses: [.pending]).first?.attempts == 0)
    // An unknown delivery id revives nothing and changes nothing.
    let before = try await store.notifications(statuses: nil)
    #expect(try await delivery.revive("d-unknown") == false)
    #expect(try await store.notifications(statuses: nil) == before)
  }

  /// A notifier that never answers cannot hold a bounded round: the send in flight is cut off
  /// as a failed attempt, the one not yet tried is left as it was, and both stay pending.
  @Test func aBoundedRoundCutsOffASilentNotifierAndLosesNothing() async throws {
    struct Silent: Notifier {
      var name: String { "silent" }
      func deliver(_ notification: OutboxEntry) async throws(DeliveryError) {
        do { try await Task.sleep(for: .seconds(600)) } catch { throw DeliveryError("cancelled", retryable: true) }
      }
    }
    let store = try await Self.store(with: [Self.entry("d-1"), Self.entry("d-2")])
    let delivery = NotificationDelivery(store: store, notifiers: [Silent()], clock: FixedClock(Self.at), backoff: 10)
    let report = try await delivery.deliverDue(within: .milliseconds(300))
    #expect(report.retrying == ["d-1"])
    #expect(report.deferred == ["d-2"])
    let outbox = try await store.notifications(statuses: nil)
    #expect(outbox.map(\.status) == [.pending, .pending])
    #expect(outbox.map(\.attempts) == [1, 0])
    #expect(outbox.first?.lastError == "silent: not finished within the 0.3 s a command waits; it is tried again later")
    #expect(outbox.first?.nextAttemptAt == Self.at + 10)
    #expect(outbox.last?.nextAttemptAt == Self.at)  // due again at once: the claim was released
  }
}
