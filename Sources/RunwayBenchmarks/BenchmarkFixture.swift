import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML

/// The shipped workflows and a directory big enough for thousands of releases.
enum BenchmarkFixture {
  static func catalog(_ folder: String) throws -> WorkflowCatalog {
    let (loaded, diagnostics) = WorkflowLoader.loadFolder(folder)
    guard diagnostics.isEmpty, !loaded.isEmpty else {
      throw BenchmarkError("cannot load the workflows in \(folder): \(diagnostics)")
    }
    return WorkflowCatalog(
      try loaded.map { file in
        guard let compiled = file.compile().workflow else {
          throw BenchmarkError("\(file.path) does not validate")
        }
        return WorkflowCatalog.Entry(workflow: compiled, sourcePath: file.path, sourceText: file.text)
      }, domain: loaded.first?.domain ?? .standard)
  }

  /// `programs` mini programs of merchant acme, each with 10 versions; alice drives, wendy reviews.
  static func directory(programs: Int) -> Directory {
    var directory = Directory(
      records: [
        "apps": ["superpay": ["name": .string("SuperPay")]], "merchants": ["acme": ["name": .string("Acme")]],
      ],
      actors: [
        "alice": Actor(
          name: "Alice", email: "alice@acme.example",
          memberships: [Membership(workspace: "acme", role: "developer-admin")]),
        "wendy": Actor(
          name: "Wendy", email: "wendy@superpay.example",
          memberships: [Membership(workspace: "superpay", role: "workspace-admin")]),
      ])
    for index in 0..<programs {
      directory.insert(
        "miniPrograms", "p\(index)",
        [
          "name": .string("Program \(index)"), "merchant": .string("acme"),
          "versions": .set(Set((0..<10).map { "1.\($0).0" })), "configuration": .map(["entry": .string("pages/index")]),
        ])
    }
    return directory
  }

  static let pilotRequired = [SettingValue(key: "pilotTestingRequired", scope: nil, value: .bool(true))]

  /// The fields of release `index`: program index / 10, version index % 10.
  static func fields(_ index: Int) -> [String: Value] {
    [
      "miniProgram": .string("p\(index / 10)"), "version": .string("1.\(index % 10).0"),
      "targetApp": .string("superpay"), "environment": .string("production"),
    ]
  }

  /// The nine transitions of the shipped happy path after the start (the build is automatic).
  static let happyPath: [(String, String, [String: Value])] = [
    ("release", "alice", [:]), ("apply", "alice", [:]), ("approve", "wendy", [:]),
    ("add-testers", "alice", ["testers": .set(["u-1", "u-2", "u-3"])]), ("complete-testing", "alice", [:]),
    ("grayscale", "alice", ["percent": .int(10)]), ("grayscale", "alice", ["percent": .int(50)]),
    ("grayscale", "alice", ["percent": .int(100)]),
  ]
  /// Committed transitions per release: the path above plus the build's `success`.
  static let transitionsPerRelease = 9
}

struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
