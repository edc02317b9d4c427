import Foundation
import Glibc

/// W2: one `runway fire` as a whole process on SQLite, against a one-row insert by the
/// `sqlite3` command-line tool on a file with the same settings (WAL, synchronous NORMAL).
enum ProcessLatency {
  static func run(workflows: String, runs: Int, folder: URL) throws -> BenchmarkRow {
    let store = try CLIStore("w2", versions: ["1.0.0"], workflows: workflows, folder: folder)
    try store.run(["settings", "set", "pilotTestingRequired=true"])
    let id = try store.approvedRelease("1.0.0")
    let environment = store.environment
    var fires: [Double] = []
    for index in 0..<runs {
      fires.append(
        try seconds {
          try store.run(["fire", id, "update-testers", "--as", "alice", "--param", "testers=u-\(index)"])
        })
    }
    let sqlite3 = try Runner.which("sqlite3")
    let raw = folder.appendingPathComponent("w2-raw.db").path
    _ = try Runner.run(
      sqlite3, [raw, "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);"],
      environment: environment)
    var inserts: [Double] = []
    for index in 0..<runs {
      inserts.append(
        try seconds {
          _ = try Runner.run(
            sqlite3, [raw, "PRAGMA synchronous=NORMAL; INSERT INTO t (body) VALUES ('row \(index)');"],
            environment: environment)
        })
    }
    let value = median(fires) * 1000
    let floor = median(inserts) * 1000
    return BenchmarkRow(
      name: "W2 runway fire, whole process", value: value, unit: "ms (median)", floor: floor, ratio: value / floor,
      target: "≤ 3× the sqlite3 insert", meets: value / floor <= 3,
      note: "median of \(runs) runs each; floor: sqlite3 CLI one-row insert on a WAL file")
  }
}

/// Runs programs and finds them.
enum Runner {
  /// A program built beside this benchmark (same build folder).
  static func sibling(_ name: String) throws -> URL {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let url = here.appendingPathComponent(name)
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      throw BenchmarkError("build \(name) first: swift build -c release (looked in \(here.path))")
    }
    return url
  }

  static func which(_ name: String) throws -> URL {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw BenchmarkError("\(name) is not installed (apt-get install \(name))")
  }

  /// Runs a program to completion and returns its standard output; a failure throws.
  /// `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose exit monitoring
  /// added about 50 ms to every run when no async work had warmed the process up first.
  @discardableResult
  static func run(_ program: URL, _ arguments: [String], environment: [String: String], input: URL? = nil) throws
    -> String
  {
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { throw BenchmarkError("cannot make a pipe") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipe[0])
    posix_spawn_file_actions_addclose(&actions, pipe[1])
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    if let input { posix_spawn_file_actions_addopen(&actions, 0, input.path, O_RDONLY, 0) }
    let argv = ([program.path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, program.path, &actions, nil, argv, envp)
    close(pipe[1])
    guard spawned == 0 else {
      close(pipe[0])
      throw BenchmarkError("cannot run \(program.path): error \(spawned)")
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(pipe[0], &buffer, buffer.count)
      if count <= 0 { break }
      output += buffer[0..<count]
    }
    close(pipe[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    // WIFEXITED and WEXITSTATUS are macros Swift does not import.
    guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
      throw BenchmarkError(
        "\(program.lastPathComponent) \(arguments.joined(separator: " ")) exited with status \(status)")
    }
    return String(decoding: output, as: UTF8.self)
  }
}
