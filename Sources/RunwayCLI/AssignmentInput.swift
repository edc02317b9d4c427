import Foundation
import RunwayEngine
import RunwayModel
import RunwayPresentation
import RunwayYAML

/// Turns `--set k=v` and `--param k=v` arguments into input values, which the workflow types
/// (one rule for every front end, `InputValue`). `@FILE` names a file, read only for a set or
/// a map: a list of user ids (CSV or TXT) for a set, YAML or JSON for either. A value that
/// starts with `@` is written `@@` (docs/cli.md, "Values").
enum AssignmentInput {
  static func parse(_ assignments: [String], option: String) throws(CommandFailure) -> [String: InputValue] {
    var values: [String: InputValue] = [:]
    for assignment in assignments {
      guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
        throw CommandFailure(.usage, "write \(option) as NAME=VALUE, not \"\(assignment)\"")
      }
      let name = String(assignment[..<equals])
      var text = String(assignment[assignment.index(after: equals)...])
      if values[name] != nil {
        throw CommandFailure(.usage, "\(option) \(name) is given twice")
      }
      if text.hasPrefix("@@") {
        text.removeFirst()
      } else if text.hasPrefix("@") {
        let path = String(text.dropFirst())
        values[name] = .file(FileInput(name: path) { type throws(EngineError) in try read(path, as: type, for: name) })
        continue
      }
      values[name] = .text(text)
    }
    return values
  }

  /// The contents of `path`. No message quotes the file: it may be any file the user can read.
  private static func read(_ path: String, as type: ValueType, for name: String) throws(EngineError)
    -> FileInput.Contents
  {
    if let size = FileSize.of(path), size > InputLimits.valueFileSize {
      throw .invalidInput("\(path) is \(size) bytes; a file for \(name) may have at most \(InputLimits.valueFileSize)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .invalidInput("cannot read \(path) for \(name)")
    }
    return try ValueFileContents.read(data, name: path, as: type, for: name)
  }
}
