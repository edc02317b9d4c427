import Foundation
import RunwayEngine
import RunwayModel
import RunwayTasks

/// The task runner a command uses, and how long a task run is claimed
/// (docs/deployment.md, "Tasks and crashes").
enum TaskRunners {
  /// `RUNWAY_TASK_LEASE_SECONDS`: how long a process that enters a task state holds its run.
  static func leaseSeconds() throws(CommandFailure) -> TimeInterval? {
    guard let text = EnvironmentVariable.value("RUNWAY_TASK_LEASE_SECONDS"), !text.isEmpty else {
      return nil
    }
    guard let seconds = TimeInterval(text), seconds > 0, seconds.isFinite else {
      throw CommandFailure(.usage, "RUNWAY_TASK_LEASE_SECONDS must be a positive number of seconds, not \"\(text)\"")
    }
    return seconds
  }

  /// The runner of the tasks states declare, built-in or commands found in `workflows` (the
  /// workflow folder); with `RUNWAY_FAILPOINT=kill-before-task`, one that kills its own process
  /// where a crash leaves a release in its task state (the tests' way to crash there).
  static func configured(workflows: String) -> any TaskRunner {
    EnvironmentVariable.value("RUNWAY_FAILPOINT") == "kill-before-task"
      ? KilledBeforeTask() : DeclaredTaskRunner(workflowFolder: workflows)
  }

  private struct KilledBeforeTask: TaskRunner {
    func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
      kill(getpid(), SIGKILL)
      return .failure("the process was killed before \(task) ran")
    }
  }
}
