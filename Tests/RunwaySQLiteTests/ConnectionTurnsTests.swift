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

  @Test("a task waiting for its turn leaves its thread to others")
  func waitingLeavesTheThreadFree() async {
    // Had the waiters blocked their threads, no thread would be left to run the task that lets
    // the holder go, and nothing in the process could report it: a plain thread ends the run
    // with a message instead of letting it hang.
    let finished = Tally()
    let watchdog = Thread {
      Thread.sleep(forTimeInterval: 30)
      if finished.count == 0 {
        FileHandle.standardError.write(Data("tasks waiting for the connection blocked every thread\n".utf8))
        exit(1)
      }
    }
    watchdog.start()
    let turns = ConnectionTurns()
    let (release, releasing) = AsyncStream<Void>.makeStream()
    let (held, holding) = AsyncStream<Void>.makeStream()
    // The holder keeps the connection until it is told to let go.
    let holder = Task {
      await turns.run {
        holding.yield()
        for await _ in release { break }
      }
    }
    for await _ in held { break }
    // More waiters than there are threads running tasks.
    let waiters = (0..<(4 * ProcessInfo.processInfo.activeProcessorCount + 4)).map { _ in
      Task { await turns.run {} }
    }
    await Task.yield()
    await Task { releasing.yield() }.value
    await holder.value
    for waiter in waiters { await waiter.value }
    finished.count = 1
  }
}
