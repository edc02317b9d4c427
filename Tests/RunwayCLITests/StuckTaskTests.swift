import Foundation
import Testing

/// A process killed after `release` committed but before the build recorded its outcome
/// leaves the release in `building`; `runway tasks resume` gets it out once the claim on the
/// run has run out, exactly once (issue 17, item 2).
@Suite("stuck tasks")
struct StuckTaskTests {
  @Test func aReleaseKilledBeforeItsBuildIsResumedOnceTheClaimRunsOut() throws {
    var runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop()

    var crashing = runway
    crashing.environment["RUNWAY_FAILPOINT"] = "kill-before-task"
    crashing.environment["RUNWAY_TASK_LEASE_SECONDS"] = "3"
    let killed = try crashing.run("fire", id, "release", "--as", "alice")
    #expect(killed.status == SIGKILL, "the failpoint kills the process before the task: \(killed.stderr)")
    let stuck = try runway.show(id)
    #expect(stuck["state"] as? String == "building")
    let revision = try #require(stuck["revision"] as? Int)

    // Firing on it says what is wrong and how to get out, and changes nothing.
    let apply = try runway.run("fire", id, "apply", "--as", "alice")
    #expect(apply.status == 6)
    #expect(apply.stderr.contains("building moves on when its build-package task finishes"), "\(apply.stderr)")
    #expect(apply.stderr.contains("runway tasks resume \(id)"))

    // While the dead process's claim lasts, a resume is refused as a conflict.
    runway.environment["RUNWAY_TASK_LEASE_SECONDS"] = "3"
    let early = try runway.run("tasks", "resume", id, "--json")
    #expect(early.status == 7, "\(early.stderr)")
    #expect(try early.errorJSON().message.contains("may still be running"))
    #expect(try runway.show(id)["revision"] as? Int == revision)

    Thread.sleep(forTimeInterval: 3.2)
    let resumed = try runway.run("tasks", "resume", id, "--json")
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let after = try runway.show(id)
    #expect(after["state"] as? String == "ready")
    #expect(after["revision"] as? Int == revision + 1)
    let history = try #require(try runway.run("history", id, "--json").json() as? [[String: Any]])
    #expect(history.compactMap { $0["event"] as? String } == ["start", "release", "success"])
    #expect(history.last?["actor"] as? String == "system")

    // Nothing is left to resume; the outcome was recorded once.
    let again = try runway.run("tasks", "resume", id)
    #expect(again.status == 6)
    #expect(again.stderr.contains("which runs no task"))
    #expect(try runway.show(id)["revision"] as? Int == revision + 1)
  }

  @Test func forceTakesAClaimThatHasNotRunOut() throws {
    var runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    var crashing = runway
    crashing.environment["RUNWAY_FAILPOINT"] = "kill-before-task"
    _ = try crashing.run("fire", id, "release", "--as", "alice")
    #expect(try runway.show(id)["state"] as? String == "building")
    #expect(try runway.run("tasks", "resume", id).status == 7)
    _ = try runway.ok("tasks", "resume", id, "--force")
    #expect(try runway.show(id)["state"] as? String == "ready")
    runway.environment["RUNWAY_TASK_LEASE_SECONDS"] = "soon"
    #expect(try runway.run("show", id).status == 2)
  }
}
