import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// Turns `--set k=v` and `--param k=v` arguments into typed values. `v` is parsed by the
/// declared type; for a set or a map, `@FILE` reads a file instead: a list of user ids (CSV or
/// TXT) for a set, YAML or JSON for either. Other types never read a file: a value that starts
/// with `@` is written `@@` (docs/cli.md, "Values").
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
      var text = String(assignment[assignment.index(after: equals)...])
      if values[name] != nil {
        throw CommandFailure(.usage, "\(option) \(name) is given twice")
      }
      // An undeclared name is passed as a string; the engine refuses it with a hint.
      let declared = type(name) ?? .string
      do throws(EngineError) {
        if text.hasPrefix("@@") {
          text.removeFirst()
        } else if text.hasPrefix("@") {
          guard declared == .set || declared == .map else {
            throw EngineError.invalidInput(
              "\(name) is \(ValueParser.article(declared)), and only a set or a map reads @FILE; write @@ for a value that starts with @"
            )
          }
          values[name] = try fromFile(String(text.dropFirst()), as: declared, name: name)
          continue
        }
        values[name] = try ValueParser.parse(text, as: declared, name: name)
      } catch { throw CommandFailure(error) }
    }
    return values
  }

  /// The value of a set or a map read from `path`. No message quotes the file: it may be any
  /// file the user can read.
  private static func fromFile(_ path: String, as type: ValueType, name: String) throws(EngineError)
    -> Value
  {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = attributes?[.size] as? Int, size > InputLimits.valueFileSize {
      throw .invalidInput("\(path) is \(size) bytes; a file for \(name) may have at most \(InputLimits.valueFileSize)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .invalidInput("cannot read \(path) for \(name)")
    }
    guard data.count <= InputLimits.valueFileSize else {
      throw .invalidInput(
        "\(path) is \(data.count) bytes; a file for \(name) may have at most \(InputLimits.valueFileSize)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .invalidInput("\(path) is not UTF-8 text")
    }
    let lower = path.lowercased()
    if lower.hasSuffix(".json") {
      let value: Value
      do { value = try JSONValueReader.read(text) } catch {
        throw .invalidInput("\(location(ofByte: error.offset, in: text, file: path)): \(error.reason)")
      }
      return try coerce(value, to: type, name: name, path: path)
    }
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || type == .map {
      let value: Value
      do { value = try ValueLoader.parse(text, file: path) } catch {
        let first = error.diagnostics.first
        throw .invalidInput(
          "\(first?.location.map { "\($0): " } ?? "\(path): ")\(first?.message ?? "the file is not YAML")")
      }
      return try coerce(value, to: type, name: name, path: path)
    }
    return .set(Set(try TesterList.parse(text, file: path)))
  }

  /// `ValueParser.coerce`, saying what kind of value the file holds instead of quoting it.
  private static func coerce(_ value: Value, to type: ValueType, name: String, path: String) throws(EngineError)
    -> Value
  {
    switch (type, value) {
    case (.set, .list), (.map, .map): return try ValueParser.coerce(value, to: type, name: name)
    default:
      throw .invalidInput(
        "\(path) holds \(ValueParser.noun(value)), but \(name) is \(ValueParser.article(type))")
    }
  }

  /// `file:line:column` of the character at byte `offset` of `text`.
  private static func location(ofByte offset: Int, in text: String, file: String) -> SourceLocation {
    var line = 1
    var column = 1
    for (index, byte) in text.utf8.enumerated() where index < offset {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return SourceLocation(file: file, line: line, column: column)
  }
}
