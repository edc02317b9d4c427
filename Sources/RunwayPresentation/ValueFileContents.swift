import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// What a file named for a set or map value holds, the same rule for a path on the command
/// line (`@FILE`) and an upload to the API (docs/cli.md, "Values"): `.json` and `.yaml` are
/// documents, anything else is a CSV/TXT list of user ids unless the value is a map. No
/// message quotes the file: it may be any file the caller can read.
public enum ValueFileContents {
  /// The contents of `data`, named `name`, for value `param` of type `type`.
  public static func read(_ data: Data, name: String, as type: ValueType, for param: String) throws(EngineError)
    -> FileInput.Contents
  {
    guard data.count <= InputLimits.valueFileSize else {
      throw .invalidInput(
        "\(name) is \(data.count) bytes; a file for \(param) may have at most \(InputLimits.valueFileSize)")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw .invalidInput("\(name) is not UTF-8 text") }
    let lower = name.lowercased()
    if lower.hasSuffix(".json") {
      do { return .structured(try JSONValueReader.read(text)) } catch {
        throw .invalidInput("\(location(ofByte: error.offset, in: text, file: name)): \(error.reason)")
      }
    }
    guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || type == .map else { return .userIDs(text) }
    do { return .structured(try ValueLoader.parse(text, file: name)) } catch {
      let first = error.diagnostics.first
      throw .invalidInput(
        "\(first?.location.map { "\($0): " } ?? "\(name): ")\(first?.message ?? "the file is not YAML")")
    }
  }

  /// `file:line:column` of the character at byte `offset` of `text`.
  public static func location(ofByte offset: Int, in text: String, file: String) -> SourceLocation {
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
