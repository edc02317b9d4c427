import RunwayEngine
import RunwayModel
import Testing

@testable import RunwayTasks

/// Which tasks the engine runs without a timer: those a runner answers in process without
/// waiting (the built-in ones); a command task and any runner's default always get one.
@Suite("Tasks answered at once")
struct PromptAnswerTests {
  static let here = SourceLocation(file: "w.yaml", line: 1, column: 1)

  static func binding(_ name: String, command: Bool) -> TaskBinding {
    TaskBinding(
      name: name,
      command: command
        ? CommandTask(command: ["./build.sh"], timeoutMilliseconds: 1000, commandLocation: here, timeoutLocation: here)
        : nil,
      onSuccess: nil, onFailure: nil, location: here, timeout: Period(seconds: 60))
  }

  @Test(arguments: [
    ("build-package", false, true),
    ("build-package", true, false),
    ("publish", false, false),
    ("publish", true, false),
  ])
  func theDeclaredRunnerAnswersOnlyBuiltInTasksAtOnce(name: String, command: Bool, atOnce: Bool) {
    let binding = Self.binding(name, command: command)
    #expect(DeclaredTaskRunner(workflowFolder: "/nonexistent").answersAtOnce(binding) == atOnce)
    #expect(BuiltInTaskRunner().answersAtOnce(binding) == atOnce)
    #expect(CommandTaskRunner(folder: "/nonexistent").answersAtOnce(binding) == false)
  }

  @Test func aRunnerThatSaysNothingGetsATimer() {
    struct Silent: TaskRunner {
      func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
        TaskOutcome(succeeded: true)
      }
    }
    #expect(Silent().answersAtOnce(Self.binding("build-package", command: false)) == false)
  }
}
