import Foundation
import Hummingbird
import RunwayEngine

/// `/sign-in` and `/sign-out`: an API token becomes an HttpOnly, SameSite=Strict session
/// cookie; the store keeps only the token's hash and the session id's hash
/// (docs/console.md, "Sessions").
enum ConsoleSignInRoutes {
  /// How long the sign-in form's own CSRF cookie lasts.
  static let formLifetime = 1_800

  static func register(on router: Router<APIRequestContext>, _ console: Console) {
    router.get("/sign-in") { request, _ in
      let query = QueryParameters(request)
      if (try? await console.signedIn(request)) != nil {
        return ConsoleResponse.redirect(ConsoleResponse.localPath(query.optional("next")))
      }
      var notice: String?
      if query.optional("ended") != nil { notice = "Your session ended: sign in again." }
      if query.optional("signedOut") != nil { notice = "You signed out." }
      return signInForm(request, next: query.optional("next"), notice: notice)
    }

    router.post("/sign-in") { request, _ in
      do {
        let form = try await ConsoleForm(request, input: console.input)
        let next = ConsoleResponse.localPath(form.texts["next"])
        guard let expected = request.cookies[ConsoleCookies.signIn]?.value, let given = form.texts["csrf"],
          SecretText.same(expected, given)
        else {
          return signInForm(request, next: next, problem: Console.csrfRefusal.message, status: .forbidden)
        }
        let token = (form.texts["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let authentication: Authentication
        do {
          authentication = try await console.runway.authenticate(bearer: token.isEmpty ? nil : token)
        } catch let failure as AuthenticationFailure {
          let message =
            token.isEmpty ? "paste an API token (runway tokens create --actor NAME) to sign in" : failure.message
          return signInForm(request, next: next, problem: message, status: .unauthorized)
        }
        guard authentication.token.grants(.operate), authentication.caller.actor != nil else {
          return signInForm(
            request, next: next,
            problem:
              "token \(authentication.token.id) (scopes \(authentication.token.scopeList)) may not sign in to the console: it needs the operate scope",
            status: .forbidden)
        }
        let now = console.now
        let (id, session) = try await console.runway.openConsoleSession(
          authentication, lifetime: console.sessionLifetime)
        var response = ConsoleResponse.redirect(next)
        response.setCookie(
          ConsoleCookies.make(
            ConsoleCookies.session, id, maxAge: max(1, Int(session.expiresAt.timeIntervalSince(now))), request: request)
        )
        response.setCookie(ConsoleCookies.expired(ConsoleCookies.signIn, request: request))
        return response
      } catch {
        return console.problem(error, request: request, chrome: nil)
      }
    }

    router.post("/sign-out") { request, _ in
      await console.post(request) { signedIn, _ in
        try await console.runway.closeConsoleSession(id: signedIn.sessionID)
        var response = ConsoleResponse.redirect("/sign-in?signedOut=1")
        response.setCookie(ConsoleCookies.expired(ConsoleCookies.session, request: request))
        return response
      }
    }
  }

  /// The form, with a fresh CSRF value in the form and in a cookie.
  static func signInForm(
    _ request: Request, next: String?, notice: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok
  ) -> Response {
    let csrf = SecretText.random()
    let page = SignInPage(problem: problem, notice: notice, csrf: csrf, next: ConsoleResponse.localPath(next))
    var response = ConsoleResponse.html(ConsoleTemplates.render(page, "signin"), status: status)
    response.setCookie(ConsoleCookies.make(ConsoleCookies.signIn, csrf, maxAge: formLifetime, request: request))
    return response
  }
}
