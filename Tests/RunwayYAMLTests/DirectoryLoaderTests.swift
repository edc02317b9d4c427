import Foundation
import RunwayModel
import RunwayYAML
import Testing

/// A directory file checked against the domain: every record's attributes by their declared
/// types, references to records of the file or already stored, with line and column.
@Suite("Directory file")
struct DirectoryLoaderTests {
  static let example = FixtureTests.folder.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples/directory.yaml").path

  @Test func theExampleImportsUnchanged() throws {
    let directory = try DirectoryLoader.load(path: Self.example)
    #expect(directory.count(of: "apps") == 2 && directory.count(of: "merchants") == 2)
    #expect(directory.count(of: "miniPrograms") == 3 && directory.actors.count == 8)
    let shop = try #require(directory.record("miniPrograms", "shop"))
    #expect(shop["merchant"] == .string("acme"))
    #expect(shop["versions"] == .set(["1.0.0", "1.1.0", "1.2.0"]))
    #expect(shop["configuration"]?.mapValue?["theme"] == .string("light"))
    #expect(directory.attribute("name", of: "apps", "superpay") == .string("SuperPay"))
    #expect(directory.actors["bob"]?.memberships.first?.assigned == ["shop"])
    #expect(directory.referencedIDs.contains("acme"))
  }

  static let refusals: [(String, String)] = [
    ("miniPrograms:\n  shop: { name: S, merchant: acme, versions: \"1.0\" }\n", "2:46: \"versions\" must be a list"),
    (
      "miniPrograms:\n  shop: { name: S, merchant: acme, configuration: [a] }\n",
      "2:51: \"configuration\" must be a mapping"
    ),
    (
      "miniPrograms:\n  shop: { name: S, merchant: acme, icon: i.png }\n",
      "2:36: a mini program has no attribute \"icon\""
    ),
    (
      "miniPrograms:\n  shop: { name: S, merchnt: acme }\n",
      "2:20: a mini program has no attribute \"merchnt\" (did you mean \"merchant\"?)"
    ),
    ("miniPrograms:\n  shop: { name: S }\n", "2:3: mini program \"shop\" needs a merchant"),
    (
      "miniPrograms:\n  shop: { name: S, merchant: acne }\n",
      "2:30: mini program \"shop\" refers to merchant \"acne\" in \"merchant\", which is neither in this file nor stored (did you mean \"acme\"?)"
    ),
    (
      "actors:\n  a: { memberships: [{ workspace: shop, role: r }] }\n",
      "2:35: workspace \"shop\" is neither an app nor a merchant"
    ),
    (
      "actors:\n  a: { memberships: [{ workspace: acme, role: r, assigned: [acme] }] }\n",
      "2:61: \"acme\" is not a mini program"
    ),
    ("apps:\n  x: { name: X }\nteams: {}\n", "3:1: unknown key \"teams\" in the directory"),
  ]

  @Test(arguments: refusals)
  func aWrongRecordIsRefusedAtItsPlace(_ text: String, _ expected: String) {
    let existing = Directory(records: ["merchants": ["acme": ["name": .string("Acme")]]])
    #expect {
      try DirectoryLoader.parse(text, file: "d.yaml", existing: existing)
    } throws: { error in
      let messages = (error as? DiagnosticError)?.diagnostics.map {
        "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)"
      }
      return messages?.contains { $0.hasPrefix(expected) } == true
    }
  }

  @Test func declaredTypesAreChecked() throws {
    let domain = Domain(kinds: [
      EntityKind(name: "teams", noun: "team", isWorkspace: true),
      EntityKind(
        name: "sites", noun: "site",
        attributes: [
          .init("team", .ref("teams"), required: true), .init("tier", .enumeration(["gold", "silver"])),
          .init("weight", .int), .init("live", .bool),
        ]),
    ])
    let good = try DirectoryLoader.parse(
      "teams:\n  t1: {}\nsites:\n  s1: { team: t1, tier: gold, weight: 3, live: true }\n", file: "d.yaml",
      domain: domain)
    #expect(
      good.record("sites", "s1") == [
        "team": .string("t1"), "tier": .string("gold"), "weight": .int(3), "live": .bool(true),
      ])
    for (text, expected) in [
      ("sites:\n  s1: { team: t1, tier: bronze }\n", "2:25: \"tier\" must be one of gold, silver"),
      ("sites:\n  s1: { team: t1, weight: heavy }\n", "2:27: \"weight\" must be an integer"),
      ("sites:\n  s1: { team: t1, live: yes }\n", "2:25: \"live\" must be true or false"),
      ("sites:\n  s1: { team: t2 }\n", "2:15: site \"s1\" refers to team \"t2\""),
    ] {
      #expect {
        try DirectoryLoader.parse("teams:\n  t1: {}\n" + text, file: "d.yaml", domain: domain)
      } throws: { error in
        (error as? DiagnosticError)?.diagnostics.contains {
          "\(($0.location?.line ?? 0) - 2):\($0.location?.column ?? 0): \($0.message)".hasPrefix(expected)
        } == true
      }
    }
  }

  @Test func anExportReadsBackAsTheSameDirectory() throws {
    let directory = try DirectoryLoader.load(path: Self.example)
    let again = try DirectoryLoader.parse(DirectoryExporter.yaml(directory), file: "export.yaml")
    #expect(again == directory)
  }

  /// Text that YAML would read as something else, or not at all, is written so that it reads
  /// back as the same text.
  @Test(arguments: [
    "yes", "No", "null", "~", "010", "1.5", "1e3", "true", "", " padded", "trailing ", "a: b", "# not a comment",
    "\"quoted\"", "back\\slash", "- dash", "[list]", "{map}", "ünïcode ok", "colon:inside", "@handle",
    "100%", "&anchor", "*alias", "!tag", "|literal", ">folded", "'single'",
  ])
  func trickyTextReadsBack(_ text: String) throws {
    var directory = Directory()
    directory.insert(
      "miniPrograms", "p-\(abs(text.hashValue))",
      ["name": .string(text.isEmpty ? "x" : text), "merchant": .string("m"), "versions": .set([text])])
    directory.insert("merchants", "m", ["name": .string(text.isEmpty ? "x" : text)])
    directory.actors["a"] = Actor(name: text, email: "a@x.example", memberships: [])
    let exported = DirectoryExporter.yaml(directory)
    let again = try DirectoryLoader.parse(exported, file: "export.yaml")
    #expect(again == directory, "\(exported)")
  }
}
