import Foundation
import RunwayEngine
import RunwayModel

/// What a command task's run means for the workflow (docs/workflow-format.md, "`task` and
/// `on`"): exit status 0 is success, with the fields its standard output sets as one JSON
/// object, typed by the workflow; anything else is failure, its note the last line the program
/// printed on standard error.
enum CommandOutcome {
  static func outcome(of result: CommandProcess.Result, _ command: CommandTask, _ workflow: CompiledWorkflow)
    -> TaskOutcome
  {
    let program = command.program
    let note = TaskNote.lastLine(result.errorTail)
    switch result.ending {
    case .timedOut:
      return .failure("\(program) took longer than \(command.timeoutText) and was stopped")
    case .outputTooLarge:
      return .failure(
        "\(program) printed more than \(CommandTaskRunner.maximumOutput >> 20) MiB on standard output and was stopped")
    case .unobserved:
      return .failure("how \(program) ended could not be observed, so its outcome is unknown")
    case .signalled(let signal):
      return .failure("\(program) was killed by signal \(signal)" + (note.map { ": \($0)" } ?? ""))
    case .exited(let status) where status != 0:
      return .failure(note ?? "\(program) exited with status \(status)")
    case .exited:
      do {
        let fields = try self.fields(result.output, program: program, workflow: workflow)
        return TaskOutcome(succeeded: true, fields: fields, message: note ?? "\(program) succeeded")
      } catch {
        return .failure(TaskNote.clean(error.message))
      }
    }
  }

  /// A refusal of what a program printed, as one sentence.
  struct Refusal: Error {
    var message: String
  }

  /// The fields a program's standard output sets: nothing when it printed nothing, else a
  /// JSON object whose keys are fields the workflow declares, each value of its field's type
  /// (`null` clears a field). Immutable fields and checks are the engine's to refuse.
  static func fields(_ output: [UInt8], program: String, workflow: CompiledWorkflow) throws(Refusal)
    -> [String: Value]
  {
    guard let text = String(bytes: output, encoding: .utf8) else {
      throw Refusal(message: "the output of \(program) is not UTF-8 text")
    }
    guard text.contains(where: { !$0.isWhitespace }) else { return [:] }
    let value: Value
    do { value = try JSONValueReader.read(text) } catch {
      throw Refusal(message: "the output of \(program) is not JSON (\(error.description))")
    }
    guard case .map(let members) = value else {
      throw Refusal(
        message: "the output of \(program) is \(ValueParser.noun(value)), not a JSON object of fields to set")
    }
    let declared = workflow.fields.map(\.field.name)
    var fields: [String: Value] = [:]
    for name in members.keys.sorted() {
      guard let field = workflow.field(name)?.field, let member = members[name] else {
        throw Refusal(
          message: "\(program) set the field \"\(name)\", which \(workflow.definition.name) does not declare"
            + Suggestion.hint(for: name, among: declared))
      }
      do { fields[name] = try ValueParser.coerce(member, to: field.type, name: name) } catch {
        throw Refusal(message: "\(program) set a field wrongly: \(error.message)")
      }
    }
    return fields
  }
}
