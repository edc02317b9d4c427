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

  @Test func instancesAsAFireAnswersThem() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.release(in: "ready")
    let runway = Runway(engine: fixture.engine)
    let outcome = try await runway.fire(instance.id, "apply", params: [:], caller: Caller(actor: "dev-admin"))
    var view = try #require(outcome.view)
    let json = InstanceJSON(view)
    #expect(json.last != nil)
    #expect(json.text == (try Self.encoded(json)))
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
