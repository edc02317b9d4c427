import Foundation
import RunwayModel
import RunwayTestSupport
import RunwayYAML
import Testing

/// domain.yaml (docs/domain.md): the shipped file declares today's kinds, a folder without
/// one gets them too, and every problem in the file is reported at its place.
@Suite("Domain file")
struct DomainLoaderTests {
  static let workflows = FixtureTests.folder.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Workflows").path

  /// The kinds without source locations, for comparing a file with the built-in default.
  static func shape(_ domain: Domain) -> [String] {
    domain.kinds.map { kind in
      let attributes = kind.attributes.map { "\($0.name):\($0.type)\($0.required ? "!" : "")" }
      return "\(kind.name)/\(kind.noun)/\(kind.plural)/\(kind.isWorkspace) " + attributes.joined(separator: " ")
    }
  }

  @Test func theShippedFileDeclaresTheStandardKinds() throws {
    let (domain, diagnostics) = DomainLoader.load(folder: Self.workflows)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(Self.shape(domain) == Self.shape(.standard))
    #expect(domain.kind("miniPrograms")?.location?.file.hasSuffix("Workflows/domain.yaml") == true)
  }

  @Test func aFolderWithoutTheFileGetsTheStandardKinds() throws {
    let folder = try ScratchFolder.make("runway-domain")
    let (domain, diagnostics) = DomainLoader.load(folder: folder.path)
    #expect(diagnostics.isEmpty)
    #expect(domain == .standard)
  }

  @Test func theFolderLoaderDoesNotTakeItForAWorkflow() {
    let (paths, _) = WorkflowLoader.files(in: Self.workflows)
    #expect(!paths.isEmpty)
    #expect(!paths.contains { $0.hasSuffix("domain.yaml") })
    let folder = WorkflowLoader.loadFolder(Self.workflows)
    #expect(folder.diagnostics.isEmpty, "\(folder.diagnostics)")
    #expect(folder.workflows.allSatisfy { $0.domain.kind("miniPrograms") != nil })
  }

  @Test func declaredKindsAndAttributesAreRead() throws {
    let domain = try DomainLoader.parse(
      """
      kinds:
        teams:
          noun: team
          workspace: true
          attributes:
            name: { type: string, required: true }
        sites:
          noun: site
          plural: sites
          attributes:
            team: { type: ref, entity: teams, required: true }
            tier: { type: enum, values: [gold, silver] }
            owner: { type: ref, entity: actors }
            regions: { type: set }
            weight: { type: int }
            live: { type: bool }
      """, file: "domain.yaml")
    #expect(domain.kinds.map(\.name) == ["teams", "sites"])
    #expect(domain.kindNames == ["teams", "sites", "actors"])
    #expect(domain.workspaceKinds.map(\.name) == ["teams"])
    let sites = try #require(domain.kind("sites"))
    #expect(sites.navigable["team"] == .ref("teams"))
    #expect(sites.navigable["tier"] == .enumeration(["gold", "silver"]))
    #expect(sites.navigable["id"] == .ref("sites"))
    #expect(sites.attribute("team")?.required == true)
    #expect(sites.attribute("weight")?.location == SourceLocation(file: "domain.yaml", line: 15, column: 7))
    #expect(domain.kind("actors")?.navigable["email"] == .string)
  }

  static let refusals: [(String, String)] = [
    (
      "kinds:\n  apps: { noun: app, workspce: true }\n",
      "2:22: unknown key \"workspce\" in kind \"apps\" (did you mean \"workspace\"?)"
    ),
    ("kinds:\n  actors: { noun: actor }\n", "2:3: actors are built in"),
    (
      "kinds:\n  sites:\n    noun: site\n    attributes:\n      team: { type: ref, entity: temas }\n",
      "5:34: entity must be one of sites, actors, not \"temas\""
    ),
    (
      "kinds:\n  sites:\n    noun: site\n    attributes:\n      id: { type: string }\n",
      "5:7: \"id\" is every record's key"
    ),
    ("kinds:\n  sites:\n    noun: site\n    attributes:\n      size: { type: integer }\n", "5:21: type must be one of"),
    ("kinds:\n  sites: { workspace: true }\n", "2:3: \"noun\" is required in kind \"sites\""),
    ("kind:\n  sites: { noun: site }\n", "1:1: unknown key \"kind\" in the domain (did you mean \"kinds\"?)"),
  ]

  @Test(arguments: refusals)
  func problemsAreReportedAtTheirPlace(_ text: String, _ expected: String) {
    #expect {
      try DomainLoader.parse(text, file: "domain.yaml")
    } throws: { error in
      let messages = (error as? DiagnosticError)?.diagnostics.map {
        "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)"
      }
      return messages?.contains { $0.hasPrefix(expected) } == true
    }
  }

  @Test func aRefToAnUndeclaredKindIsReportedAtTheEntity() throws {
    let domain = try DomainLoader.parse("kinds:\n  sites: { noun: site }\n", file: "domain.yaml")
    let text = """
      workflow: w
      fields:
        site: { type: ref, entity: site }
      initial: a
      states:
        a: { terminal: true }

      """
    #expect {
      try WorkflowLoader.parse(text, file: "w.yaml", domain: domain)
    } throws: { error in
      let diagnostic = (error as? DiagnosticError)?.diagnostics.first
      return diagnostic?.location?.line == 3 && diagnostic?.location?.column == 30
        && diagnostic?.message == "entity must be one of sites, actors, not \"site\" (did you mean \"sites\"?)"
    }
    // A definition read back from a store meets the domain in the validator.
    let loaded = try WorkflowLoader.parse(
      text.replacingOccurrences(of: "entity: site", with: "entity: sites"), file: "w.yaml", domain: domain)
    let diagnostics = WorkflowCompiler.compile(loaded.workflow, domain: .standard).diagnostics
    #expect(
      diagnostics.contains {
        $0.message.contains("field \"site\" refers to \"sites\", which the domain does not declare")
          && $0.location?.line == 3
      })
  }

  @Test func expressionsNavigateOnlyDeclaredAttributes() throws {
    let domain = try DomainLoader.parse(
      "kinds:\n  sites:\n    noun: site\n    attributes:\n      tier: { type: enum, values: [gold, silver] }\n",
      file: "domain.yaml")
    let text = """
      workflow: w
      fields:
        site: { type: ref, entity: sites }
        n: { type: int, check: "site.teir == 'gold'" }
      initial: a
      states:
        a: { terminal: true }

      """
    let loaded = try WorkflowLoader.parse(text, file: "w.yaml", domain: domain)
    let diagnostics = loaded.compile().diagnostics
    let problem = try #require(diagnostics.first { $0.severity == .error })
    #expect(problem.message == "a site has no attribute \"teir\" (did you mean \"tier\"?); it has id, tier")
    #expect(problem.location == SourceLocation(file: "w.yaml", line: 4, column: 32))
    // The attribute's enum values are checked like a field's.
    let typo = try WorkflowLoader.parse(
      text.replacingOccurrences(of: "site.teir == 'gold'", with: "site.tier == 'gol'"), file: "w.yaml", domain: domain)
    #expect(typo.compile().diagnostics.contains { $0.message.hasPrefix("\"gol\" is not one of gold, silver") })
  }
}
