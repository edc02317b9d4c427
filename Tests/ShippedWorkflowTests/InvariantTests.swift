import Foundation
import RunwayEngine
import RunwayModel
import Testing

/// The rules the shipped workflows keep, each refusal typed, explained and changing nothing.
@Suite("Invariants of the shipped workflows")
struct InvariantTests {
  /// Fires and expects a refusal of `code` whose message contains `fragment`; then checks
  /// that the instance and its history are exactly as before.
  func expectRefusal(
    _ fixture: ReleaseFixture, _ id: String, _ event: String, as actor: String,
    params: [String: Value] = [:], _ code: EngineError.Code, _ fragment: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) async throws {
    let before = try await fixture.snapshot(id)
    do {
      _ = try await fixture.engine.fire(id, event, as: actor, params: params)
      Issue.record("\(event) by \(actor) was not refused", sourceLocation: sourceLocation)
    } catch {
      #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
      #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
    }
    let after = try await fixture.snapshot(id)
    #expect(after.0 == before.0, "the instance changed", sourceLocation: sourceLocation)
    #expect(after.1 == before.1, "the history changed", sourceLocation: sourceLocation)
  }

  @Test func aVersionIsReleasedToAnAppAndEnvironmentOnlyOnceEvenAfterCancellation() async throws {
    let fixture = try await ReleaseFixture(pilotTestingRequired: true)
    let first = try await fixture.release(in: "pilot-testing")
    _ = try await fixture.engine.fire(first.id, "cancel-testing", as: "dev-admin")
    await #expect {
      try await fixture.start()
    } throws: { error in
      guard let error = error as? EngineError else { return false }
      return error.code == .rejected && error.message.contains(first.id)
        && error.message.contains("cancelled")
    }
    #expect(try await fixture.store.instances(matching: InstanceQuery()).count == 1)
    // Another environment, or a new version, is a new release.
    _ = try await fixture.start(environment: "sandbox")
    _ = try await fixture.start(version: "1.1.0")
  }

  @Test func theGrayscalePercentageOnlyGoesUpWithinOneToHundred() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.release(in: "release-preparation")
    for bad in [0, 101, -5] {
      try await expectRefusal(
        fixture, instance.id, "grayscale", as: "dev-admin", params: ["percent": .int(bad)],
        .rejected, "percent must be between 1 and 100")
    }
    _ = try await fixture.engine.fire(
      instance.id, "grayscale", as: "dev-admin", params: ["percent": .int(50)])
    for lower in [50, 10] {
      try await expectRefusal(
        fixture, instance.id, "grayscale", as: "dev-admin", params: ["percent": .int(lower)],
        .rejected, "the grayscale percentage only goes up (now 50%)")
    }
    let done = try await fixture.engine.fire(
      instance.id, "grayscale", as: "dev-admin", params: ["percent": .int(100)])
    #expect(done.instance.state == "released")
    #expect(done.instance.fields["grayscalePercent"] == .int(100))
  }

  @Test func rejectingNeedsAReason() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.release(in: "under-review")
    try await expectRefusal(
      fixture, instance.id, "reject", as: "ws-admin", .rejected, "reject needs the param reason")
    try await expectRefusal(
      fixture, instance.id, "reject", as: "ws-admin", params: ["reason": .string("")], .rejected,
      "reason must not be empty")
    let rejected = try await fixture.engine.fire(
      instance.id, "reject", as: "ws-admin", params: ["reason": .string("icon is blurry")])
    #expect(rejected.instance.fields["rejectionReason"] == .string("icon is blurry"))
  }

  @Test func eventsOutsideTheirStatesAreRejected() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.release(in: "selected")
    try await expectRefusal(
      fixture, instance.id, "apply", as: "dev-admin", .rejected,
      "apply is not possible while \(instance.id) is in selected (Target app selected); it applies in ready")
    try await expectRefusal(
      fixture, instance.id, "aply", as: "dev-admin", .rejected,
      "mini-program-release has no event \"aply\" (did you mean \"apply\"?)")
    try await expectRefusal(
      fixture, instance.id, "success", as: "dev-admin", .rejected, "success")
    try await expectRefusal(
      fixture, instance.id, "release", as: "dev-admin", params: ["colour": .string("red")],
      .invalidInput, "release has no param \"colour\"")
  }

  @Test func unknownActorsAndInstancesAreNamed() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.release(in: "selected")
    try await expectRefusal(
      fixture, instance.id, "release", as: "mallory", .forbidden, "unknown actor \"mallory\"")
    await #expect {
      try await fixture.engine.fire("r-nosuchthing", "release", as: "dev-admin")
    } throws: { ($0 as? EngineError)?.code == .notFound }
  }

  @Test func startChecksTheDirectoryAndTheFields() async throws {
    let fixture = try await ReleaseFixture()
    let cases: [([String: Value], EngineError.Code, String)] = [
      (["version": .string("9.9.9")], .rejected, "version 9.9.9 of shop has not been uploaded"),
      (["miniProgram": .string("shp")], .notFound, "no mini program \"shp\" in the directory (did you mean \"shop\"?)"),
      (["targetApp": .string("nowhere")], .notFound, "no app \"nowhere\""),
      (
        ["environment": .string("prod")], .invalidInput,
        "environment must be one of production, sandbox, test, development, not \"prod\""
      ),
      (["colour": .string("red")], .invalidInput, "has no field \"colour\""),
    ]
    for (override, code, fragment) in cases {
      var fields: [String: Value] = [
        "miniProgram": .string("shop"), "version": .string("1.0.0"),
        "targetApp": .string("superpay"), "environment": .string("production"),
      ]
      fields.merge(override) { _, new in new }
      do {
        _ = try await fixture.engine.start("mini-program-release", as: "dev-admin", fields: fields)
        Issue.record("start with \(override) was not refused")
      } catch {
        #expect(error.code == code, "\(error)")
        #expect(error.message.contains(fragment), "\(error.message)")
      }
    }
    var missing: [String: Value] = ["miniProgram": .string("shop"), "targetApp": .string("superpay")]
    missing["environment"] = .string("test")
    await #expect {
      try await fixture.engine.start("mini-program-release", as: "dev-admin", fields: missing)
    } throws: { ($0 as? EngineError)?.message == "version is required" }
    #expect(try await fixture.store.instances(matching: InstanceQuery()).isEmpty)
  }

  /// Immutable fields cannot change after the start, even through a task's outcome.
  @Test func immutableFieldsNeverChange() async throws {
    struct SneakyBuild: TaskRunner {
      func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
        TaskOutcome(succeeded: true, fields: ["environment": .string("sandbox")])
      }
    }
    var fixture = try await ReleaseFixture()
    fixture.engine = Engine(catalog: fixture.engine.catalog, store: fixture.store, taskRunner: SneakyBuild())
    let instance = try await fixture.start()
    let outcome = try await fixture.engine.fire(instance.id, "release", as: "dev-admin")
    #expect(outcome.instance.state == "build-failed")
    #expect(outcome.instance.fields["environment"] == .string("production"))
    let last = try #require(outcome.entries.last)
    #expect(last.event == "failure")
    #expect(last.note?.contains("environment cannot change after the start") == true)
    let stored = try #require(try await fixture.store.instance(instance.id))
    #expect(stored == outcome.instance)
  }

  @Test func theBuildRecordsAPackageDigestAndBothStepsAreInTheHistory() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.start()
    let outcome = try await fixture.engine.fire(instance.id, "release", as: "dev-admin")
    #expect(outcome.instance.state == "ready")
    #expect(outcome.instance.fields["packageDigest"]?.stringValue?.hasPrefix("sha256:") == true)
    let history = try await fixture.store.history(of: instance.id)
    #expect(history.map(\.event) == ["start", "release", "success"])
    #expect(history.map(\.actor) == ["dev-admin", "dev-admin", "system"])
    #expect(history.map(\.revision) == [1, 2, 3])
  }

  @Test func configurationOverlaysTheGlobalOneAndMasksSecrets() async throws {
    let fixture = try await ReleaseFixture()
    let instance = try await fixture.start()
    _ = try await fixture.engine.fire(
      instance.id, "configure", as: "dev-admin",
      params: ["configuration": .map(["entry": .string("pages/home"), "theme": .string("dark")])])
    let view = try await fixture.engine.view(instance.id, for: "dev-admin")
    #expect(
      view.fields["configuration"]
        == .map([
          "entry": .string("pages/home"), "theme": .string("dark"),
          "appSecret": .string(InstanceView.mask),
        ]))
    #expect(view.events.contains("release"))
  }
}
