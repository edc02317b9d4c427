import Foundation
import RunwayModel

/// Turns text typed on a command line (`--param percent=10`, `--set environment=production`)
/// into a value of the declared type.
public enum ValueParser {
  /// Parses `text` as a value of `type`; a set takes comma-separated elements, a map JSON.
  public static func parse(_ text: String, as type: ValueType, name: String) throws(EngineError)
    -> Value
  {
    switch type {
    case .string, .ref, .enumeration: return .string(text)
    case .int:
      guard let i = IntegerText.value(text) else {
        throw .invalidInput(
          "\(name) must be a whole number in digits, such as 10 or -3 (no +, spaces or leading zeros), not \"\(text)\"")
      }
      return .int(i)
    case .bool:
      switch text.lowercased() {
      case "true", "yes", "on", "1": return .bool(true)
      case "false", "no", "off", "0": return .bool(false)
      default: throw .invalidInput("\(name) must be true or false, not \"\(text)\"")
      }
    case .set:
      let elements = text.split(separator: ",").map {
        $0.trimmingSpaces()
      }.filter { !$0.isEmpty }
      return .set(Set(elements))
    case .map:
      guard let value = try? JSONValueReader.read(text), case .map = value else {
        throw .invalidInput(
          "\(name) must be a JSON object such as {\"key\": \"value\"}, or @FILE naming a YAML or JSON file")
      }
      return value
    case .null: return .null
    case .duration:
      guard let period = Period(text) else { throw .invalidInput("\(name): " + Period.problem(text)) }
      return .string(period.description)
    }
  }

  /// Converts a value read from a file (a list of strings, a map) to the declared type.
  public static func coerce(_ value: Value, to type: ValueType, name: String) throws(EngineError)
    -> Value
  {
    switch (type, value) {
    case (.set, .list(let items)):
      var elements = Set<String>()
      for item in items {
        guard case .string(let s) = item else {
          throw .invalidInput("\(name) must be a list of strings")
        }
        elements.insert(s)
      }
      return .set(elements)
    case (.string, .int(let i)), (.enumeration, .int(let i)), (.ref, .int(let i)):
      return .string(String(i))
    default:
      if let problem = ValueRules.typeProblem(value, type) {
        throw .invalidInput("\(name) \(problem)")
      }
      return value
    }
  }

  /// Whether `coerce` makes another value of `value` for `type` (else it returns it as it is,
  /// or refuses it).
  static func coerceChanges(_ value: Value, to type: ValueType) -> Bool {
    switch (type, value) {
    case (.set, .list), (.string, .int), (.enumeration, .int), (.ref, .int): return true
    default: return false
    }
  }

  /// The declared type with its article, as a sentence says it: "a string", "an integer".
  public static func article(_ type: ValueType) -> String { ValueRules.article(type) }

  /// What kind of value this is, without quoting it: "a string", "a list", "a number".
  public static func noun(_ value: Value) -> String {
    switch value {
    case .null: return "nothing"
    case .bool: return "true or false"
    case .int: return "a number"
    case .string: return "text"
    case .set: return "a set"
    case .map: return "a map"
    case .list: return "a list"
    }
  }
}
