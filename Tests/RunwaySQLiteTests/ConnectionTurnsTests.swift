import Foundation
import Testing

@testable import RunwaySQLite

/// The store's connection taken in turn by tasks (`ConnectionTurns`).
@Suite("connection turns")
struct ConnectionTurnsTests {
  /// A counter changed across a suspension: a lost update shows two tasks in it at once.
  final class Tally: @unchecked Sendable {
    var count = 0
    var inside = 0
    var mostInside = 0
  }

  @Test("tasks have the connection one at a time, and every one gets its turn")
  func oneAtATime() async {
    let turns = ConnectionTurns()
    let tally = Tally()
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<200 {
        group.addTask {
          await turns.run {
            tally.inside += 1
            tally.mostInside = max(tally.mostInside, tally.inside)
            let before = tally.count
            await Task.yield()
            tally.count = before + 1
            tally.inside -= 1
          }
        }
      }
    }
    #expect(tally.count == 200)
    #expect(tally.mostInside == 1)
  }

  /// Runs its tasks on one thread of its own, so that no other test's tasks can hold it up.
  final class OneThread: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init() {
      Thread { [self] in
        while true {
          condition.lock()
          while jobs.isEmpty { condition.wait() }
          let job = jobs.removeFirst()
          condition.unlock()
          job.runSynchronously(on: asUnownedTaskExecutor())
        }
      }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
      let job = UnownedJob(job)
      condition.lock()
      jobs.append(job)
      condition.signal()
      condition.unlock()
    }
  }

  @Test("a task waiting for its turn leaves its thread to others")
  func waitingLeavesTheThreadFree() async {
    // Every task here, the test's own body included, runs on one thread of its own. Had a
    // waiter blocked it, the task that lets the holder go could never run, and nothing in the
    // process could report it: a plain thread ends the run with a message instead of letting
    // it hang. The body does not touch the shared pool, so a run whose pool other suites keep
    // busy cannot set the alarm off (it did, at 60 s, in a CI run, and the process's exit
    // removed the scratch folders other suites were using).
    let finished = Tally()
    Thread {
      Thread.sleep(forTimeInterval: 300)
      if finished.count == 0 {
        FileHandle.standardError.write(Data("tasks waiting for the connection blocked their thread\n".utf8))
        _exit(1)
      }
    }.start()
    let thread = OneThread()
    await Task(executorPreference: thread) {
      let turns = ConnectionTurns()
      let (release, releasing) = AsyncStream<Void>.makeStream()
      let (held, holding) = AsyncStream<Void>.makeStream()
      // The holder keeps the connection until it is told to let go.
      let holder = Task(executorPreference: thread) {
        await turns.run {
          holding.yield()
          for await _ in release { break }
        }
      }
      for await _ in held { break }
      let waiters = (0..<4).map { _ in Task(executorPreference: thread) { await turns.run {} } }
      await Task(executorPreference: thread) {
        // Runs once the waiters have had the thread: each is waiting now, not holding it.
        await Task.yield()
        releasing.yield()
      }.value
      await holder.value
      for waiter in waiters { await waiter.value }
      finished.count = 1
    }.value
    #expect(finished.count == 1)
  }
}
