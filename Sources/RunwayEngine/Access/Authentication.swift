/// Who a bearer token says a request comes from: the caller to hand the application API and
/// the token's scopes (docs/api.md, "Tokens").
public struct Authentication: Sendable, Hashable {
  public var caller: Caller
  public var token: APIToken
}

/// A request's token is missing or not valid now; the server answers 401 with the sentence.
public struct AuthenticationFailure: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var description: String { message }

  static let missing = AuthenticationFailure(message: "this needs a bearer token: send Authorization: Bearer TOKEN")
  static let unknown = AuthenticationFailure(message: "the bearer token is not valid")
  static let expired = AuthenticationFailure(message: "the bearer token has expired")
  static let revoked = AuthenticationFailure(message: "the bearer token was revoked")
}
