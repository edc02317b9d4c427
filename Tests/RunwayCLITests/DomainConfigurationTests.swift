import Foundation
import Testing

/// The domain is configuration (docs/domain.md): a platform team adds an attribute to a kind
/// in domain.yaml and the directory file, and a guard that reads it, editing YAML only; the
/// real binary validates, imports and moves releases by it. Undeclared attributes and
/// wrongly typed records are refused with their place, and change nothing.
@Suite("Domain configuration")
struct DomainConfigurationTests {
  /// A copy of the shipped workflow folder the test may edit, used by `runway`.
  struct EditableFolder {
    let runway: RunwayProcess
    let folder: URL

    init() throws {
      var runway = try RunwayProcess()
      folder = runway.folder.appendingPathComponent("Workflows")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let shipped = URL(fileURLWithPath: runway.path("Workflows"))
      for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where name.hasSuffix(".yaml") {
        try FileManager.default.copyItem(
          at: shipped.appendingPathComponent(name), to: folder.appendingPathComponent(name))
      }
      runway.environment["RUNWAY_WORKFLOWS"] = folder.path
      self.runway = runway
    }

    /// Replaces `old` (which must occur once) with `new` in a file of the folder.
    func edit(_ name: String, replacing old: String, with new: String) throws {
      let url = folder.appendingPathComponent(name)
      let text = try String(contentsOf: url, encoding: .utf8)
      try #require(text.components(separatedBy: old).count == 2, "\(name) must contain \(old) once")
      try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    func text(_ name: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
  }

  static let declaredAttribute = "      configuration: { type: map"
  static let guardBefore = "- { state: pilot-testing, when: settings.pilotTestingRequired }"
  static let guardAfter =
    "- { state: pilot-testing, when: \"settings.pilotTestingRequired || miniProgram.category == 'games'\" }"

  /// The example directory with a category on each mini program.
  static func categorisedDirectory(_ runway: RunwayProcess) throws -> String {
    var text = try String(contentsOfFile: runway.path("examples/directory.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "    name: Acme Shop\n", with: "    name: Acme Shop\n    category: games\n")
    text = text.replacingOccurrences(of: "    name: Acme Menu\n", with: "    name: Acme Menu\n    category: food\n")
    return try runway.write("directory.yaml", text)
  }

  /// Releases `program` up to the super app's approval and returns the state it lands in.
  static func approve(_ program: String, _ runway: RunwayProcess) throws -> String {
    let id = try runway.ok(
      "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=\(program)", "--set",
      "version=\(program == "shop" ? "1.0.0" : "0.9.0")", "--set", "targetApp=superpay", "--set",
      "environment=production")
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    try runway.ok("fire", id, "approve", "--as", "wendy")
    return try runway.show(id)["state"] as? String ?? ""
  }

  @Test func anAttributeAddedInYAMLDrivesAGuard() throws {
    let folder = try EditableFolder()
    let runway = folder.runway
    try folder.edit(
      "domain.yaml", replacing: Self.declaredAttribute,
      with: "      category: { type: string }\n" + Self.declaredAttribute)
    try folder.edit("mini-program-release.yaml", replacing: Self.guardBefore, with: Self.guardAfter)

    let validation = try runway.run("validate", folder.folder.path)
    #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
    try runway.ok("directory", "import", try Self.categorisedDirectory(runway))
    let exported = try #require(try runway.run("directory", "export", "--json").json() as? [String: Any])
    let programs = try #require(exported["miniPrograms"] as? [String: [String: Any]])
    #expect(programs["shop"]?["category"] as? String == "games")

    // Pilot testing is not required for superpay: only the category sends shop through it.
    #expect(try Self.approve("shop", runway) == "pilot-testing")
    #expect(try Self.approve("menu", runway) == "release-preparation")
  }

  @Test func anUndeclaredAttributeInAnExpressionIsAValidationErrorAtItsPlace() throws {
    let folder = try EditableFolder()
    let runway = folder.runway
    try folder.edit("mini-program-release.yaml", replacing: Self.guardBefore, with: Self.guardAfter)
    let text = try folder.text("mini-program-release.yaml")
    let lines = text.components(separatedBy: "\n")
    let line = try #require(lines.firstIndex { $0.contains("miniProgram.category") }) + 1
    let column = try #require(lines[line - 1].range(of: "category ==")).lowerBound.utf16Offset(in: lines[line - 1]) + 1

    let result = try runway.run("validate", folder.folder.path)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "mini-program-release.yaml:\(line):\(column): error: a mini program has no attribute \"category\""),
      "\(result.stdout)")

    // A typo of a declared attribute gets a did-you-mean.
    try folder.edit(
      "domain.yaml", replacing: Self.declaredAttribute,
      with: "      category: { type: string }\n" + Self.declaredAttribute)
    try folder.edit("mini-program-release.yaml", replacing: "miniProgram.category", with: "miniProgram.categroy")
    let typo = try runway.run("validate", folder.folder.path)
    #expect(typo.status == 1)
    #expect(typo.stdout.contains("(did you mean \"category\"?)"), "\(typo.stdout)")

    // Commands skip the invalid workflow: it cannot start releases.
    let start = try runway.run(
      "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set", "version=1.0.0",
      "--set", "targetApp=superpay", "--set", "environment=production")
    #expect(start.status != 0)
  }

  @Test func aRecordWithAWronglyTypedAttributeIsRefusedAtItsLineAndChangesNothing() throws {
    let folder = try EditableFolder()
    let runway = folder.runway
    try folder.edit(
      "domain.yaml", replacing: Self.declaredAttribute,
      with: "      rating: { type: int }\n" + Self.declaredAttribute)
    try runway.importExampleDirectory()
    let before = try runway.ok("directory", "export")
    let auditBefore = try runway.ok("audit")
    let file = try runway.write(
      "ratings.yaml",
      """
      miniPrograms:
        shop:
          name: Acme Shop
          merchant: acme
          rating: five

      """)
    let result = try runway.run("directory", "import", file)
    #expect(result.status == 3)
    #expect(result.stderr.contains("ratings.yaml:5:13:"), "\(result.stderr)")
    #expect(result.stderr.contains("\"rating\" must be an integer"), "\(result.stderr)")
    #expect(try runway.ok("directory", "export") == before)
    #expect(try runway.ok("audit") == auditBefore)

    // The same attribute, undeclared in the shipped domain, is refused by name.
    let shipped = try RunwayProcess()
    try shipped.importExampleDirectory()
    let undeclared = try shipped.run("directory", "import", file)
    #expect(undeclared.status == 3)
    #expect(undeclared.stderr.contains("ratings.yaml:5:5:"), "\(undeclared.stderr)")
    #expect(undeclared.stderr.contains("a mini program has no attribute \"rating\""), "\(undeclared.stderr)")
  }

  @Test func anInvalidDomainFileRefusesCommandsWithItsPlace() throws {
    let folder = try EditableFolder()
    let runway = folder.runway
    try folder.edit("domain.yaml", replacing: "entity: merchants", with: "entity: merchant")
    let validation = try runway.run("validate", folder.folder.path)
    #expect(validation.status == 1)
    #expect(validation.stdout.contains("domain.yaml:"), "\(validation.stdout)")
    #expect(validation.stdout.contains("(did you mean \"merchants\"?)"), "\(validation.stdout)")
    let list = try runway.run("list")
    #expect(list.status == 3)
    #expect(list.stderr.contains("domain.yaml:"), "\(list.stderr)")
  }

  @Test func aFolderWithoutADomainFileKeepsTheStandardKinds() throws {
    let folder = try EditableFolder()
    let runway = folder.runway
    try FileManager.default.removeItem(at: folder.folder.appendingPathComponent("domain.yaml"))
    #expect(try runway.run("validate", folder.folder.path).status == 0)
    try runway.importExampleDirectory()
    #expect(try Self.approve("shop", runway) == "release-preparation")
  }

  @Test func buildPackageFindsTheProgramAndVersionThroughTheRolloutDeclaration() throws {
    let folder = try EditableFolder()
    let runway = folder.runway
    // Rename the fields everywhere in the workflow: nothing in Swift knows the new names.
    let url = folder.folder.appendingPathComponent("mini-program-release.yaml")
    var text = try String(contentsOf: url, encoding: .utf8)
    text = text.replacingOccurrences(of: #"miniProgram(?!s)"#, with: "product", options: .regularExpression)
    text = text.replacingOccurrences(of: #"\bversion\b(?!s)"#, with: "build", options: .regularExpression)
    text = text.replacingOccurrences(of: "\n  build: build", with: "\n  version: build")  // rollout's key stays
    #expect(!text.contains("miniProgram:") && text.contains("rollout:"))
    try text.write(to: url, atomically: true, encoding: .utf8)
    let validation = try runway.run("validate", url.path)
    #expect(validation.status == 0, "\(validation.stdout)")
    try runway.importExampleDirectory()
    let id = try runway.ok(
      "start", "mini-program-release", "--as", "alice", "--set", "product=shop", "--set", "build=1.1.0", "--set",
      "targetApp=superpay", "--set", "environment=production")
    try runway.ok("fire", id, "release", "--as", "alice")
    let shown = try runway.show(id)
    #expect(shown["state"] as? String == "ready", "\(shown)")
    let fields = try #require(shown["fields"] as? [String: Any])
    #expect((fields["packageDigest"] as? String)?.hasPrefix("sha256:") == true)
  }
}
