/// A `multipart/form-data` body (RFC 7578), as `curl -F name=value -F testers=@file.csv`
/// sends it: each part a form field, a file when it names a filename (docs/api.md, "Uploads").
struct MultipartForm {
  struct Part {
    var name: String
    var filename: String?
    var bytes: [UInt8]
  }

  var parts: [Part]

  /// At most this many parts: a form of a few params never needs more.
  static let maxParts = 64

  /// The boundary of a `multipart/form-data; boundary=…` content type, or nil.
  static func boundary(ofContentType contentType: String) -> String? {
    // Most requests are JSON: told apart by their first bytes, before the type is split.
    guard contentType.utf8.prefix(10).elementsEqual("multipart/".utf8, by: { $0 | 0x20 == $1 | 0x20 }) else {
      return nil
    }
    let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
    for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
      var value = String(piece.dropFirst("boundary=".count))
      if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
      return value.isEmpty || value.utf8.count > 70 ? nil : value
    }
    return nil
  }

  /// Parses `body`, or throws the sentence saying what is wrong with it.
  init(body: [UInt8], boundary: String) throws(APIError) {
    let delimiter = Array(("--" + boundary).utf8)
    let separator = Array("\r\n".utf8) + delimiter
    guard var position = Self.find(delimiter, in: body, from: 0) else {
      throw .invalidInput("the multipart body has no part opened by its boundary")
    }
    position += delimiter.count
    var parts: [Part] = []
    while true {
      if Self.starts(Array("--".utf8), in: body, at: position) { break }
      guard Self.starts(Array("\r\n".utf8), in: body, at: position) else {
        throw .invalidInput("a multipart boundary is not followed by a line break")
      }
      let headersStart = position + 2
      guard let headersEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: headersStart - 2) else {
        throw .invalidInput("a multipart part has no blank line after its headers")
      }
      let headers = String(decoding: body[headersStart..<max(headersStart, headersEnd)], as: UTF8.self)
      let contentStart = headersEnd + 4
      guard let contentEnd = Self.find(separator, in: body, from: contentStart - 2), contentEnd >= contentStart - 2
      else {
        throw .invalidInput("the multipart body ends before its closing boundary")
      }
      var part = try Self.part(headers: headers)
      part.bytes = contentEnd >= contentStart ? Array(body[contentStart..<contentEnd]) : []
      parts.append(part)
      guard parts.count <= Self.maxParts else {
        throw .invalidInput("the multipart body has more than \(Self.maxParts) parts")
      }
      position = contentEnd + separator.count
    }
    self.parts = parts
  }

  /// The name and filename of a part from its `Content-Disposition` header.
  private static func part(headers: String) throws(APIError) -> Part {
    for line in headers.split(separator: "\r\n") {
      let pieces = line.split(separator: ":", maxSplits: 1)
      guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
      else { continue }
      var name: String?
      var filename: String?
      for attribute in pieces[1].split(separator: ";").dropFirst() {
        let pair = attribute.split(separator: "=", maxSplits: 1)
        guard pair.count == 2 else { continue }
        var value = pair[1].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = String(value.dropFirst().dropLast())
        }
        switch pair[0].trimmingCharacters(in: .whitespaces).lowercased() {
        case "name": name = value
        case "filename": filename = value
        default: break
        }
      }
      guard let name, !name.isEmpty else { throw .invalidInput("a multipart part has no name") }
      return Part(name: name, filename: filename, bytes: [])
    }
    throw .invalidInput("a multipart part has no Content-Disposition header")
  }

  private static func starts(_ needle: [UInt8], in haystack: [UInt8], at index: Int) -> Bool {
    guard index >= 0, index + needle.count <= haystack.count else { return false }
    for offset in needle.indices where haystack[index + offset] != needle[offset] { return false }
    return true
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    var index = max(0, start)
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0], starts(needle, in: haystack, at: index) { return index }
      index += 1
    }
    return nil
  }
}
