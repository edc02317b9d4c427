import ArgumentParser
import Foundation
import RunwayEngine

/// The `runway` command: validate workflow files and drive releases from the shell.
public struct RunwayCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "runway",
    abstract: "Release mini programs by workflows declared in YAML.",
    discussion: """
      Workflow files live in Workflows/ (or --workflows DIR); releases live in a store \
      (sqlite:runway.db by default, or --store URL).

      A release, start to finish:
        runway directory import examples/directory.yaml
        runway start mini-program-release --as alice --set miniProgram=shop --set version=1.0.0 \\
          --set targetApp=superpay --set environment=production
        runway fire ID release --as alice
        runway fire ID apply --as alice
        runway fire ID approve --as wendy
        runway fire ID grayscale --as alice --param percent=10

      Exit codes: 0 done, 1 invalid (validate), 2 usage, 3 invalid input, 4 not found,
      5 forbidden, 6 rejected, 7 conflict, 8 store unavailable. With --json, errors print
      {"error": {"code": …, "message": …}} on standard error.
      """,
    version: "0.1.0",
    subcommands: [
      ValidateCommand.self, GraphCommand.self, DirectoryCommand.self, SettingsCommand.self,
      StartCommand.self, FireCommand.self, ShowCommand.self, EventsCommand.self, ListCommand.self,
      HistoryCommand.self, ResolveCommand.self, TestCommand.self, DefinitionsCommand.self,
      MigrateCommand.self, NotifyCommand.self, AuditCommand.self, TasksCommand.self, LSPCommand.self,
      ServeCommand.self, TokensCommand.self, WorkerCommand.self, TimersCommand.self, RolloutCommand.self,
    ]
  )

  public init() {}

  /// Runs the command line and returns the exit status (see `ExitStatus`).
  public static func run(_ arguments: [String]) async -> Int32 {
    if let fire = FireArguments(arguments) {
      do { try await fire.run() } catch let status as ExitCode { return status.rawValue } catch {
        return ExitStatus.unavailable.rawValue
      }
      return ExitStatus.success.rawValue
    }
    do {
      var command = try parseAsRoot(arguments)
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      return ExitStatus.success.rawValue
    } catch let status as ExitCode {
      return status.rawValue
    } catch {
      if exitCode(for: error) == .success {
        Console.out(fullMessage(for: error))
        return ExitStatus.success.rawValue
      }
      let message = fullMessage(for: error)
      if arguments.contains("--json") {
        Console.err(Console.jsonText(["error": ["code": "usage", "message": message]]))
      } else {
        Console.err(message)
      }
      return ExitStatus.usage.rawValue
    }
  }
}

/// Runs a command body, turning failures into their report and exit status.
func perform(json: Bool, _ body: () async throws -> Void) async throws {
  let console = Console(json: json)
  do {
    try await body()
  } catch let status as ExitCode {
    throw status
  } catch let failure as CommandFailure {
    throw ExitCode(console.report(failure).rawValue)
  } catch let error as EngineError {
    throw ExitCode(console.report(CommandFailure(error)).rawValue)
  } catch {
    throw ExitCode(console.report(CommandFailure(.unavailable, "\(error)")).rawValue)
  }
}
