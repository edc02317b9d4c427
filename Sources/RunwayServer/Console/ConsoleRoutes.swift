import Foundation
import Hummingbird
import RunwayEngine

/// The release console under `/` (docs/console.md): pages for people, over the same
/// application API as `/v1`, signed in with a session instead of a bearer token.
enum ConsoleRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API, sessionLifetime: TimeInterval) {
    let console = Console(runway: api.runway, sessionLifetime: sessionLifetime, input: api.input)
    router.get("/") { _, _ in ConsoleResponse.redirect("/releases") }
    router.get("/console/console.css") { _, _ in
      ConsoleResponse.asset(PackageResources.console_css, contentType: "text/css; charset=utf-8")
    }
    ConsoleSignInRoutes.register(on: router, console)
    ConsoleReleaseRoutes.register(on: router, console)
    ConsoleWorkflowRoutes.register(on: router, console)
  }
}
