import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// Turns `--set k=v` and `--param k=v` arguments into input values, which the workflow types
/// (one rule for every front end, `InputValue`). `@FILE` reads a file: YAML or JSON as a
/// structured value, anything else (CSV, TXT) as a list of user ids.
enum AssignmentInput {
  static func parse(_ assignments: [String], option: String) throws(CommandFailure) -> [String: InputValue] {
    var values: [String: InputValue] = [:]
    for assignment in assignments {
      guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
        throw CommandFailure(.usage, "write \(option) as NAME=VALUE, not \"\(assignment)\"")
      }
      let name = String(assignment[..<equals])
      let text = String(assignment[assignment.index(after: equals)...])
      if values[name] != nil {
        throw CommandFailure(.usage, "\(option) \(name) is given twice")
      }
      if text.hasPrefix("@") {
        values[name] = try fromFile(String(text.dropFirst()), name: name)
      } else {
        values[name] = .text(text)
      }
    }
    return values
  }

  private static func fromFile(_ path: String, name: String) throws(CommandFailure) -> InputValue {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(.invalidInput, "cannot read \(path) for \(name)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CommandFailure(.invalidInput, "\(path) is not UTF-8 text")
    }
    let lower = path.lowercased()
    guard [".yaml", ".yml", ".json"].contains(where: { lower.hasSuffix($0) }) else {
      return .file(name: path, contents: text)
    }
    do { return .value(try ValueLoader.parse(text, file: path)) } catch {
      throw CommandFailure(.invalidInput, error.description)
    }
  }
}
