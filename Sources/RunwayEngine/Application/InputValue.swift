import Foundation
import RunwayModel

/// A field or param value as a front end received it, before the workflow types it. Every
/// front end hands values over this way, so one rule types them all (`typed(as:name:)`).
public enum InputValue: Sendable, Hashable {
  /// Text typed on a command line or in a form: `10`, `true`, `u-1,u-2`, `{"a": 1}`.
  case text(String)
  /// A list of user ids from a CSV or TXT file (uploaded, or named with `@FILE`).
  case file(name: String, contents: String)
  /// A value already structured (a JSON body, a YAML file, a scenario step).
  case value(Value)

  /// The value as `type`, or the refusal naming `name`.
  public func typed(as type: ValueType, name: String) throws(EngineError) -> Value {
    switch self {
    case .text(let text): return try ValueParser.parse(text, as: type, name: name)
    case .value(let value): return try ValueParser.coerce(value, to: type, name: name)
    case .file(let file, let contents):
      switch type {
      case .set: return .set(Set(try TesterList.parse(contents, file: file)))
      case .map:
        guard case .map = (try? JSONValueReader.read(contents)) ?? .null else {
          throw .invalidInput("\(file) is not a JSON object for \(name); name a .yaml or .json file")
        }
        return try ValueParser.parse(contents, as: .map, name: name)
      default:
        return try ValueParser.parse(contents.trimmingCharacters(in: .whitespacesAndNewlines), as: type, name: name)
      }
    }
  }

  /// The value as given, for a name the workflow does not declare (the engine refuses it by name).
  var untyped: Value {
    switch self {
    case .text(let text): return .string(text)
    case .value(let value): return value
    case .file(let name, _): return .string(name)
    }
  }

  /// Values typed by `declared` (the type of each name); undeclared names pass as given.
  static func typed(_ inputs: [String: InputValue], declared: (String) -> ValueType?) throws(EngineError)
    -> [String: Value]
  {
    var values: [String: Value] = [:]
    for name in inputs.keys.sorted() {
      guard let input = inputs[name] else { continue }
      values[name] = try declared(name).map { type throws(EngineError) in try input.typed(as: type, name: name) }
        ?? input.untyped
    }
    return values
  }
}
