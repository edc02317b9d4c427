import Foundation
import HTTPTypes
import Hummingbird

/// The console's two cookies, both HttpOnly and SameSite=Strict: the session, and the
/// sign-in form's own CSRF value before there is a session (docs/console.md, "Sessions").
enum ConsoleCookies {
  static let session = "runway_session"
  static let signIn = "runway_signin"

  /// A cookie for the whole console; `Secure` when the request came over HTTPS through a proxy
  /// that says so (`X-Forwarded-Proto: https`).
  static func make(_ name: String, _ value: String, maxAge: Int, request: Request) -> Cookie {
    let secure = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    return Cookie(
      name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
  }

  /// A cookie that tells the browser to forget `name`.
  static func expired(_ name: String, request: Request) -> Cookie { make(name, "", maxAge: 0, request: request) }
}
