/// JSON-RPC 2.0 as LSP uses it: requests (with an id) get one response; notifications none.
public enum JSONRPC {
  /// An incoming message, read from its JSON.
  public enum Incoming: Sendable, Equatable {
    case request(id: JSONValue, method: String, params: JSONValue)
    case notification(method: String, params: JSONValue)
    /// A reply to a request the server sent; the server sends none that need an answer.
    case response(id: JSONValue)
  }

  /// An error answered to a request: a code and one sentence.
  public struct ResponseError: Error, Sendable, Equatable {
    public var code: Int
    public var message: String

    public init(_ code: Int, _ message: String) {
      self.code = code
      self.message = message
    }

    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let serverNotInitialized = -32002
    /// LSP: the request is valid but cannot be done (a rename to a taken name, say).
    public static let requestFailed = -32803

    public static func wrongParams(_ message: String) -> ResponseError { ResponseError(invalidParams, message) }
  }

  /// Reads a message; a wrong shape is an error with the id to answer (null when unknown).
  public static func read(_ json: JSONValue) -> Result<Incoming, InvalidMessage> {
    guard case .object = json else {
      return .failure(
        InvalidMessage(id: .null, error: ResponseError(ResponseError.invalidRequest, "a message must be a JSON object"))
      )
    }
    let id = json["id"]
    guard json["jsonrpc"].string == "2.0" else {
      return .failure(
        InvalidMessage(id: id, error: ResponseError(ResponseError.invalidRequest, "\"jsonrpc\" must be \"2.0\"")))
    }
    guard let method = json["method"].string else {
      if !id.isNull, json["result"] != .null || json["error"] != .null || isMember(json, "result") {
        return .success(.response(id: id))
      }
      return .failure(
        InvalidMessage(id: id, error: ResponseError(ResponseError.invalidRequest, "a message needs a \"method\"")))
    }
    switch id {
    case .null where !isMember(json, "id"): return .success(.notification(method: method, params: json["params"]))
    case .number, .string: return .success(.request(id: id, method: method, params: json["params"]))
    default:
      return .failure(
        InvalidMessage(
          id: .null, error: ResponseError(ResponseError.invalidRequest, "\"id\" must be a number or a string")))
    }
  }

  private static func isMember(_ json: JSONValue, _ key: String) -> Bool {
    if case .object(let members) = json { return members[key] != nil }
    return false
  }

  /// A message that cannot be handled, and the id its error response goes to.
  public struct InvalidMessage: Error, Sendable, Equatable {
    public var id: JSONValue
    public var error: ResponseError
  }

  public static func response(id: JSONValue, result: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "id": id, "result": result]
  }

  public static func response(id: JSONValue, error: ResponseError) -> JSONValue {
    ["jsonrpc": "2.0", "id": id, "error": ["code": JSONValue(error.code), "message": .string(error.message)]]
  }

  public static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "method": .string(method), "params": params]
  }
}
