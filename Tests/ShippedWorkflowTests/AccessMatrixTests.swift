import Foundation
import RunwayEngine
import RunwayModel
import Testing

/// Every role × every event × own/other workspace × assigned/unassigned mini program:
/// allowed exactly where the seed allows, and every refusal leaves the instance untouched.
@Suite("Access matrix")
struct AccessMatrixTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var workflow: String
    var event: String
    var state: String
    var params: [String: Value]
    var pilot: Bool = false
    var testDescription: String { "\(workflow) \(event) in \(state)" }
  }

  static let merchantDrivers: Set<String> = ["dev-admin", "dev-assigned"]
  static let reviewers: Set<String> = ["ws-admin", "ws-dev-assigned"]

  static let merchantCases: [Case] = [
    Case(workflow: "mini-program-release", event: "release", state: "selected", params: [:]),
    Case(
      workflow: "mini-program-release", event: "configure", state: "selected",
      params: ["configuration": .map(["theme": .string("dark")])]),
    Case(workflow: "mini-program-release", event: "apply", state: "ready", params: [:]),
    Case(workflow: "mini-program-release", event: "approve", state: "under-review", params: [:]),
    Case(
      workflow: "mini-program-release", event: "reject", state: "under-review",
      params: ["reason": .string("broken icon")]),
    Case(
      workflow: "mini-program-release", event: "update", state: "rejected",
      params: ["basicInfo": .map(["description": .string("fixed")])]),
    Case(
      workflow: "mini-program-release", event: "add-testers", state: "pilot-testing",
      params: ["testers": .set(["u-1"])], pilot: true),
    Case(
      workflow: "mini-program-release", event: "update-testers", state: "pilot-testing",
      params: ["testers": .set(["u-2"])], pilot: true),
    Case(
      workflow: "mini-program-release", event: "complete-testing", state: "pilot-testing",
      params: [:], pilot: true),
    Case(
      workflow: "mini-program-release", event: "cancel-testing", state: "pilot-testing",
      params: [:], pilot: true),
    Case(
      workflow: "mini-program-release", event: "grayscale", state: "release-preparation",
      params: ["percent": .int(20)]),
    Case(
      workflow: "mini-program-release", event: "full-release", state: "release-preparation",
      params: [:]),
    Case(
      workflow: "mini-program-release", event: "cancel-grayscale", state: "grayscale", params: [:]),
  ]

  static let superAppCases: [Case] = [
    Case(workflow: "super-app-release", event: "release", state: "selected", params: [:]),
    Case(
      workflow: "super-app-release", event: "configure", state: "ready",
      params: ["configuration": .map(["theme": .string("dark")])]),
    Case(workflow: "super-app-release", event: "apply", state: "ready", params: [:]),
    Case(
      workflow: "super-app-release", event: "add-testers", state: "pilot-testing",
      params: ["testers": .set(["u-1"])], pilot: true),
    Case(
      workflow: "super-app-release", event: "complete-testing", state: "pilot-testing",
      params: [:], pilot: true),
    Case(
      workflow: "super-app-release", event: "grayscale", state: "release-preparation",
      params: ["percent": .int(20)]),
    Case(
      workflow: "super-app-release", event: "full-release", state: "release-preparation",
      params: [:]),
    Case(
      workflow: "super-app-release", event: "cancel-grayscale", state: "grayscale", params: [:]),
  ]

  /// Who the seed lets fire the event.
  static func allowed(_ c: Case) -> Set<String> {
    if c.workflow == "super-app-release" { return reviewers }
    return ["approve", "reject"].contains(c.event) ? reviewers : merchantDrivers
  }

  @Test(arguments: merchantCases + superAppCases)
  func everyActor(_ c: Case) async throws {
    let fixture = try await ReleaseFixture(pilotTestingRequired: c.pilot)
    let allowed = Self.allowed(c)
    let refused = try await fixture.release(in: c.state, workflow: c.workflow)
    let before = try await fixture.snapshot(refused.id)
    for actor in ReleaseFixture.everyActor where !allowed.contains(actor) {
      do {
        _ = try await fixture.engine.fire(refused.id, c.event, as: actor, params: c.params)
        Issue.record("\(actor) was allowed to \(c.event)")
      } catch {
        #expect(error.code == .forbidden, "\(actor): \(error)")
        #expect(error.message.hasPrefix("\(actor) may not \(c.event)"), "\(error.message)")
      }
      let after = try await fixture.snapshot(refused.id)
      #expect(after.0 == before.0, "\(actor)'s refusal changed the instance")
      #expect(after.1 == before.1, "\(actor)'s refusal changed the history")
      let events = try await fixture.engine.availableEvents(refused, for: actor)
      #expect(!events.contains(c.event), "\(actor) is offered \(c.event)")
    }
    // Each allowed actor fires on a release of its own (a firing changes the state).
    for (index, actor) in allowed.sorted().enumerated() {
      let instance =
        index == 0
        ? refused
        : try await fixture.release(in: c.state, workflow: c.workflow, environment: "sandbox")
      let events = try await fixture.engine.availableEvents(instance, for: actor)
      #expect(events.contains(c.event), "\(actor) is not offered \(c.event): \(events)")
      let outcome = try await fixture.engine.fire(instance.id, c.event, as: actor, params: c.params)
      #expect(outcome.instance.revision > instance.revision)
      let history = try await fixture.store.history(of: instance.id)
      #expect(history.contains { $0.event == c.event && $0.actor == actor })
    }
  }

  @Test func assignmentRefusalNamesTheMissingAssignment() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.release(in: "selected")
    await #expect {
      try await fixture.engine.fire(instance.id, "release", as: "dev-unassigned")
    } throws: { error in
      guard let error = error as? EngineError else { return false }
      return error.code == .forbidden
        && error.message.contains("mini program shop is not assigned to dev-unassigned")
    }
  }

  @Test(arguments: ["mini-program-release", "super-app-release"])
  func startIsForTheDrivingRoles(_ workflow: String) async throws {
    let fixture = try await ReleaseFixture()
    let allowed = workflow == "mini-program-release" ? Self.merchantDrivers : Self.reviewers
    for actor in ReleaseFixture.everyActor where !allowed.contains(actor) {
      await #expect {
        try await fixture.start(workflow, as: actor)
      } throws: { error in
        (error as? EngineError)?.code == .forbidden
      }
    }
    #expect(try await fixture.store.instances(matching: InstanceQuery()).isEmpty)
    for (actor, environment) in zip(allowed.sorted(), ["production", "sandbox"]) {
      let instance = try await fixture.start(workflow, as: actor, environment: environment)
      #expect(instance.state == "selected")
      #expect(instance.initiator == actor)
    }
    #expect(try await fixture.store.instances(matching: InstanceQuery()).count == 2)
  }
}
