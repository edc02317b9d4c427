/// Every workflow the server loaded, each linking to its page and its releases.
struct WorkflowListPage {
  struct Row: Sendable {
    var name: String
    var title: String
    var description: String?
  }

  var title = "Workflows"
  var chrome: PageChrome?
  var problem: String?
  var notice: String?
  var workflows: [Row]
}
