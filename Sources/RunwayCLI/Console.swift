import Foundation
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// Writes a command's results and errors, as text for people or JSON for scripts.
struct Console {
  var json: Bool

  /// Prints a line to standard output, control characters escaped (`TerminalText`).
  static func out(_ text: String) { emit(TerminalText.escaped(text) + "\n", to: STDOUT_FILENO) }

  /// Prints a line to standard error, control characters escaped (`TerminalText`).
  static func err(_ text: String) { emit(TerminalText.escaped(text) + "\n", to: STDERR_FILENO) }

  /// Writes all of `text` unbuffered, as `FileHandle` did, without its `Data` (a generic
  /// conversion whose first use scans every conformance in the binary: docs/benchmarks.md, W2).
  private static func emit(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
      guard let start = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        let written = write(descriptor, start + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
      }
    }
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
