import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// Turns `--set k=v` and `--param k=v` arguments into typed values. `v` is parsed by the
/// declared type; `@FILE` reads a list of user ids (CSV or TXT) for a set, or YAML/JSON.
enum AssignmentInput {
  static func parse(
    _ assignments: [String], option: String, type: (String) -> ValueType?
  ) throws(CommandFailure) -> [String: Value] {
    var values: [String: Value] = [:]
    for assignment in assignments {
      guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
        throw CommandFailure(.usage, "write \(option) as NAME=VALUE, not \"\(assignment)\"")
      }
      let name = String(assignment[..<equals])
      let text = String(assignment[assignment.index(after: equals)...])
      if values[name] != nil {
        throw CommandFailure(.usage, "\(option) \(name) is given twice")
      }
      // An undeclared name is passed as a string; the engine refuses it with a hint.
      let declared = type(name) ?? .string
      do {
        if text.hasPrefix("@") {
          values[name] = try fromFile(String(text.dropFirst()), as: declared, name: name)
        } else {
          values[name] = try ValueParser.parse(text, as: declared, name: name)
        }
      } catch { throw CommandFailure(error) }
    }
    return values
  }

  private static func fromFile(_ path: String, as type: ValueType, name: String) throws(EngineError)
    -> Value
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .invalidInput("cannot read \(path) for \(name)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .invalidInput("\(path) is not UTF-8 text")
    }
    let lower = path.lowercased()
    let structured = [".yaml", ".yml", ".json"].contains { lower.hasSuffix($0) }
    if type == .set && !structured {
      return .set(Set(try TesterList.parse(text, file: path)))
    }
    if structured || type == .map {
      let value: Value
      do { value = try ValueLoader.parse(text, file: path) } catch {
        throw .invalidInput(error.description)
      }
      return try ValueParser.coerce(value, to: type, name: name)
    }
    return try ValueParser.parse(text.trimmingCharacters(in: .whitespacesAndNewlines), as: type, name: name)
  }
}
