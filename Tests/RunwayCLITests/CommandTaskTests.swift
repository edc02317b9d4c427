import Foundation
import RunwayTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Command tasks (docs/workflow-format.md, "`task` and `on`"): a copy of the shipped workflow
/// whose build is a bash script in its folder, driven through the real `runway` binary. Exit
/// status 0 with a JSON object sets fields; anything else fails the task with one sentence and
/// leaves the fields as they were.
@Suite("Command tasks")
struct CommandTaskTests {
  /// The shipped release workflow with its build replaced by `scripts/check.sh` (with the
  /// argument `--strict`) and the given time limit.
  struct CommandFolder {
    let editable: DomainConfigurationTests.EditableFolder
    var runway: RunwayProcess { editable.runway }
    var script: URL { editable.folder.appendingPathComponent("scripts/check.sh") }

    init(timeout: String = "10s") throws {
      editable = try DomainConfigurationTests.EditableFolder()
      try editable.edit(
        "mini-program-release.yaml",
        replacing: "    task: build-package\n    timeout: 10m\n    retries: { attempts: 3, backoff: 30s }\n",
        with: "    task: { command: [scripts/check.sh, --strict], timeout: \(timeout) }\n")
      try FileManager.default.createDirectory(
        at: script.deletingLastPathComponent(), withIntermediateDirectories: true)
      try runway.importExampleDirectory()
    }

    /// Writes the script (a bash body) and, unless told otherwise, makes it executable.
    func script(_ body: String, executable: Bool = true) throws {
      try ("#!/bin/bash\n" + body).write(to: script, atomically: true, encoding: .utf8)
      if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path) }
    }

    /// Starts a release with a secret in its configuration and returns its id and fields.
    func start() throws -> (id: String, fields: [String: Any]) {
      let id = try runway.ok(
        "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set", "version=1.0.0",
        "--set", "targetApp=superpay", "--set", "environment=production", "--set",
        #"configuration={"appSecret": "s3cr3t", "theme": "dark"}"#)
      return (id, try runway.show(id)["fields"] as? [String: Any] ?? [:])
    }

    /// The history of `id` as `runway history --json` prints it.
    func history(_ id: String) throws -> [[String: Any]] {
      try #require(try runway.run("history", id, "--json").json() as? [[String: Any]])
    }

    /// Fires `release` (which enters the task state) and returns the state it ends in and
    /// the note of the task's outcome.
    func release(_ id: String) throws -> (state: String, note: String?) {
      try runway.ok("fire", id, "release", "--as", "alice")
      let last = try #require(try history(id).last)
      #expect(last["actor"] as? String == "system")
      return (try runway.show(id)["state"] as? String ?? "", last["note"] as? String)
    }

    /// A failed task: the release is in build-failed, its fields are those it had, and the
    /// history holds the start, the release and the failure, nothing else.
    func expectFailure(
      _ id: String, before: [String: Any], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
      let shown = try runway.show(id)
      #expect(shown["state"] as? String == "build-failed", sourceLocation: sourceLocation)
      #expect(
        NSDictionary(dictionary: shown["fields"] as? [String: Any] ?? [:]).isEqual(to: before),
        "fields changed: \(shown["fields"] ?? "none")", sourceLocation: sourceLocation)
      #expect(
        try history(id).map { $0["event"] as? String } == ["start", "release", "failure"],
        sourceLocation: sourceLocation)
    }
  }

  @Test func aSuccessSetsTheFieldsItPrintsAndReadsTheInstanceOnItsInput() throws {
    let folder = try CommandFolder()
    let seen = folder.runway.folder.appendingPathComponent("seen")
    try folder.script(
      """
      cat > '\(seen.path).json'
      echo "$PWD $*" > '\(seen.path).txt'
      echo "checking the bundle" >&2
      echo "checked 12 files" >&2
      echo '{"packageDigest": "sha256:checked", "rejectionReason": null}'
      """)
    let (id, _) = try folder.start()
    let (state, note) = try folder.release(id)
    #expect(state == "ready")
    #expect(note == "checked 12 files")
    let fields = try #require(try folder.runway.show(id)["fields"] as? [String: Any])
    #expect(fields["packageDigest"] as? String == "sha256:checked")

    let input = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: seen.appendingPathExtension("json")))
        as? [String: Any])
    #expect(input["id"] as? String == id)
    #expect(input["workflow"] as? String == "mini-program-release")
    #expect(input["state"] as? String == "building")
    #expect(input["revision"] as? Int == 2)
    let given = try #require(input["fields"] as? [String: Any])
    #expect(given["version"] as? String == "1.0.0")
    let configuration = try #require(given["configuration"] as? [String: String])
    #expect(configuration == ["appSecret": "••••••", "theme": "dark"])
    let invocation = try String(contentsOf: seen.appendingPathExtension("txt"), encoding: .utf8)
    #expect(invocation == folder.editable.folder.standardizedFileURL.path + " --strict\n")
  }

  @Test(arguments: [
    ("echo 'half way' >&2; echo 'the bundle is missing its icon' >&2; exit 3", "the bundle is missing its icon"),
    ("exit 1", "scripts/check.sh exited with status 1"),
    (#"printf 'bad \033[31mred\033[0m\a end\r\n\n' >&2; exit 2"#, "bad [31mred[0m end"),
    (#"printf '%0700d\n' 0 >&2; exit 2"#, String(repeating: "0", count: 499) + "…"),
    ("kill -9 $$", "scripts/check.sh was killed by signal 9"),
  ])
  func aFailingExitStatusFailsTheTaskWithTheLastLineOfItsErrors(_ body: String, _ expected: String) throws {
    let folder = try CommandFolder()
    // What it prints on standard output is not taken when it fails.
    try folder.script("echo '{\"packageDigest\": \"sha256:x\"}'\n" + body)
    let (id, before) = try folder.start()
    let (state, note) = try folder.release(id)
    #expect(state == "build-failed")
    #expect(note == expected)
    try folder.expectFailure(id, before: before)
  }

  @Test func aProgramPastItsTimeLimitIsStoppedWithEverythingItStarted() throws {
    let folder = try CommandFolder(timeout: "1s")
    let pids = folder.runway.folder.appendingPathComponent("pids")
    try folder.script(
      """
      sleep 60 &
      echo "$$ $!" > '\(pids.path)'
      sleep 60
      """)
    let (id, before) = try folder.start()
    let started = Date()
    let (state, note) = try folder.release(id)
    #expect(Date().timeIntervalSince(started) < 30, "the fire waited for the program instead of stopping it")
    #expect(state == "build-failed")
    #expect(note == "scripts/check.sh took longer than 1 s and was stopped")
    try folder.expectFailure(id, before: before)
    let children = try String(contentsOf: pids, encoding: .utf8).split(separator: " ").compactMap {
      Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    #expect(children.count == 2)
    for pid in children { #expect(!ProcessLiveness.outlives(pid), "process \(pid) outlived its task") }
  }

  @Test(arguments: [
    ("echo 'all good'", "the output of scripts/check.sh is not JSON"),
    ("echo '[1, 2]'", "the output of scripts/check.sh is a list, not a JSON object of fields to set"),
    (
      #"echo '{"packageDigets": "x"}'"#,
      #"scripts/check.sh set the field "packageDigets", which mini-program-release does not declare (did you mean "packageDigest"?)"#
    ),
    (
      #"echo '{"environment": "sandbox"}'"#,
      "scripts/check.sh succeeded but its result was refused: environment cannot change after the start"
    ),
    (#"echo '{"grayscalePercent": "lots"}'"#, "scripts/check.sh set a field wrongly: grayscalePercent"),
    (#"printf '{"packageDigest": "\377"}'"#, "the output of scripts/check.sh is not UTF-8 text"),
    (
      "head -c 1100000 /dev/zero | tr '\\0' ' '",
      "scripts/check.sh printed more than 1 MiB on standard output and was stopped"
    ),
  ])
  func outputTheWorkflowRefusesFailsTheTask(_ body: String, _ expected: String) throws {
    let folder = try CommandFolder()
    try folder.script(body)
    let (id, before) = try folder.start()
    let (state, note) = try folder.release(id)
    #expect(state == "build-failed")
    #expect(note?.hasPrefix(expected) == true, "note: \(note ?? "none")")
    try folder.expectFailure(id, before: before)
  }

  enum Broken: String, CaseIterable { case missing, notExecutable, notAProgram }

  @Test(arguments: Broken.allCases)
  func aProgramThatCannotRunFailsTheTaskWithASentence(_ broken: Broken) throws {
    let folder = try CommandFolder()
    let expected: String
    switch broken {
    case .missing:
      expected = "there is no program scripts/check.sh in the workflow folder "
    case .notExecutable:
      try folder.script("exit 0", executable: false)
      expected = "scripts/check.sh in the workflow folder "
    case .notAProgram:
      try "echo no interpreter line".write(to: folder.script, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.script.path)
      expected = "cannot run scripts/check.sh: Exec format error"
    }
    let (id, before) = try folder.start()
    let (state, note) = try folder.release(id)
    #expect(state == "build-failed")
    #expect(note?.hasPrefix(expected) == true, "note: \(note ?? "none")")
    if broken == .notExecutable { #expect(note?.hasSuffix("is not executable (chmod +x it)") == true) }
    try folder.expectFailure(id, before: before)
  }

  /// A command's claim on its run covers its time limit: a resume while it may still be
  /// running is refused even after the (shorter) lease, and `--force` runs it.
  @Test func aCommandsClaimCoversItsTimeLimitAndResumeRunsIt() throws {
    let folder = try CommandFolder(timeout: "90s")
    try folder.script(#"echo '{"packageDigest": "sha256:resumed"}'"#)
    let (id, _) = try folder.start()
    var killed = folder.runway
    killed.environment["RUNWAY_FAILPOINT"] = "kill-before-task"
    killed.environment["RUNWAY_TASK_LEASE_SECONDS"] = "1"
    let crash = try killed.run("fire", id, "release", "--as", "alice")
    #expect(crash.status != 0)
    #expect(try folder.runway.show(id)["state"] as? String == "building")
    Thread.sleep(forTimeInterval: 1.5)

    var resumer = folder.runway
    resumer.environment["RUNWAY_TASK_LEASE_SECONDS"] = "1"
    let early = try resumer.run("tasks", "resume", id)
    #expect(early.status == 7, "\(early.stdout)\(early.stderr)")
    #expect(early.stderr.contains("the scripts/check.sh task of \(id) may still be running"))
    #expect(try folder.runway.show(id)["state"] as? String == "building")

    try resumer.ok("tasks", "resume", id, "--force")
    let fields = try #require(try folder.runway.show(id)["fields"] as? [String: Any])
    #expect(try folder.runway.show(id)["state"] as? String == "ready")
    #expect(fields["packageDigest"] as? String == "sha256:resumed")
  }
}
