import Foundation
import RunwayEngine
import RunwayModel
import RunwaySQLite
import Testing

/// The shipped build's retries on a SQLite file (docs/workflow-format.md, "Time limits and
/// retries"): a failed attempt records `retry` by the system and claims the run until its
/// back-off ends; a worker then runs the next attempt, once, even after a worker died holding
/// it; the third failure is the task's failure outcome.
@Suite("Task retries")
struct TaskRetryTests {
  /// A build that always fails, counting its runs.
  final class FailingBuild: TaskRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var runs: Int { lock.withLock { count } }
    func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
      lock.withLock { count += 1 }
      return .failure("the build server said no")
    }
  }

  @Test func aFailingBuildIsTriedThreeTimesDurablyThenFails() async throws {
    var fixture = try await ReleaseFixture()
    let clock = FixedClock(Date(timeIntervalSince1970: 1_780_000_000))
    let build = FailingBuild()
    fixture.engine = Engine(catalog: fixture.engine.catalog, store: fixture.store, clock: clock, taskRunner: build)
    let runway = Runway(engine: fixture.engine)
    let id = try await fixture.start().id
    let released = try await fixture.engine.fire(id, "release", as: "dev-admin")
    #expect(released.instance.state == "building")
    #expect(released.entries.map(\.event) == ["release", "retry"])
    let first = try #require(released.entries.last)
    #expect(first.actor == "system" && first.from == "building" && first.to == "building")
    #expect(first.note == "attempt 1 of 3 failed: the build server said no; attempt 2 in 30s")
    #expect(build.runs == 1)

    // Not before the back-off: nothing is run, nothing written.
    clock.advance(by: 29)
    #expect(try await runway.work(through: []).tasksResumed == [])
    #expect(try await fixture.store.history(of: id).count == 3)

    clock.advance(by: 1)
    #expect(try await runway.work(through: []).tasksResumed == [id])
    #expect(build.runs == 2)
    var history = try await fixture.store.history(of: id)
    #expect(history.last?.note == "attempt 2 of 3 failed: the build server said no; attempt 3 in 1m")

    // A worker takes the third attempt and dies in it: its claim holds the run until it runs
    // out, then another worker runs attempt 3, once.
    clock.advance(by: 60)
    let stalled = try #require(try await fixture.store.instance(id))
    #expect(
      try await fixture.store.claimTask(
        id, revision: stalled.revision, until: clock.now() + 60, now: clock.now(), force: false) == .claimed)
    #expect(try await runway.work(through: []).tasksResumed == [])
    #expect(build.runs == 2)
    clock.advance(by: 60)
    #expect(try await runway.work(through: []).tasksResumed == [id])
    #expect(build.runs == 3)
    history = try await fixture.store.history(of: id)
    #expect(history.map(\.event) == ["start", "release", "retry", "retry", "failure"])
    #expect(history.suffix(3).allSatisfy { $0.actor == "system" })
    #expect(history.last?.note == "attempt 3 of 3 failed: the build server said no")
    #expect(try await fixture.store.instance(id)?.state == "build-failed")

    // Nothing is left to run.
    clock.advance(by: 3600)
    #expect(try await runway.work(through: []).count == 0)
    #expect(build.runs == 3)
    #expect(try await fixture.store.history(of: id).count == 5)
  }

  @Test func peopleMayNotFireRetry() async throws {
    var fixture = try await ReleaseFixture()
    fixture.engine = Engine(catalog: fixture.engine.catalog, store: fixture.store, taskRunner: FailingBuild())
    let id = try await fixture.start().id
    _ = try await fixture.engine.fire(id, "release", as: "dev-admin")
    let before = try await fixture.snapshot(id)
    await #expect {
      _ = try await fixture.engine.fire(id, "retry", as: "dev-admin")
    } throws: { error in
      (error as? EngineError)?.message.contains("fired by the system") == true
    }
    let after = try await fixture.snapshot(id)
    #expect(after.0 == before.0 && after.1 == before.1)
  }
}

/// A fire looks at its states' tasks and timers only for a transition that leaves or may
/// enter a state with them (`CompiledWorkflow.touchesTasks`, `touchesTimers`; an end counts for
/// timers): the shipped workflows' answer for every transition is what their states say.
@Suite("Transitions touching tasks and timers")
struct TransitionsTouchingTasksTests {
  @Test(arguments: ["mini-program-release", "super-app-release"])
  func eachTransitionTouchesATaskOrTimerExactlyWhenOneOfItsStatesHasOne(_ name: String) throws {
    let workflow = try #require(try ReleaseFixture.catalog().current(name)?.workflow)
    var touching = 0
    var timed = 0
    for state in workflow.definition.states {
      for transition in workflow.transitions(from: state.name) {
        let states = transition.sources + transition.choices.map(\.state)
        let expected = states.contains { workflow.task(of: $0) != nil }
        #expect(workflow.touchesTasks(transition) == expected, "\(transition.event) from \(state.name)")
        if expected { touching += 1 }
        let timersExpected =
          workflow.hasTimers
          && states.contains { name in
            workflow.state(name).map { !$0.timers.isEmpty || $0.terminal } ?? true
          }
        // A task outcome is not among the declared transitions: it may touch them (the fire
        // then asks its states).
        #expect(
          workflow.touchesTimers(transition) == (timersExpected || transition.isTaskOutcome),
          "\(transition.event) from \(state.name)")
        if timersExpected { timed += 1 }
      }
    }
    #expect(timed >= 2)
    // The build's outcomes and the release into building, at least.
    #expect(touching >= 3)
    #expect(workflow.transition(from: "pilot-testing", event: "update-testers").map(workflow.touchesTasks) == false)
  }
}
