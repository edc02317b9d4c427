import Foundation
import RunwayEngine
import RunwayModel
import Testing

/// `Instance`, `HistoryEntry` and `InstanceCommit` keep their properties in one shared object
/// and copy it when a copy changes: a change of one copy leaves the other as it was, and the
/// copy keeps every property it did not change (a property the object's copy forgot would
/// come back empty here).
@Suite("Values kept in one shared object")
struct SharedValueTests {
  static let at = Date(timeIntervalSince1970: 1_000)

  static let instance = Instance(
    id: "r-1", workflow: "mini-program-release", definitionDigest: "sha256:a", state: "pilot-testing", revision: 4,
    fields: ["testers": .set(["u-1"])], initiator: "alice", createdAt: at, updatedAt: at + 1)

  static let entry = HistoryEntry(
    instanceID: "r-1", revision: 4, event: "add-testers", from: "approved", to: "pilot-testing", actor: "alice",
    at: at + 1, params: ["testers": .set(["u-1"])], note: "a note")

  static var commit: InstanceCommit {
    var commit = InstanceCommit(
      instance: instance, expectedRevision: 3, history: entry, outbox: [],
      index: [InstanceIndex.Entry(field: "miniProgram", value: "shop")])
    commit.taskLease = .claim(until: at + 60)
    commit.timers = [ScheduledTimer(instanceID: "r-1", state: "pilot-testing", event: "expire", revision: 4, dueAt: at)]
    commit.changedFields = ["testers"]
    commit.keepsDefinition = true
    return commit
  }

  /// Each change of one property of a copy.
  static let instanceChanges: [(String, @Sendable (inout Instance) -> Void)] = [
    ("id", { $0.id = "r-2" }), ("workflow", { $0.workflow = "other" }),
    ("definitionDigest", { $0.definitionDigest = "sha256:b" }), ("state", { $0.state = "cancelled" }),
    ("revision", { $0.revision = 5 }), ("fields", { $0.fields["testers"] = .set(["u-2"]) }),
    ("initiator", { $0.initiator = "bob" }), ("createdAt", { $0.createdAt = at + 9 }),
    ("updatedAt", { $0.updatedAt = at + 9 }),
  ]

  @Test func changingACopyOfAnInstanceLeavesTheOriginalAndKeepsTheRest() {
    for (name, change) in Self.instanceChanges {
      let original = Self.instance
      var copy = original
      change(&copy)
      #expect(original == Self.instance, "changing \(name) of a copy changed the original")
      #expect(copy != original, "\(name) did not change")
      // Changing it back gives the original again: nothing else moved.
      #expect(Self.restore(name, in: copy) == original, "the copy lost more than \(name)")
    }
  }

  private static func restore(_ name: String, in value: Instance) -> Instance {
    var value = value
    switch name {
    case "id": value.id = instance.id
    case "workflow": value.workflow = instance.workflow
    case "definitionDigest": value.definitionDigest = instance.definitionDigest
    case "state": value.state = instance.state
    case "revision": value.revision = instance.revision
    case "fields": value.fields = instance.fields
    case "initiator": value.initiator = instance.initiator
    case "createdAt": value.createdAt = instance.createdAt
    default: value.updatedAt = instance.updatedAt
    }
    return value
  }

  @Test func changingACopyOfAHistoryEntryLeavesTheOriginalAndKeepsTheRest() {
    var copy = Self.entry
    copy.note = nil
    #expect(Self.entry.note == "a note")
    #expect(copy.note == nil)
    copy.note = "a note"
    #expect(copy == Self.entry)
    copy.params["testers"] = .set(["u-9"])
    #expect(Self.entry.params["testers"] == .set(["u-1"]))
    #expect(copy.instanceID == "r-1" && copy.revision == 4 && copy.event == "add-testers")
    #expect(copy.from == "approved" && copy.to == "pilot-testing" && copy.actor == "alice" && copy.at == Self.at + 1)
  }

  /// The properties a commit is given after it is made (lease, timers, changed fields, the
  /// definition kept) survive a copy's change of another one.
  @Test func changingACopyOfACommitLeavesTheOriginalAndKeepsTheRest() {
    let original = Self.commit
    var copy = original
    copy.expectedRevision = 7
    #expect(original.expectedRevision == 3)
    #expect(copy.taskLease == .claim(until: Self.at + 60))
    #expect(copy.timers == original.timers && copy.timers?.count == 1)
    #expect(copy.changedFields == ["testers"])
    #expect(copy.keepsDefinition)
    #expect(copy.index == [InstanceIndex.Entry(field: "miniProgram", value: "shop")])
    #expect(copy.instance == Self.instance && copy.history == Self.entry && copy.outbox.isEmpty)
    copy.expectedRevision = 3
    #expect(copy == original)
    copy.keepsDefinition = false
    #expect(original.keepsDefinition)
    #expect(copy != original)
  }

  /// An entry reads back from JSON as it was written, and a start's entry leaves out what it
  /// does not have (the keys are the ones the synthesized coding wrote before the entry kept
  /// its properties in one object).
  @Test func anEntryReadsBackFromJSON() throws {
    var entry = Self.entry
    entry.params = ["reason": .string("too slow"), "percent": .int(10)]
    #expect(try JSONDecoder().decode(HistoryEntry.self, from: JSONEncoder().encode(entry)) == entry)
    var start = Self.entry
    start.from = nil
    start.note = nil
    let json = try #require(String(data: JSONEncoder().encode(start), encoding: .utf8))
    #expect(!json.contains("\"from\"") && !json.contains("\"note\""))
    for key in ["instanceID", "revision", "event", "to", "actor", "at", "params"] {
      #expect(json.contains("\"\(key)\""))
    }
  }
}
