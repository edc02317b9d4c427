import Foundation
import Testing

/// Notifications through real servers on 127.0.0.1: an SMTP sink and an HTTP receiver that
/// checks signatures. A broken server never blocks a transition and never loses a notification.
@Suite("Notifications", .serialized)
struct NotificationTests {
  func toReview(_ runway: RunwayProcess) throws -> String {
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    return id
  }

  @Test func reviewersAndTheApplicantGetEmail() throws {
    var runway = try RunwayProcess()
    let sink = try TestServer("smtp_sink.py", in: runway.folder)
    runway.environment["RUNWAY_NOTIFY"] = "smtp://127.0.0.1:\(sink.port)"
    runway.environment["RUNWAY_SMTP_FROM"] = "releases@runway.example"
    try runway.importExampleDirectory()
    let id = try toReview(runway)
    var messages = sink.received()
    #expect(messages.count == 1)
    let request = try #require(messages.first)
    // Every actor whose role is bound to this release: workspace-admin wendy and the
    // workspace-developer walt, to whom shop is assigned (not wes, to whom it is not).
    #expect(Set(request["to"] as? [String] ?? []) == ["wendy@superpay.example", "walt@superpay.example"])
    #expect(request["subject"] as? String == "Review requested: shop 1.0.0 → superpay (production)")
    let headers = try #require(request["headers"] as? [String: String])
    #expect(headers["Message-ID"] == "<\(id)-4-review-requested@runway>")
    #expect(headers["From"] == "releases@runway.example")
    #expect(headers["Date"]?.hasSuffix("+0000") == true)
    #expect(headers["Subject"]?.contains("→") == true)  // decoded from its RFC 2047 word
    #expect((request["body"] as? String)?.contains("Alice applied to release shop 1.0.0") == true)

    try runway.ok("fire", id, "reject", "--as", "wendy", "--param", "reason=The icon is blurry")
    messages = sink.received()
    #expect(messages.count == 2)
    let result = try #require(messages.last)
    #expect(result["to"] as? [String] == ["alice@acme.example"])
    #expect(result["subject"] as? String == "shop 1.0.0 → superpay (production): Rejected")
    #expect((result["body"] as? String)?.contains("Reason: The icon is blurry") == true)
    let list = try #require(try runway.run("notify", "list", "--json").json() as? [[String: Any]])
    #expect(list.map { $0["status"] as? String } == ["delivered", "delivered"])
  }

  @Test func aDownServerNeverBlocksTheTransitionAndNothingIsLost() throws {
    var runway = try RunwayProcess()
    let first = try TestServer("smtp_sink.py", in: runway.folder)
    let port = first.port
    first.stop()  // the mail server is down
    runway.environment["RUNWAY_NOTIFY"] = "smtp://127.0.0.1:\(port)"
    try runway.importExampleDirectory()
    let id = try toReview(runway)
    #expect(try runway.show(id)["state"] as? String == "under-review")
    let pending = try #require(try runway.run("notify", "list", "--json").json() as? [[String: Any]])
    #expect(pending.count == 1)
    #expect(pending.first?["status"] as? String == "pending")
    #expect(pending.first?["attempts"] as? Int == 1)
    #expect((pending.first?["lastError"] as? String)?.contains("cannot connect") == true)
    // The server comes back; the next delivery sends it, exactly once.
    let sink = try TestServer("smtp_sink.py", in: runway.folder, port: port)
    let delivered = try runway.run("notify", "deliver", "--force")
    #expect(delivered.status == 0, "\(delivered.stderr)")
    #expect(delivered.stdout.contains("1 delivered"))
    try runway.ok("notify", "deliver", "--force")
    #expect(sink.received().count == 1)
    let after = try #require(try runway.run("notify", "list", "--json").json() as? [[String: Any]])
    #expect(after.first?["status"] as? String == "delivered")
    #expect(after.first?["attempts"] as? Int == 2)
  }

  @Test func aTemporaryMailFailureIsRetried() throws {
    var runway = try RunwayProcess()
    let sink = try TestServer("smtp_sink.py", in: runway.folder, arguments: ["--fail-first", "1"])
    runway.environment["RUNWAY_NOTIFY"] = "smtp://127.0.0.1:\(sink.port)"
    try runway.importExampleDirectory()
    _ = try toReview(runway)
    #expect(sink.received().isEmpty)
    #expect(try runway.run("notify", "deliver", "--force").stdout.contains("1 delivered"))
    #expect(sink.received().count == 1)
  }

  @Test func webhooksAreSignedRetriedOnServerErrorsAndDeadOnRefusals() throws {
    var runway = try RunwayProcess()
    let secret = "s3cr3t-for-tests"
    let receiver = try TestServer(
      "webhook_receiver.py", in: runway.folder, arguments: ["--statuses", "500,200,400,200"],
      environment: ["RUNWAY_WEBHOOK_SECRET": secret])
    runway.environment["RUNWAY_NOTIFY"] = "http://127.0.0.1:\(receiver.port)/runway"
    runway.environment["RUNWAY_WEBHOOK_SECRET"] = secret
    try runway.importExampleDirectory()
    let id = try toReview(runway)  // 500: stays pending
    let afterFirst = try runway.run("notify", "list", "--json").json() as? [[String: Any]]
    #expect(afterFirst?.first?["status"] as? String == "pending")
    #expect(try runway.run("notify", "deliver", "--force").stdout.contains("1 delivered"))  // 200
    var requests = receiver.received()
    #expect(requests.count == 2)
    #expect(requests.allSatisfy { $0["signatureValid"] as? Bool == true })
    #expect(Set(requests.compactMap { $0["deliveryId"] as? String }) == ["\(id)-4-review-requested"])
    let body = try #require(requests.last?["body"] as? [String: Any])
    for key in ["deliveryId", "workflow", "instance", "event", "from", "to", "actor", "at", "fields"] {
      #expect(body[key] != nil, "the webhook body lacks \(key)")
    }
    #expect(body["event"] as? String == "apply")
    #expect(body["to"] as? String == "under-review")

    try runway.ok("fire", id, "approve", "--as", "wendy")  // 400: dead at once
    let dead = try #require(try runway.run("notify", "list", "--failed", "--json").json() as? [[String: Any]])
    #expect(dead.count == 1)
    #expect((dead.first?["lastError"] as? String)?.contains("HTTP 400") == true)
    let deliveryID = try #require(dead.first?["deliveryId"] as? String)
    try runway.ok("notify", "retry", deliveryID)
    #expect(try runway.run("notify", "deliver").stdout.contains("1 delivered"))  // 200
    requests = receiver.received()
    #expect(requests.count == 4)
    #expect(requests.filter { ($0["status"] as? Int).map { (200..<300).contains($0) } ?? false }.count == 2)
    #expect(try runway.run("notify", "retry", "nope").status == 4)
  }

  /// The directory refuses line breaks in its records (issue 17), so the line break comes
  /// from a string field of a workflow that puts it in the subject.
  @Test func aLineBreakInAHeaderIsRefusedNeverPassedOn() throws {
    var runway = try RunwayProcess()
    let sink = try TestServer("smtp_sink.py", in: runway.folder)
    runway.environment["RUNWAY_NOTIFY"] = "smtp://127.0.0.1:\(sink.port)"
    let workflows = runway.folder.appendingPathComponent("mail-workflows")
    try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
    try """
    workflow: mail
    fields:
      title: { type: string, required: true }
    roles:
      admin: { workspace: "'acme'" }
    start: { allow: [admin] }
    initial: open
    states:
      open: { title: Open }
      done: { title: Done, terminal: true }
    transitions:
      finish: { from: open, to: done, allow: [admin], notify: [done-mail] }
    notifications:
      done-mail:
        to: { initiator: true }
        subject: "Finished: {{title}}"
        body: "done"

    """.write(to: workflows.appendingPathComponent("mail.yaml"), atomically: true, encoding: .utf8)
    runway.environment["RUNWAY_WORKFLOWS"] = workflows.path
    let directory = try runway.write(
      "people.yaml",
      """
      merchants: { acme: { name: Acme } }
      actors:
        alice: { email: alice@acme.example, memberships: [ { workspace: acme, role: admin } ] }
      """)
    try runway.ok("directory", "import", directory)
    let id = try runway.ok("start", "mail", "--as", "alice", "--set", "title=Hi\r\nBcc: victim@example.com")
    try runway.ok("fire", id, "finish", "--as", "alice")  // the transition still commits
    #expect(sink.received().isEmpty)
    let dead = try #require(try runway.run("notify", "list", "--failed", "--json").json() as? [[String: Any]])
    #expect((dead.first?["lastError"] as? String)?.contains("header injection is refused") == true)
  }

  @Test func aLogNotifierWritesJSONLines() throws {
    var runway = try RunwayProcess()
    let log = runway.folder.appendingPathComponent("notifications.jsonl").path
    runway.environment["RUNWAY_NOTIFY"] = "log:\(log)"
    try runway.importExampleDirectory()
    let id = try toReview(runway)
    try runway.ok("fire", id, "approve", "--as", "wendy")
    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    let last = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    #expect(last["notification"] as? String == "review-result")
    #expect(last["event"] as? String == "approve")
  }

  @Test func aBadNotifierURLIsAUsageErrorBeforeAnythingIsWritten() throws {
    var runway = try RunwayProcess()
    runway.environment["RUNWAY_NOTIFY"] = "ftp://nowhere"
    try runway.importExampleDirectory()
    let result = try runway.run(
      "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set", "version=1.0.0",
      "--set", "targetApp=superpay", "--set", "environment=production")
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown notifier scheme \"ftp\""))
    #expect((try runway.run("list", "--json").json() as? [Any])?.isEmpty == true)
  }
}
