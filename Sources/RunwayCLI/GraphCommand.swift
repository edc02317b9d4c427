import ArgumentParser
import Foundation
import RunwayModel
import RunwayYAML

/// `runway graph WORKFLOW|FILE`: draw a workflow as Mermaid or DOT.
struct GraphCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Draw a workflow's states and transitions (Mermaid or Graphviz DOT).",
    discussion: """
      Arrows are labelled with the event and the roles that may fire it; terminal states are \
      bold (Mermaid) or double-bordered (DOT), optional steps dashed.
        runway graph mini-program-release > release.mmd
        runway graph Workflows/super-app-release.yaml --format dot | dot -Tsvg > super-app.svg
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case mermaid, dot
  }

  @Argument(help: "A workflow name (from --workflows) or a workflow file.")
  var workflow: String

  @Option(help: "mermaid or dot.")
  var format: Format = .mermaid

  @Option(help: "The folder of workflow files (default Workflows). Env: RUNWAY_WORKFLOWS.")
  var workflows: String = EnvironmentVariable.value("RUNWAY_WORKFLOWS") ?? "Workflows"

  func run() async throws {
    try await perform(json: false) {
      let loaded = try load()
      let graph = WorkflowGraph(loaded.workflow)
      Console.out(format == .mermaid ? graph.mermaid : graph.dot)
    }
  }

  private func load() throws(CommandFailure) -> LoadedWorkflow {
    if FileManager.default.fileExists(atPath: workflow) {
      do { return try WorkflowLoader.loadInItsFolder(path: workflow) } catch {
        throw CommandFailure(.invalidInput, error.description)
      }
    }
    let folder = WorkflowLoader.loadFolder(workflows)
    if let match = folder.workflows.first(where: { $0.workflow.name == workflow }) { return match }
    throw CommandFailure(
      .notFound,
      "no workflow or file \"\(workflow)\" in \(workflows)"
        + Suggestion.hint(for: workflow, among: folder.workflows.map(\.workflow.name)))
  }
}
