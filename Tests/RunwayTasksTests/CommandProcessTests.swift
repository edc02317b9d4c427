import Foundation
import RunwayTestSupport
import Testing

@testable import RunwayTasks

/// The process adapter under command tasks, on real programs (bash): what they print, how
/// they end, and that nothing they started outlives them.
@Suite("Command process")
struct CommandProcessTests {
  static func process(_ script: String, timeout: Int = 10_000, input: String = "") -> CommandProcess {
    CommandProcess(
      executable: "/bin/bash", arguments: ["-c", script], directory: NSTemporaryDirectory(),
      environment: CommandTaskRunner.environment(), input: Array(input.utf8), timeoutMilliseconds: timeout)
  }

  @Test func itReadsItsInputAndBothOutputs() throws {
    let result = try Self.process("tr a-z A-Z; echo oops >&2; exit 4", input: "hello").run()
    #expect(result.ending == .exited(4))
    #expect(String(decoding: result.output, as: UTF8.self) == "HELLO")
    #expect(String(decoding: result.errorTail, as: UTF8.self) == "oops\n")
  }

  /// A program that never reads a large input still ends: the input is a file, not a pipe
  /// whose writer would wait for it.
  @Test func anUnreadLargeInputDoesNotBlock() throws {
    let result = try Self.process("exit 0", input: String(repeating: "x", count: 1 << 20)).run()
    #expect(result.ending == .exited(0))
  }

  /// The program ended, but something it started still holds its output open: the run ends
  /// with the program, and what it left behind is killed.
  @Test func whatAProgramLeavesRunningIsKilledWhenItEnds() throws {
    let pidFile = NSTemporaryDirectory() + "runway-left-\(UUID().uuidString)"
    let result = try Self.process("sleep 60 & echo $! > \(pidFile); echo done", timeout: 30_000).run()
    #expect(result.ending == .exited(0))
    #expect(String(decoding: result.output, as: UTF8.self) == "done\n")
    let pid = try #require(
      Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(!ProcessLiveness.outlives(pid))
    try? FileManager.default.removeItem(atPath: pidFile)
  }

  @Test func theTimeLimitKillsTheWholeGroup() throws {
    let pidFile = NSTemporaryDirectory() + "runway-group-\(UUID().uuidString)"
    let result = try Self.process("sleep 60 & echo $$ $! > \(pidFile); sleep 60", timeout: 500).run()
    #expect(result.ending == .timedOut)
    let pids = try String(contentsOfFile: pidFile, encoding: .utf8).split(separator: " ").compactMap {
      Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    #expect(pids.count == 2)
    for pid in pids { #expect(!ProcessLiveness.outlives(pid), "process \(pid) outlived the time limit") }
    try? FileManager.default.removeItem(atPath: pidFile)
  }

  @Test func aProgramThatCannotStartIsAStartFailure() {
    var process = Self.process("")
    process.executable = "/nonexistent/program"
    #expect(throws: CommandProcess.StartFailure.self) { try process.run() }
  }

  @Test func theErrorTailKeepsTheEnd() throws {
    var process = Self.process("for i in $(seq 1 5000); do echo \"line $i\" >&2; done")
    process.errorTailSize = 64
    let result = try process.run()
    #expect(result.errorTail.count <= 128)
    #expect(String(decoding: result.errorTail, as: UTF8.self).hasSuffix("line 5000\n"))
  }

}

extension CommandProcessTests {
  /// A program gets standard input, output and error, and no other descriptor this process
  /// holds (a leaked pipe would keep a reader waiting for as long as the program runs).
  @Test func aProgramInheritsOnlyItsThreeStandardDescriptors() throws {
    let leaked = open("/dev/null", O_RDONLY)
    defer { close(leaked) }
    #expect(leaked > 2)
    // Not the last command, so that bash forks `ls` rather than becoming it.
    let result = try Self.process("ls /proc/$$/fd; exit 0").run()
    #expect(result.ending == .exited(0))
    #expect(String(decoding: result.output, as: UTF8.self).split(separator: "\n") == ["0", "1", "2"])
  }
}
