import Foundation
import RunwayEngine
import RunwayModel

/// How every front end writes JSON: keys sorted, times as `2026-11-25T10:00:00.000Z`
/// (`Timestamp`), slashes unescaped.
public enum JSONPresentation {
  /// The JSON bytes of `value`, indented for people when `pretty`.
  public static func data(_ value: some Encodable, pretty: Bool) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(Timestamp.string(date))
    }
    return try encoder.encode(value)
  }

  /// Pretty JSON text of `value`, or `null` when it cannot be encoded.
  public static func text(_ value: some Encodable) -> String {
    (try? data(value, pretty: true)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
  }
}

/// The error shape every front end prints or serves: `{"error": {"code", "message"}}`.
public struct ErrorJSON: Encodable, Sendable {
  public struct Body: Encodable, Sendable {
    public var code: String
    public var message: String
  }
  public var error: Body

  public init(code: String, message: String) { error = Body(code: code, message: message) }

  /// The compact JSON `JSONPresentation` writes for this error, written directly: every
  /// refused request answers with one (docs/benchmarks.md, W7).
  public var text: String {
    var json = JSONText()
    json.raw("{\"error\":{\"code\":")
    json.string(error.code)
    json.raw(",\"message\":")
    json.string(error.message)
    json.raw("}}")
    return json.text
  }
}
