import Foundation
import Testing

/// The release console's server side (docs/console.md): sessions from tokens, CSRF on every
/// form, refusals as the engine's sentence, pages driven by the workflow files. The browser
/// run is Tests/Browser/console_test.py (scripts/console-check.sh).
@Suite("The release console over HTTP", .serialized)
struct ConsoleTests {
  static let startJSON =
    #"{"fields": {"miniProgram": "shop", "version": "1.0.0", "targetApp": "superpay", "environment": "production"}}"#

  /// A release under review, started and applied by alice over the API.
  static func releaseUnderReview(_ api: APIClient) async throws -> String {
    let started = try await api.post("/v1/workflows/mini-program-release/instances", json: startJSON)
    let id = try #require(started.object["id"] as? String)
    #expect(try await api.post("/v1/instances/\(id)/events/release").status == 200)
    #expect(try await api.post("/v1/instances/\(id)/events/apply").status == 200)
    return id
  }

  static func revision(_ api: APIClient, _ id: String) async throws -> Int {
    try #require(try await api.get("/v1/instances/\(id)").object["revision"] as? Int)
  }

  /// A server with a release under review (started and applied by alice over the API) and a
  /// browser signed in to the console as `reviewer`: the prologue of the reviewer-form tests.
  struct ReviewerAtARelease {
    let server: ServerProcess
    /// The API as alice.
    let api: APIClient
    let reviewerToken: String
    let id: String
    /// The release's revision before the test acts.
    let revision: Int
    let browser: ConsoleClient

    init(_ reviewer: String) async throws {
      server = try ServerProcess()
      let alice = try server.token("alice")
      reviewerToken = try server.token(reviewer)
      try server.start()
      api = APIClient(baseURL: server.baseURL, token: alice)
      id = try await ConsoleTests.releaseUnderReview(api)
      revision = try await ConsoleTests.revision(api, id)
      browser = ConsoleClient(baseURL: server.baseURL)
      _ = try await browser.signIn(reviewerToken)
    }
  }

  @Test func signInGivesAnHttpOnlyStrictCookieThatIsNotTheToken() async throws {
    let server = try ServerProcess()
    let token = try server.token("alice")
    try server.start()
    let browser = ConsoleClient(baseURL: server.baseURL)

    let away = try await browser.get("/releases/r-1?blockers=1")
    #expect(away.status == 303)
    #expect(away.location == "/sign-in?next=/releases/r-1%3Fblockers%3D1")

    let signedIn = try await browser.signIn(token)
    #expect(signedIn.status == 303)
    #expect(signedIn.location == "/releases")
    let cookie = try #require(browser.setCookies.first { $0.hasPrefix("runway_session=") })
    #expect(cookie.contains("HttpOnly"))
    #expect(cookie.contains("SameSite=Strict"))
    #expect(cookie.contains("Path=/"))
    let session = try #require(browser.cookies["runway_session"])
    #expect(session.count == 64 && !token.contains(session) && !session.contains(token))

    let page = try await browser.get("/releases")
    #expect(page.status == 200)
    #expect(page.text.contains("<strong id=\"actor\">alice</strong>"))
    #expect(page.headers.first(name: "Content-Security-Policy")?.contains("default-src 'none'") == true)
    #expect(page.headers.first(name: "Cache-Control") == "no-store")
    // The log never carries the session id nor the token.
    let log = server.log()
    #expect(!log.contains(session) && !log.contains(token))
  }

  @Test func aSignInWithoutItsFormValueOrWithABadTokenGetsNoSession() async throws {
    let server = try ServerProcess()
    let token = try server.token("alice")
    let resolver = try server.token("wendy", scopes: ["resolve"])
    try server.start()
    let browser = ConsoleClient(baseURL: server.baseURL)

    let forged = try await browser.post("/sign-in", form: ["token": token])
    #expect(forged.status == 403)
    #expect(forged.text.contains("no valid CSRF token"))
    #expect(browser.cookies["runway_session"] == nil)

    let wrong = try await browser.signIn("rw_tnothing00_00000000000000000000000000000000")
    #expect(wrong.status == 401)
    #expect(wrong.text.contains("the bearer token is not valid"))
    let narrow = try await browser.signIn(resolver)
    #expect(narrow.status == 403)
    #expect(narrow.text.contains("may not sign in to the console: it needs the operate scope"))
    #expect(browser.cookies["runway_session"] == nil)
  }

  @Test func aPostWithoutOrWithAWrongCSRFTokenIsRefusedAndChangesNothing() async throws {
    let review = try await ReviewerAtARelease("wendy")
    let (api, id, before, browser) = (review.api, review.id, review.revision, review.browser)
    let page = try await browser.get("/releases/\(id)")
    let csrf = try #require(page.csrf)
    #expect(page.text.contains("id=\"event-approve\""))

    for form in [[:], ["csrf": String(repeating: "0", count: 64)], ["csrf": ""]] {
      let refused = try await browser.post("/releases/\(id)/events/approve", form: form)
      #expect(refused.status == 403)
      #expect(refused.text.contains("the form carries no valid CSRF token, so nothing was done"))
    }
    #expect(try await Self.revision(api, id) == before)

    let approved = try await browser.post("/releases/\(id)/events/approve", form: ["csrf": csrf])
    #expect(approved.status == 303)
    #expect(approved.location == "/releases/\(id)?done=approve")
    #expect(try await Self.revision(api, id) == before + 1)
    withExtendedLifetime(review.server) {}
  }

  @Test func bobSeesNoApproveFormAndAForgedOneGetsTheEngineSentence() async throws {
    let review = try await ReviewerAtARelease("bob")
    let (api, id, before, browser) = (review.api, review.id, review.revision, review.browser)
    let page = try await browser.get("/releases/\(id)?blockers=1")
    #expect(!page.text.contains("id=\"event-approve\""))
    #expect(page.text.contains("bob may not approve \(id)"))

    let forged = try await browser.post("/releases/\(id)/events/approve", form: ["csrf": try #require(page.csrf)])
    #expect(forged.status == 403)
    let sentence = try await api.with(token: review.reviewerToken).post("/v1/instances/\(id)/events/approve").error
      .message
    #expect(sentence.hasPrefix("bob may not approve"))
    #expect(forged.text.contains(Self.escaped(sentence)))
    #expect(try await Self.revision(api, id) == before)
    withExtendedLifetime(review.server) {}
  }

  @Test func aLongHistoryShowsItsNewestEntriesAndAllOnRequest() async throws {
    let server = try ServerProcess(pilot: true)
    let alice = try server.token("alice")
    let wendy = try server.token("wendy")
    try server.start()
    let api = APIClient(baseURL: server.baseURL, token: alice)
    let id = try await Self.releaseUnderReview(api)
    #expect(try await api.with(token: wendy).post("/v1/instances/\(id)/events/approve").status == 200)
    for round in 1...50 {
      let fired = try await api.post(
        "/v1/instances/\(id)/events/update-testers", json: #"{"params":{"testers":["u-\#(round)"]}}"#)
      #expect(fired.status == 200)
    }
    // Started, released (with the build task's outcome), applied, approved, then 50 fires.
    let revision = try await Self.revision(api, id)
    let total = try await api.get("/v1/instances/\(id)/history").list.count
    #expect(total == 55)

    let browser = ConsoleClient(baseURL: server.baseURL)
    _ = try await browser.signIn(alice)
    let page = try await browser.get("/releases/\(id)")
    let shown = Self.revisions(page.text)
    #expect(shown == Array((revision - 49)...revision))
    #expect(page.text.contains("The newest 50 of \(total) entries."))
    #expect(page.text.contains("href=\"/releases/\(id)?history=all#history\""))
    // The stepper still knows every state the release went through, shown or not.
    #expect(page.text.contains("class=\"step done\" data-state=\"selected\""))

    let all = try await browser.get("/releases/\(id)?history=all")
    #expect(Self.revisions(all.text) == Array((revision - total + 1)...revision))
    #expect(!all.text.contains("id=\"history-note\""))
    #expect(try await Self.revision(api, id) == revision)
  }

  /// The revisions of the history entries a release page lists, in order.
  static func revisions(_ html: String) -> [Int] {
    html.components(separatedBy: "<li data-revision=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
  }

  @Test func signOutExpiryAndARevokedTokenEndTheSession() async throws {
    let server = try ServerProcess()
    let kept = try server.token("alice")
    let revoked = try server.token("alice")
    try server.start(["--session-lifetime", "2s"])

    let out = ConsoleClient(baseURL: server.baseURL)
    _ = try await out.signIn(kept)
    let session = try #require(out.cookies["runway_session"])
    let page = try await out.get("/releases")
    let signedOut = try await out.post("/sign-out", form: ["csrf": try #require(page.csrf)])
    #expect(signedOut.status == 303)
    #expect(out.setCookies.contains { $0.hasPrefix("runway_session=;") && $0.contains("Max-Age=0") })
    out.cookies["runway_session"] = session
    #expect(try await out.get("/releases").status == 303)

    let revoking = ConsoleClient(baseURL: server.baseURL)
    _ = try await revoking.signIn(revoked)
    #expect(try await revoking.get("/releases").status == 200)
    try server.cli("tokens", "revoke", String(revoked.split(separator: "_")[1]))
    #expect(try await revoking.get("/releases").location == "/sign-in?next=/releases")

    let expiring = ConsoleClient(baseURL: server.baseURL)
    _ = try await expiring.signIn(kept)
    #expect(try await expiring.get("/releases").status == 200)
    try await Task.sleep(for: .milliseconds(2_300))
    #expect(try await expiring.get("/releases").status == 303)
  }

  /// Sessions live in the store: a restarted server still knows a signed-in browser (with
  /// the same CSRF token), and one that signed out stays out.
  @Test func aSessionOutlivesARestartOfTheServer() async throws {
    let server = try ServerProcess()
    let token = try server.token("alice")
    try server.start()
    let browser = ConsoleClient(baseURL: server.baseURL)
    _ = try await browser.signIn(token)
    let before = try await browser.get("/releases")
    #expect(before.status == 200)
    let leaving = ConsoleClient(baseURL: server.baseURL)
    _ = try await leaving.signIn(token)
    let page = try await leaving.get("/releases")
    let left = try #require(leaving.cookies["runway_session"])
    #expect(try await leaving.post("/sign-out", form: ["csrf": try #require(page.csrf)]).status == 303)
    #expect(server.stop() == 0)

    try server.start()
    let again = ConsoleClient(baseURL: server.baseURL)
    again.cookies = browser.cookies
    let after = try await again.get("/releases")
    #expect(after.status == 200)
    #expect(after.text.contains("<strong id=\"actor\">alice</strong>"))
    #expect(after.csrf != nil && after.csrf == before.csrf, "the same session, with its CSRF token")
    let gone = ConsoleClient(baseURL: server.baseURL)
    gone.cookies["runway_session"] = left
    #expect(try await gone.get("/releases").status == 303)
    #expect(server.stop() == 0)
  }

  /// A transition added to the workflow file shows up as a form, its params typed and bounded
  /// as declared: no code knows it.
  @Test func aTransitionAddedToTheYAMLAppearsWithItsForm() async throws {
    let server = try ServerProcess()
    let folder = server.folder.appendingPathComponent("Workflows")
    try FileManager.default.copyItem(at: ServerProcess.packageRoot.appendingPathComponent("Workflows"), to: folder)
    let file = folder.appendingPathComponent("mini-program-release.yaml")
    let yaml = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
      of: "\ntransitions:\n",
      with: """

        transitions:
          annotate:
            title: Annotate the release
            from: selected
            allow: [developer-admin]
            params:
              priority: { type: int, min: 1, max: 5, required: true, title: Priority }
              channel: { type: enum, values: [beta, stable], title: Channel }
            to: selected

        """)
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    let token = try server.token("alice")
    try server.start(["--workflows", folder.path])
    let api = APIClient(baseURL: server.baseURL, token: token)
    let id = try #require(
      try await api.post("/v1/workflows/mini-program-release/instances", json: Self.startJSON).object["id"] as? String)

    let browser = ConsoleClient(baseURL: server.baseURL)
    _ = try await browser.signIn(token)
    let page = try await browser.get("/releases/\(id)")
    #expect(
      page.text.contains("<form method=\"post\" action=\"/releases/\(id)/events/annotate\" id=\"event-annotate\""))
    #expect(
      page.text.contains(
        "<label for=\"event-annotate-priority\">Priority <span class=\"required\">(required)</span></label>"))
    #expect(
      page.text.contains(
        "<input type=\"number\" step=\"1\" id=\"event-annotate-priority\" name=\"priority\" value=\"\" min=\"1\" max=\"5\" required"
      ))
    #expect(page.text.contains("a whole number from 1 to 5"))
    #expect(page.text.contains("<option value=\"beta\">beta</option><option value=\"stable\">stable</option>"))

    let refused = try await browser.post(
      "/releases/\(id)/events/annotate", form: ["csrf": try #require(page.csrf), "priority": "9"])
    #expect(refused.status == 422)
    #expect(
      refused.text.contains(
        "<p class=\"problem\" role=\"alert\" id=\"problem\">priority must be between 1 and 5, not 9</p>"))
    // The refused form keeps what was typed.
    #expect(refused.text.contains("name=\"priority\" value=\"9\""))
    let fired = try await browser.post(
      "/releases/\(id)/events/annotate", form: ["csrf": try #require(page.csrf), "priority": "3", "channel": "beta"])
    #expect(fired.status == 303)
    let history = try await api.get("/v1/instances/\(id)/history").list
    #expect((history.last?["params"] as? [String: Any])?["priority"] as? Int == 3)
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&#39;")
  }
}
