import Foundation
import HTTPTypes
import Hummingbird
import RunwayEngine

/// The release console (docs/console.md): server-rendered pages over the same application
/// API as the HTTP API, as the signed-in session's actor. It decides no workflow logic: the
/// pages show what `Runway` answers, and forms hand what was typed to `Runway`.
struct Console: Sendable {
  let runway: Runway
  /// How long a session lasts at most; never longer than its token. Sessions live in the
  /// store, by the SHA-256 of their ids (docs/console.md, "Sessions").
  let sessionLifetime: TimeInterval
  let input: RequestInput

  var now: Date { runway.engine.clock.now() }

  /// The signed-in session of a request, or nil: no cookie, an unknown or expired session, or
  /// a token that was revoked or expired since (the session then ends too).
  func signedIn(_ request: Request) async throws -> SignedIn? {
    guard let id = request.cookies[ConsoleCookies.session]?.value, !id.isEmpty,
      let session = try await runway.consoleSession(id: id)
    else { return nil }
    do {
      let authentication = try await runway.authenticate(tokenID: session.tokenID)
      guard authentication.token.grants(.operate) else {
        try await runway.closeConsoleSession(id: id)
        return nil
      }
      return SignedIn(sessionID: id, session: session, caller: authentication.caller)
    } catch is AuthenticationFailure {
      try await runway.closeConsoleSession(id: id)
      return nil
    }
  }

  /// A page for a signed-in session: the answer of `body`, a redirect to the sign-in page, or
  /// the page saying what went wrong.
  func page(_ request: Request, _ body: (SignedIn) async throws -> Response) async -> Response {
    var chrome: PageChrome?
    do {
      guard let signedIn = try await signedIn(request) else {
        return ConsoleResponse.redirect("/sign-in?next=" + ConsoleResponse.queryEncoded(Self.target(request)))
      }
      chrome = signedIn.chrome
      return try await body(signedIn)
    } catch {
      return problem(error, request: request, chrome: chrome)
    }
  }

  /// A form post of a signed-in session. The session and the form's CSRF token are checked
  /// before anything else: without both, nothing runs (403).
  func post(_ request: Request, _ body: (SignedIn, ConsoleForm) async throws -> Response) async -> Response {
    var chrome: PageChrome?
    do {
      guard let signedIn = try await signedIn(request) else {
        return ConsoleResponse.redirect("/sign-in?ended=1")
      }
      chrome = signedIn.chrome
      let form = try await ConsoleForm(request, input: input)
      guard let csrf = form.texts["csrf"], SecretText.same(csrf, signedIn.session.csrf) else {
        throw Self.csrfRefusal
      }
      return try await body(signedIn, form)
    } catch {
      return problem(error, request: request, chrome: chrome)
    }
  }

  static let csrfRefusal = APIError.forbidden(
    "the form carries no valid CSRF token, so nothing was done: reload the page and submit the form again")

  /// The page saying why a request was refused, with the status the HTTP API gives it.
  func problem(_ error: any Error, request: Request, chrome: PageChrome?) -> Response {
    let refusal = RequestLogMiddleware.apiError(error, request: request)
    let page = ProblemPage(
      title: refusal.status == .notFound ? "Not found" : "Refused", chrome: chrome, problem: refusal.message)
    return ConsoleResponse.html(ConsoleTemplates.render(page, "problem"), status: refusal.status)
  }

  /// The path and query a request asked for, to come back to after signing in.
  static func target(_ request: Request) -> String {
    request.uri.query.map { request.uri.path + "?" + $0 } ?? request.uri.path
  }
}

/// A request's signed-in session and the caller it stands for.
struct SignedIn: Sendable {
  var sessionID: String
  var session: ConsoleSession
  var caller: Caller

  var actor: String { session.actor }
  var chrome: PageChrome { PageChrome(actor: session.actor, csrf: session.csrf) }
}

/// What the layout shows of a session: who is signed in, and the CSRF token of the sign-out form.
struct PageChrome: Sendable {
  var actor: String
  var csrf: String
}

/// A refusal or failure, alone on a page.
struct ProblemPage {
  var title: String
  var chrome: PageChrome?
  var problem: String
}
