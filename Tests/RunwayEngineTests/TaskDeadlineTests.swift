import Foundation
import RunwayModel
import Testing

@testable import RunwayEngine

/// A built-in task's `timeout:` (docs/workflow-format.md, "Time limits and retries"): past it
/// the attempt fails without waiting for the task; within it the task's own answer counts.
@Suite("Task deadline")
struct TaskDeadlineTests {
  static func build(timeout seconds: Int?) -> TaskBinding {
    TaskBinding(
      name: "build-package", onSuccess: nil, onFailure: nil,
      location: SourceLocation(file: "w.yaml", line: 1, column: 1),
      timeout: seconds.map { Period(seconds: $0) })
  }

  @Test func aTaskPastItsLimitFailsWithoutBeingWaitedFor() async {
    let started = ContinuousClock.now
    // The task would run 15 minutes; the answer must come long before. The bound is wide: in
    // the whole suite on a slow two-core host, other suites kept Swift's threads busy and the
    // 1 s limit was heard after 72 s.
    let outcome = await TaskDeadline(task: Self.build(timeout: 1)).run {
      try? await Task.sleep(for: .seconds(900))
      return TaskOutcome(succeeded: true)
    }
    #expect(!outcome.succeeded)
    #expect(outcome.message == "build-package did not finish within its time limit of 1s")
    #expect(ContinuousClock.now - started < .seconds(450))
  }

  @Test(arguments: [true, false])
  func aTaskWithinItsLimitKeepsItsOutcome(_ succeeded: Bool) async {
    let outcome = await TaskDeadline(task: Self.build(timeout: 60)).run {
      TaskOutcome(succeeded: succeeded, fields: ["packageDigest": .string("sha256:x")], message: "done")
    }
    #expect(
      outcome == TaskOutcome(succeeded: succeeded, fields: ["packageDigest": .string("sha256:x")], message: "done"))
  }

  @Test func aTaskWithoutALimitIsWaitedFor() async {
    let outcome = await TaskDeadline(task: Self.build(timeout: nil)).run {
      try? await Task.sleep(for: .milliseconds(1200))
      return TaskOutcome(succeeded: true)
    }
    #expect(outcome.succeeded)
  }
}
