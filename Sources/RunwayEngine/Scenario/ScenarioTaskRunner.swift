import Foundation
import RunwayModel

/// The task runner of a scenario: the runs a scenario's `tasks:` lists go as it says
/// (failing, or past the state's time limit without the virtual clock waiting), then tasks
/// run as they would outside one (docs/scenario-tests.md, "Tasks").
final class ScenarioTaskRunner: TaskRunner, @unchecked Sendable {
  private let lock = NSLock()
  private var scripts: [String: [ScenarioTaskRun]]
  private let runner = BuiltInTaskRunner()

  init(_ scripts: [String: [ScenarioTaskRun]]) { self.scripts = scripts }

  /// What is wrong with the scenario's `tasks:` for this workflow, or nil: each names a task
  /// a state runs, and a `timeout` run needs that state's time limit.
  static func problem(_ scripts: [String: [ScenarioTaskRun]], _ workflow: CompiledWorkflow) -> String? {
    let tasks = workflow.definition.states.compactMap(\.task)
    for name in scripts.keys.sorted() {
      let bindings = tasks.filter { $0.name == name }
      if bindings.isEmpty {
        return "tasks: names \(name), which no state of \(workflow.definition.name) runs"
          + Suggestion.hint(for: name, among: tasks.map(\.name))
      }
      if scripts[name]?.contains(.timeout) == true, bindings.contains(where: { $0.limitSeconds == nil }) {
        return "tasks: lets \(name) time out, but its state declares no timeout"
      }
    }
    return nil
  }

  func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
    await runner.run(task, for: instance, directory: directory)
  }

  func run(_ task: String, for instance: Instance, workflow: CompiledWorkflow, directory: Directory) async
    -> TaskOutcome
  {
    let next: ScenarioTaskRun = lock.withLock {
      guard var runs = scripts[task], !runs.isEmpty else { return .run }
      let first = runs.removeFirst()
      scripts[task] = runs
      return first
    }
    switch next {
    case .run: return await runner.run(task, for: instance, workflow: workflow, directory: directory)
    case .fail: return .failure("\(task) failed (as the scenario says)")
    case .timeout:
      let binding = workflow.state(instance.state)?.task
      let limit = binding?.timeout?.description ?? binding?.command?.timeoutText ?? "?"
      return .failure("\(task) did not finish within its time limit of \(limit)")
    }
  }
}
