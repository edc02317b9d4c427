import CProcessSpawn
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One run of a task's program: started in its own process group, in the workflow's folder,
/// its standard input read from a file, its output read within bounds, and the whole group
/// killed at the time limit (docs/workflow-format.md, "`task` and `on`"). `posix_spawn` and
/// `poll` rather than Foundation's `Process`, whose exit monitoring can hang under async code
/// and cannot kill a group. It blocks: `CommandTaskRunner` runs it on a thread of its own.
struct CommandProcess: Sendable {
  /// How a run ended.
  enum Ending: Equatable, Sendable {
    case exited(Int32)
    case signalled(Int32)
    /// Still running at the time limit; killed with its process group.
    case timedOut
    /// Printed more than `maximumOutput` bytes on standard output; killed with its group.
    case outputTooLarge
    /// Its exit status could not be read (something else reaped it).
    case unobserved
  }

  /// What a run produced.
  struct Result: Sendable {
    var ending: Ending
    var output: [UInt8] = []
    /// The last `errorTailSize` bytes or so it printed on standard error.
    var errorTail: [UInt8] = []
  }

  /// The program could not be started; `reason` is the system's sentence.
  struct StartFailure: Error, Sendable {
    var reason: String
  }

  /// The program's absolute path.
  var executable: String
  var arguments: [String]
  /// Where it starts: the workflow's folder.
  var directory: String
  var environment: [String: String]
  var input: [UInt8]
  var timeoutMilliseconds: Int
  /// The most standard output read (1 MiB): a program printing more is stopped.
  var maximumOutput = 1 << 20
  /// How much of the end of standard error is kept.
  var errorTailSize = 8 << 10

  func run() throws(StartFailure) -> Result {
    let inputFile = try self.inputFile()
    defer { close(inputFile) }
    var output: [Int32] = [-1, -1]
    var errors: [Int32] = [-1, -1]
    guard runway_pipe(&output) == 0 else { throw StartFailure(reason: Self.systemError()) }
    guard runway_pipe(&errors) == 0 else {
      close(output[0])
      close(output[1])
      throw StartFailure(reason: Self.systemError())
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inputFile, 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
    _ = runway_spawn_addclosefrom(&actions, 3)
    _ = runway_spawn_addchdir(&actions, directory)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Its own process group (so a timeout kills what it started too), default signal
    // handling (a server may ignore SIGPIPE) and nothing blocked.
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var blocked = sigset_t()
    sigemptyset(&blocked)
    posix_spawnattr_setsigmask(&attributes, &blocked)

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.keys.sorted().map { strdup("\($0)=\(environment[$0] ?? "")") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    close(output[1])
    close(errors[1])
    defer {
      close(output[0])
      close(errors[0])
    }
    guard spawned == 0 else { throw StartFailure(reason: String(cString: strerror(spawned))) }
    return collect(pid, output: output[0], errors: errors[0])
  }

  /// Reads both outputs until the program ends, the time limit passes or the output
  /// overflows; then kills what is left of its group and reaps it.
  private func collect(_ pid: pid_t, output: Int32, errors: Int32) -> Result {
    for descriptor in [output, errors] {
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(timeoutMilliseconds)
    var result = Result(ending: .timedOut)
    var open = [output, errors]
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var pause = 1
    while true {
      // A program may end while something it started still holds the pipes open.
      // -1: it cannot be waited for (reaped by someone else); finish says so.
      if runway_child_has_ended(pid) != 0 {
        _ = drain(&open, into: &result, output: output, buffer: &buffer)
        result.ending = finish(pid)
        return result
      }
      let remaining = deadline - clock.now
      guard remaining > .zero else {
        _ = finish(pid)
        result.ending = .timedOut
        return result
      }
      let milliseconds = Int((remaining / .milliseconds(1)).rounded(.up))
      if open.isEmpty {
        // Both pipes are closed but the program has not ended: look again shortly.
        usleep(useconds_t(min(pause, max(milliseconds, 1)) * 1000))
        pause = min(pause * 2, 50)
        continue
      }
      var polled = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      _ = poll(&polled, nfds_t(polled.count), Int32(min(max(milliseconds, 1), 50)))
      if !drain(&open, into: &result, output: output, buffer: &buffer) {
        _ = finish(pid)
        result.ending = .outputTooLarge
        return result
      }
    }
  }

  /// Reads what the open pipes hold now, closing those at their end; false when standard
  /// output has grown past its bound.
  private func drain(_ open: inout [Int32], into result: inout Result, output: Int32, buffer: inout [UInt8]) -> Bool {
    for descriptor in open {
      while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
          if descriptor == output {
            result.output += buffer[0..<count]
            if result.output.count > maximumOutput { return false }
          } else {
            result.errorTail += buffer[0..<count]
            if result.errorTail.count > 2 * errorTailSize {
              result.errorTail.removeFirst(result.errorTail.count - errorTailSize)
            }
          }
          continue
        }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { break }
        open.removeAll { $0 == descriptor }
        break
      }
    }
    return true
  }

  /// Kills the program's process group (whatever it left running, or all of it at a timeout)
  /// and reaps the program: how it ended. The program is not reaped before the kill, so its id
  /// cannot have been reused for another group.
  private func finish(_ pid: pid_t) -> Ending {
    kill(-pid, SIGKILL)
    var status: Int32 = 0
    var reaped = waitpid(pid, &status, 0)
    while reaped == -1 && errno == EINTR { reaped = waitpid(pid, &status, 0) }
    guard reaped == pid else { return .unobserved }
    // WIFEXITED, WEXITSTATUS and WTERMSIG are macros Swift does not import.
    return status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
  }

  /// The input in an unlinked temporary file: a program that never reads its input cannot
  /// block the write, as it could a pipe's.
  private func inputFile() throws(StartFailure) -> Int32 {
    var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("runway-task-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return runway_temporary_file(base)
    }
    guard descriptor >= 0 else {
      throw StartFailure(reason: "cannot make a file for its input: \(Self.systemError())")
    }
    template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
    var written = 0
    while written < input.count {
      let count = input.withUnsafeBytes { bytes in
        write(descriptor, bytes.baseAddress.map { $0 + written }, input.count - written)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        close(descriptor)
        throw StartFailure(reason: "cannot write its input: \(Self.systemError())")
      }
      written += count
    }
    lseek(descriptor, 0, SEEK_SET)
    return descriptor
  }

  private static func systemError() -> String { String(cString: strerror(errno)) }
}
