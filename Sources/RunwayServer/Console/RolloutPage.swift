/// "Which version does this user get?" on its own page: the app, environment and mini
/// program typed in, with the releases' values offered.
struct RolloutPage {
  var title = "Which version does this user get?"
  var chrome: PageChrome?
  var problem: String?
  var notice: String?
  var box: RolloutBox
}
