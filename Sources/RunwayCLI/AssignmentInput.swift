import Foundation
import RunwayEngine
import RunwayModel
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
      do { return .structured(try JSONValueReader.read(text)) } catch {
        throw .invalidInput("\(location(ofByte: error.offset, in: text, file: path)): \(error.reason)")
      }
    }
    guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || type == .map else { return .userIDs(text) }
    do { return .structured(try ValueLoader.parse(text, file: path)) } catch {
      let first = error.diagnostics.first
      throw .invalidInput(
        "\(first?.location.map { "\($0): " } ?? "\(path): ")\(first?.message ?? "the file is not YAML")")
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
