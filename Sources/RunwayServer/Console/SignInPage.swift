/// The sign-in form: an API token (`runway tokens create`) becomes a session. The form
/// carries its own CSRF value, matched against a short-lived cookie (docs/console.md, "Sessions").
struct SignInPage {
  var title = "Sign in"
  var chrome: PageChrome? = nil
  var problem: String?
  var notice: String?
  var csrf: String
  var next: String
}
