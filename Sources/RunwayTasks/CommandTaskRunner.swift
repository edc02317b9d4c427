import Foundation
import RunwayEngine
import RunwayModel

/// Runs command tasks: the program a state's `task: {command, timeout}` names, found in the
/// workflow's folder, given the instance as JSON, stopped with its process group at the time
/// limit; its exit status picks the outcome and its JSON output sets fields
/// (docs/workflow-format.md, "`task` and `on`").
public struct CommandTaskRunner: TaskRunner {
  /// The workflow folder programs are found in (absolute).
  public var folder: String { URL(fileURLWithPath: givenFolder).standardizedFileURL.path }
  /// The folder as given: made absolute only when a command runs, since Foundation's URL
  /// work costs every short command a conformance scan at start (docs/benchmarks.md, W2).
  private let givenFolder: String

  /// The most standard output a program may print: 1 MiB.
  public static let maximumOutput = 1 << 20

  /// Programs are found in `folder`, the folder the workflows are loaded from.
  public init(folder: String) {
    givenFolder = folder
  }

  public func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
    .failure("the command task \(task) of \(instance.id) needs its workflow to run")
  }

  public func run(_ task: String, for instance: Instance, workflow: CompiledWorkflow, directory: Directory) async
    -> TaskOutcome
  {
    guard let command = workflow.state(instance.state)?.task?.command else {
      return .failure("\(instance.state) of \(workflow.definition.name) runs no command")
    }
    let process: CommandProcess
    switch prepare(command, for: instance, workflow: workflow) {
    case .success(let prepared): process = prepared
    case .failure(let refusal): return .failure(refusal.message)
    }
    // A blocking wait of up to an hour belongs on a thread of its own, not on one of the few
    // that run async code.
    let result = await withCheckedContinuation {
      (continuation: CheckedContinuation<Result<CommandProcess.Result, CommandProcess.StartFailure>, Never>) in
      Thread.detachNewThread {
        continuation.resume(returning: Result { () throws(CommandProcess.StartFailure) in try process.run() })
      }
    }
    switch result {
    case .success(let ran): return CommandOutcome.outcome(of: ran, command, workflow)
    case .failure(let failure): return .failure(TaskNote.clean("cannot run \(command.program): \(failure.reason)"))
    }
  }

  /// The process for `command`, once its program is an executable file inside the folder.
  private func prepare(_ command: CommandTask, for instance: Instance, workflow: CompiledWorkflow)
    -> Result<CommandProcess, CommandOutcome.Refusal>
  {
    // The validator refuses such paths; a stored definition is checked again all the same.
    if let problem = CommandTask.programProblem(command.program) {
      return .failure(.init(message: "the command " + problem))
    }
    let path = URL(fileURLWithPath: folder).appendingPathComponent(command.program).standardizedFileURL.path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
      return .failure(.init(message: "there is no program \(command.program) in the workflow folder \(folder)"))
    }
    guard FileManager.default.isExecutableFile(atPath: path) else {
      return .failure(
        .init(message: "\(command.program) in the workflow folder \(folder) is not executable (chmod +x it)"))
    }
    return .success(
      CommandProcess(
        executable: path, arguments: command.arguments, directory: folder, environment: Self.environment(),
        input: CommandInput.json(instance, workflow), timeoutMilliseconds: command.timeoutMilliseconds,
        maximumOutput: Self.maximumOutput))
  }

  /// The program's environment: where to find programs, the locale, the home and temporary
  /// folders; none of Runway's own settings (the store's URL may hold a password).
  static func environment() -> [String: String] {
    let inherited = ProcessInfo.processInfo.environment
    var environment = ["PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
    for name in ["HOME", "LANG", "LC_ALL", "TMPDIR", "TZ"] {
      if let value = inherited[name] { environment[name] = value }
    }
    return environment
  }
}
