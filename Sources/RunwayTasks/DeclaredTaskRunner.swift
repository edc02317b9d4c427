import RunwayEngine
import RunwayModel

/// Runs the task a state declares: a command task through `CommandTaskRunner`, a built-in one
/// (`build-package`) through the built-in runner (docs/workflow-format.md, "`task` and `on`").
/// The CLI's runner; the worker and server will take it too.
public struct DeclaredTaskRunner: TaskRunner {
  public let commands: CommandTaskRunner
  public let builtIn: any TaskRunner

  /// Command programs are found in `workflowFolder`.
  public init(workflowFolder: String, builtIn: any TaskRunner = BuiltInTaskRunner()) {
    commands = CommandTaskRunner(folder: workflowFolder)
    self.builtIn = builtIn
  }

  /// A command never answers at once; a built-in task as the built-in runner says.
  public func answersAtOnce(_ task: TaskBinding) -> Bool { task.command == nil && builtIn.answersAtOnce(task) }

  public func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
    await builtIn.run(task, for: instance, directory: directory)
  }

  public func run(_ task: String, for instance: Instance, workflow: CompiledWorkflow, directory: Directory) async
    -> TaskOutcome
  {
    if workflow.state(instance.state)?.task?.command != nil {
      return await commands.run(task, for: instance, workflow: workflow, directory: directory)
    }
    return await builtIn.run(task, for: instance, workflow: workflow, directory: directory)
  }
}
