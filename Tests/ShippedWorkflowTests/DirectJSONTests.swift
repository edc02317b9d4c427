import Foundation
import RunwayEngine
import RunwayModel
import RunwayPresentation
import Testing

/// The JSON the HTTP API writes directly on its hot paths (`JSONText`) is byte for byte what
/// `JSONPresentation` (Foundation's encoder, keys sorted) writes for the same value.
@Suite struct DirectJSONTests {
  static func encoded(_ value: some Encodable) throws -> String {
    String(decoding: try JSONPresentation.data(value, pretty: false), as: UTF8.self)
  }

  @Test(arguments: [
    ("invalid_input", "unknown key \"refused\" in the body: it takes \"params\""),
    ("forbidden", "bob may not approve r-1: it needs workspace-admin / workspace-developer"),
    ("unavailable", "tab \t newline \n bell \u{7} backslash \\ 用户 é"),
    ("not_found", ""),
  ])
  func errors(code: String, message: String) throws {
    let error = ErrorJSON(code: code, message: message)
    #expect(error.text == (try Self.encoded(error)))
  }

  @Test func instancesAsAFireAnswersThem() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.release(in: "ready")
    let runway = Runway(engine: fixture.engine)
    let outcome = try await runway.fire(instance.id, "apply", params: [:], caller: Caller(actor: "dev-admin"))
    var view = try #require(outcome.view)
    let json = InstanceJSON(view)
    #expect(json.last != nil)
    #expect(json.text == (try Self.encoded(json)))
    // As a list answers it: the listed form (no events, title or last entry) beside a view.
    let listed = InstanceJSON(listed: outcome.instance)
    #expect(InstanceJSON.text([listed, json]) == (try Self.encoded([listed, json])))
    #expect(InstanceJSON.text([]) == "[]")
    // Without a last entry, a title or events; with awkward strings and every kind of value.
    view.lastEntry = nil
    view.events = []
    view.fields["note"] = .string("quote \" backslash \\ newline \n tab \t bell \u{7} 用户 / slash")
    view.fields["flags"] = .list([.bool(true), .null, .int(-3), .set(["b", "a"]), .map(["z": .int(1), "a": .int(2)])])
    var bare = InstanceJSON(view)
    bare.stateTitle = nil
    #expect(bare.text == (try Self.encoded(bare)))
  }

  @Test func historyEntriesAndTimers() throws {
    let entry = HistoryEntry(
      instanceID: "r-1", revision: 3, event: "grayscale", from: nil, to: "grayscale", actor: "alice",
      at: Date(timeIntervalSince1970: 1_764_460_800.123), params: ["percent": .int(10)], note: "a \"note\"")
    let json = HistoryEntryJSON(entry)
    var text = JSONText()
    json.write(to: &text)
    #expect(text.text == (try Self.encoded(json)))
    let first = HistoryEntryJSON(
      HistoryEntry(
        instanceID: "r-1", revision: 1, event: "start", from: nil, to: "draft", actor: "alice",
        at: Date(timeIntervalSince1970: 1_764_460_700), params: [:], note: nil))
    #expect(HistoryEntryJSON.text([first, json]) == (try Self.encoded([first, json])))
    for due in [Date(timeIntervalSince1970: 1_764_460_800), nil] {
      let timer = TimerJSON(
        ScheduledTimer(instanceID: "r-1", state: "phased-release", event: "advance-phase", revision: 4, dueAt: due))
      var written = JSONText()
      timer.write(to: &written)
      #expect(written.text == (try Self.encoded(timer)))
    }
  }

  @Test(arguments: [nil, "u-1", "用户 \"42\""])
  func resolutions(user: String?) throws {
    for decision in [
      RolloutDecision.none, RolloutDecision(version: "1.0.0", reason: .released, release: "r-7k2m9q4xcd"),
    ] {
      let json = ResolutionJSON(decision, user: user)
      #expect(json.text == (try Self.encoded(json)))
      #expect(ResolutionJSON.text([json, json]) == (try Self.encoded([json, json])))
    }
  }
}

/// A webhook payload's fields, written in the workflow's precomputed key order with secrets
/// masked as they are written, equal the masked copy written the general way.
@Suite struct MaskedFieldsJSONTests {
  static let secretConfiguration: Value = .map([
    "appSecret": .string("s3cr3t"), "region": .string("eu"),
    "nested": .map(["appSecret": .int(7), "list": .list([.map(["appSecret": .bool(true), "b": .null])])]),
  ])

  @Test(arguments: [
    ["miniProgram": Value.string("shop"), "version": .string("1.0.0")],
    ["miniProgram": .string("shop"), "configuration": secretConfiguration, "testers": .set(["u-2", "u-1"])],
    ["configuration": secretConfiguration, "undeclared": .map(["appSecret": .string("x")])],
    [:],
  ])
  func fieldsAsTheGeneralWriterWritesThem(_ fields: [String: Value]) throws {
    let workflow = try #require(try ReleaseFixture.catalog().current("mini-program-release")?.workflow)
    #expect(workflow.secretKeys.contains("appSecret"))
    var fast = JSONText()
    fast.fields(fields, of: workflow)
    var general = JSONText()
    general.value(.map(workflow.maskingSecrets(fields)))
    #expect(fast.text == general.text)
    #expect(!fast.text.contains("s3cr3t"))
  }
}
