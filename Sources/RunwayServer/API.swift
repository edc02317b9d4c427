import Hummingbird
import RunwayEngine

/// What every route needs: the application API it calls, the body reader with its limit and
/// the metrics it counts into.
struct API: Sendable {
  let runway: Runway
  let input: RequestInput
  let metrics: RequestMetrics

  /// A path parameter the router matched; a route registers only names it declares.
  func parameter(_ name: String, _ context: APIRequestContext) throws -> String {
    guard let value = context.parameters.get(name) else { throw APIError.invalidInput("the path has no \(name)") }
    return value
  }
}

/// The query string's parameters, checked one by one with a sentence naming what is wrong.
struct QueryParameters {
  let parameters: Parameters

  init(_ request: Request) { parameters = request.uri.queryParameters }

  /// A parameter given once (the last when repeated), or nil.
  func optional(_ name: String) -> String? { parameters.get(name) }

  /// A parameter that must be given.
  func required(_ name: String) throws -> String {
    guard let value = parameters.get(name), !value.isEmpty else {
      throw APIError.invalidInput("the query needs \(name)=…")
    }
    return value
  }

  /// Every value of a repeated parameter.
  func all(_ name: String) -> [String] { parameters.getAll(name) }

  /// `true`/`false` (also `1`/`0`), or nil when absent.
  func flag(_ name: String) throws -> Bool {
    guard let text = parameters.get(name) else { return false }
    switch text.lowercased() {
    case "true", "1", "": return true
    case "false", "0": return false
    default: throw APIError.invalidInput("\(name) must be true or false, not \"\(text)\"")
    }
  }

  /// A whole number in `range`, or nil when absent.
  func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
    guard let text = parameters.get(name) else { return nil }
    guard let number = Int(text), range.contains(number) else {
      throw APIError.invalidInput(
        "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
    }
    return number
  }
}
