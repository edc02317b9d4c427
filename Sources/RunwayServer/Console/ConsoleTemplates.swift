import Mustache

/// The console's Mustache templates, embedded in the binary (Console/Assets/*.mustache; one
/// page or piece a file). Values are HTML-escaped by Mustache; no template writes raw text.
enum ConsoleTemplates {
  static let sources: [String: [UInt8]] = [
    "layout": PackageResources.layout_mustache, "problem": PackageResources.problem_mustache,
    "signin": PackageResources.signin_mustache, "releases": PackageResources.releases_mustache,
    "release": PackageResources.release_mustache, "start": PackageResources.start_mustache,
    "workflows": PackageResources.workflows_mustache, "workflow": PackageResources.workflow_mustache,
    "rollout": PackageResources.rollout_mustache, "input": PackageResources.input_mustache,
    "eventform": PackageResources.eventform_mustache, "decision": PackageResources.decision_mustache,
  ]

  /// The templates, parsed once; a template that does not parse is named in `problems`.
  static let library: (library: MustacheLibrary, problems: [String]) = {
    var library = MustacheLibrary()
    var problems: [String] = []
    for (name, bytes) in sources.sorted(by: { $0.key < $1.key }) {
      do { try library.register(String(decoding: bytes, as: UTF8.self), named: name) } catch {
        problems.append("the console template \(name) does not parse: \(error)")
      }
    }
    return (library, problems)
  }()

  /// `page` rendered by template `name`.
  static func render(_ page: Any, _ name: String) -> String {
    if let problem = library.problems.first { return problem }
    return library.library.render(page, withTemplate: name) ?? "no console template \(name)"
  }
}
