import Foundation
import RunwayModel

/// A field or param value as a front end received it, before the workflow types it. Every
/// front end hands values over this way, so one rule types them all (`typed(as:name:)`).
public enum InputValue: Sendable, Hashable {
  /// Text typed on a command line or in a form: `10`, `true`, `u-1,u-2`, `{"a": 1}`.
  case text(String)
  /// A file (named with `@FILE`, or uploaded), read only when the declared type takes one.
  case file(FileInput)
  /// A value already structured (a JSON body, a scenario step).
  case value(Value)

  /// The value as `type`, or the refusal naming `name`. Only a set or a map reads a file, and
  /// no refusal quotes a file's content: it may be any file the caller can read.
  public func typed(as type: ValueType, name: String) throws(EngineError) -> Value {
    switch self {
    case .text(let text): return try ValueParser.parse(text, as: type, name: name)
    case .value(let value): return try ValueParser.coerce(value, to: type, name: name)
    case .file(let file):
      guard type == .set || type == .map else {
        throw .invalidInput(
          "\(name) is \(ValueParser.article(type)), and only a set or a map reads @FILE; write @@ for a value that starts with @"
        )
      }
      switch try file.read(type) {
      case .userIDs(let text):
        guard type == .set else {
          throw .invalidInput("\(file.name) is a list of user ids, but \(name) is a map; name a .yaml or .json file")
        }
        return .set(Set(try TesterList.parse(text, file: file.name)))
      case .structured(let value):
        switch (type, value) {
        case (.set, .list), (.map, .map): return try ValueParser.coerce(value, to: type, name: name)
        default:
          throw .invalidInput(
            "\(file.name) holds \(ValueParser.noun(value)), but \(name) is \(ValueParser.article(type))")
        }
      }
    }
  }

  /// The value as given, for a name the workflow does not declare (the engine refuses it by name).
  var untyped: Value {
    switch self {
    case .text(let text): return .string(text)
    case .value(let value): return value
    case .file(let file): return .string(file.name)
    }
  }

  /// Values given as values, each checked against its declared type as `typed` checks
  /// `.value` inputs: the same dictionary back unless one is coerced (a list for a set, a
  /// number for a string), so a fire given values builds none (docs/benchmarks.md, W4).
  static func coerced(_ values: [String: Value], declared: (String) -> ValueType?) throws(EngineError)
    -> [String: Value]
  {
    var result = values
    try inNameOrder(values) { (name, value) throws(EngineError) in
      guard let type = declared(name) else { return }
      let typed = try ValueParser.coerce(value, to: type, name: name)
      if ValueParser.coerceChanges(value, to: type) { result[name] = typed }
    }
    return result
  }

  /// Values typed by `declared` (the type of each name); undeclared names pass as given.
  static func typed(_ inputs: [String: InputValue], declared: (String) -> ValueType?) throws(EngineError)
    -> [String: Value]
  {
    var values: [String: Value] = [:]
    values.reserveCapacity(inputs.count)
    try inNameOrder(inputs) { (name, input) throws(EngineError) in
      values[name] =
        try declared(name).map { type throws(EngineError) in try input.typed(as: type, name: name) }
        ?? input.untyped
    }
    return values
  }

  /// Each of `given` in turn: one (most fires) as it is; several in name order, so the first
  /// refusal among them is always the same one.
  private static func inNameOrder<Given>(
    _ given: [String: Given], _ body: (String, Given) throws(EngineError) -> Void
  ) throws(EngineError) {
    if given.count == 1, let (name, value) = given.first {
      try body(name, value)
      return
    }
    for name in given.keys.sorted() {
      guard let value = given[name] else { continue }
      try body(name, value)
    }
  }
}

/// A file a front end names for a value; the engine asks for its contents only when the
/// declared type reads files (sets and maps).
public struct FileInput: Sendable, Hashable {
  /// What a file holds once read.
  public enum Contents: Sendable {
    /// A YAML or JSON document.
    case structured(Value)
    /// A CSV or TXT list of user ids, as text.
    case userIDs(String)
  }

  /// The file's name or path, for messages.
  public var name: String
  /// Reads the file for a value of the given type (I/O is the front end's: a path on disk,
  /// an upload in memory); a file for a map is always a document.
  public var read: @Sendable (ValueType) throws(EngineError) -> Contents

  public init(name: String, read: @escaping @Sendable (ValueType) throws(EngineError) -> Contents) {
    self.name = name
    self.read = read
  }

  public static func == (left: FileInput, right: FileInput) -> Bool { left.name == right.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
