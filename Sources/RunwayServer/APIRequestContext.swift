import Hummingbird
import RunwayEngine

/// What a request carries besides itself: the authentication its bearer token gave (set by
/// `AuthenticationMiddleware`), never anything the request says about who it is.
struct APIRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  var authentication: Authentication?

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  /// The caller the token stands for, once it is known to hold `scope`; 403 otherwise.
  func caller(needing scope: TokenScope) throws -> Caller {
    guard let authentication else {
      throw APIError.unauthenticated("this needs a bearer token: send Authorization: Bearer TOKEN")
    }
    guard authentication.token.grants(scope) else {
      throw APIError.forbidden(
        "token \(authentication.token.id) (scopes \(authentication.token.scopeList)) may not do this: it needs the \(scope.rawValue) scope"
      )
    }
    return authentication.caller
  }
}
