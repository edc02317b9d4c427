import Foundation
import Hummingbird
import RunwayEngine
import RunwayPresentation

/// A console form as posted, URL-encoded or `multipart/form-data`: its text fields and its
/// files. A param of the workflow is the field of its name; a set or a map may instead come
/// as a file in the field `NAME@file` (docs/console.md, "Forms").
struct ConsoleForm {
  var texts: [String: String] = [:]
  var files: [String: (filename: String, bytes: [UInt8])] = [:]

  /// The suffix of a file field: `testers@file` uploads the value of `testers`, like the CLI's `@FILE`.
  static let fileSuffix = "@file"
  /// The fields the console itself reads; never params.
  static let reserved: Set<String> = ["csrf", "workflow"]

  /// Reads the body of `request` within `input`'s limit.
  init(_ request: Request, input: RequestInput) async throws {
    let type = request.headers[.contentType] ?? ""
    let body = try await input.bytes(request)
    if let boundary = MultipartForm.boundary(ofContentType: type) {
      for part in try MultipartForm(body: body, boundary: boundary).parts {
        guard texts[part.name] == nil, files[part.name] == nil else {
          throw APIError.invalidInput("the form names \(part.name) twice")
        }
        if let filename = part.filename {
          files[part.name] = (filename, part.bytes)
        } else {
          guard let text = String(validating: part.bytes, as: UTF8.self) else {
            throw APIError.invalidInput("the form field \(part.name) is not UTF-8 text")
          }
          texts[part.name] = text
        }
      }
    } else if type.lowercased().hasPrefix("application/x-www-form-urlencoded") || body.isEmpty {
      guard let text = String(validating: body, as: UTF8.self) else {
        throw APIError.invalidInput("the form is not UTF-8 text")
      }
      for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
        let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = try Self.decoded(pieces[0])
        guard texts[name] == nil else { throw APIError.invalidInput("the form names \(name) twice") }
        texts[name] = pieces.count == 2 ? try Self.decoded(pieces[1]) : ""
      }
    } else {
      throw APIError.unsupported(
        "send the form as multipart/form-data or application/x-www-form-urlencoded, not \(type)")
    }
  }

  private static func decoded(_ text: Substring) throws -> String {
    guard let decoded = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
      throw APIError.invalidInput("the form has a field that is not valid URL encoding")
    }
    return decoded
  }

  /// The values the form gives the workflow, as the HTTP API hands them over: text as typed,
  /// a file read by the declared type (`.csv`/`.txt` user ids, `.json`/`.yaml` a document).
  /// An empty field or an empty file chooser gives nothing.
  func inputs() throws(EngineError) -> [String: InputValue] {
    var values: [String: InputValue] = [:]
    for (name, text) in texts where !Self.reserved.contains(name) {
      if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
      values[name] = .text(text)
    }
    for (field, file) in files {
      guard field.hasSuffix(Self.fileSuffix) else {
        throw .invalidInput("the form's file field \(field) must be named NAME\(Self.fileSuffix)")
      }
      if file.filename.isEmpty && file.bytes.isEmpty { continue }
      let name = String(field.dropLast(Self.fileSuffix.count))
      guard values[name] == nil else { throw .invalidInput("give \(name) as text or as a file, not both") }
      let data = Data(file.bytes)
      let filename = file.filename
      values[name] = .file(
        FileInput(name: filename) { type throws(EngineError) in
          try ValueFileContents.read(data, name: filename, as: type, for: name)
        })
    }
    return values
  }
}
