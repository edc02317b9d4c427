import Foundation
import Hummingbird
import NIOCore
import RunwayEngine
import RunwayModel
import RunwayPresentation

/// What a request's body says, read within the body limit: a JSON object, or a
/// `multipart/form-data` form whose files are uploads (docs/api.md, "Bodies" and "Uploads").
struct RequestInput {
  /// The largest body the server reads (`--max-body`).
  var limit: Int

  /// The body's bytes; larger than the limit is 413.
  func bytes(_ request: Request) async throws -> [UInt8] {
    do {
      var buffer = try await request.body.collect(upTo: limit)
      return buffer.readBytes(length: buffer.readableBytes) ?? []
    } catch is NIOTooManyBytesError {
      throw APIError.tooLarge(limit)
    } catch let error as HTTPError where error.status == .contentTooLarge {
      throw APIError.tooLarge(limit)
    }
  }

  /// The body as a JSON object (nil when empty), or the sentence saying where it is not JSON.
  func object(_ request: Request) async throws -> [String: Value]? {
    if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
      throw APIError.unsupported("send the body as application/json, not \(type)")
    }
    let bytes = try await self.bytes(request)
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw APIError.invalidInput("the body is not UTF-8 text")
    }
    let value: Value
    do { value = try JSONValueReader.read(text) } catch {
      let at = ValueFileContents.location(ofByte: error.offset, in: text, file: "body")
      throw APIError.invalidInput("\(at): \(error.reason)")
    }
    guard case .map(let object) = value else { throw APIError.invalidInput("the body must be a JSON object") }
    return object
  }

  /// The values of `key` in a JSON body (`{"params": {…}}`), or of every field of a form
  /// (each file an upload, typed by the workflow: `.csv`/`.txt` a list of user ids,
  /// `.json`/`.yaml` a document).
  func values(_ request: Request, key: String) async throws -> [String: InputValue] {
    let type = request.headers[.contentType] ?? ""
    if let boundary = MultipartForm.boundary(ofContentType: type) {
      let form = try MultipartForm(body: try await bytes(request), boundary: boundary)
      var values: [String: InputValue] = [:]
      for part in form.parts {
        guard values[part.name] == nil else { throw APIError.invalidInput("the form names \(part.name) twice") }
        if let filename = part.filename {
          let data = Data(part.bytes)
          let name = part.name
          values[name] = .file(
            FileInput(name: filename) { type throws(EngineError) in
              try ValueFileContents.read(data, name: filename, as: type, for: name)
            })
        } else {
          guard let text = String(validating: part.bytes, as: UTF8.self) else {
            throw APIError.invalidInput("the form field \(part.name) is not UTF-8 text")
          }
          values[part.name] = .text(text)
        }
      }
      return values
    }
    guard let object = try await object(request) else { return [:] }
    for name in object.keys where name != key {
      throw APIError.invalidInput("unknown key \"\(name)\" in the body: it takes \"\(key)\"")
    }
    return try Self.values(object[key], key: key)
  }

  /// A JSON object's members as input values: a string is text the workflow parses (as from
  /// a form), anything else a structured value.
  static func values(_ value: Value?, key: String) throws -> [String: InputValue] {
    switch value {
    case nil, .null?: return [:]
    case .map(let members)?:
      return members.mapValues { member in
        if case .string(let text) = member { return .text(text) }
        return .value(member)
      }
    default: throw APIError.invalidInput("\"\(key)\" must be a JSON object of names and values")
    }
  }
}
