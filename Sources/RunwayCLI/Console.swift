import Foundation
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// Writes a command's results and errors, as text for people or JSON for scripts.
struct Console {
  var json: Bool

  /// Prints a line to standard output, control characters escaped (`TerminalText`).
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data((TerminalText.escaped(text) + "\n").utf8))
  }

  /// Prints a line to standard error, control characters escaped (`TerminalText`).
  static func err(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(text) + "\n").utf8))
  }

  /// Pretty, key-sorted JSON of any encodable value.
  static func jsonText(_ value: some Encodable) -> String {
    JSONPresentation.text(value)
  }

  func print(json value: some Encodable, text: () -> String) {
    Console.out(json ? Console.jsonText(value) : text())
  }

  /// Reports a failure on standard error and returns the exit status to end with.
  func report(_ failure: CommandFailure) -> ExitStatus {
    if json {
      Console.err(
        Console.jsonText(["error": ["code": failure.status.errorCode, "message": failure.message]]))
    } else {
      Console.err("error: \(failure.message)")
    }
    return failure.status
  }
}

/// A command failed: the status to exit with and one sentence.
struct CommandFailure: Error {
  var status: ExitStatus
  var message: String

  init(_ status: ExitStatus, _ message: String) {
    self.status = status
    self.message = message
  }

  init(_ error: EngineError) {
    self.init(ExitStatus(error.code), error.message)
  }
}
