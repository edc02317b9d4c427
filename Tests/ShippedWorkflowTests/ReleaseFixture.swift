import Foundation
import RunwayEngine
import RunwayModel
import RunwaySQLite
import RunwayTestSupport
import RunwayYAML
import Testing

/// A real SQLite store in a temporary folder with the shipped workflows and a directory of
/// actors covering every role, workspace and assignment case.
struct ReleaseFixture {
  let folder: URL
  let store: SQLiteInstanceStore
  var engine: Engine

  static let workflowsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Workflows").path

  /// Who is who: the name says the role, the workspace and the assignment.
  static let directory = Directory(
    records: [
      "apps": ["superpay": ["name": .string("SuperPay")], "walletgo": ["name": .string("WalletGo")]],
      "merchants": ["acme": ["name": .string("Acme Foods")], "globex": ["name": .string("Globex")]],
      "miniPrograms": [
        "shop": [
          "name": .string("Acme Shop"), "merchant": .string("acme"), "versions": .set(["1.0.0", "1.1.0"]),
          "configuration": .map(["entry": .string("pages/index"), "appSecret": .string("hush")]),
        ],
        "menu": ["name": .string("Acme Menu"), "merchant": .string("acme"), "versions": .set(["0.9.0"])],
        "trips": ["name": .string("Globex Trips"), "merchant": .string("globex"), "versions": .set(["2.0.0"])],
      ],
    ],
    actors: [
      "dev-admin": member("acme", "developer-admin"),
      "dev-admin-other-merchant": member("globex", "developer-admin"),
      "dev-assigned": member("acme", "developer", ["shop"]),
      "dev-unassigned": member("acme", "developer", ["menu"]),
      "dev-other-merchant": member("globex", "developer", ["shop", "trips"]),
      "ws-admin": member("superpay", "workspace-admin"),
      "ws-admin-other-app": member("walletgo", "workspace-admin"),
      "ws-dev-assigned": member("superpay", "workspace-developer", ["shop"]),
      "ws-dev-unassigned": member("superpay", "workspace-developer", ["menu"]),
      "ws-dev-other-app": member("walletgo", "workspace-developer", ["shop"]),
      "nobody": Actor(name: "Nobody", email: "nobody@example.com"),
    ])

  static let everyActor = directory.actors.keys.sorted()

  static func member(_ workspace: String, _ role: String, _ assigned: [String] = []) -> Actor {
    Actor(
      name: "\(role) of \(workspace)", email: "\(role)@\(workspace).example",
      memberships: [Membership(workspace: workspace, role: role, assigned: assigned)])
  }

  /// With `cached`, the engine keeps the whole directory (a long-lived process); without,
  /// it reads the records around each instance (a command), as the CLI does.
  init(pilotTestingRequired: Bool = false, cached: Bool = false) async throws {
    folder = try ScratchFolder.make("runway-release")
    store = try SQLiteInstanceStore(path: folder.appendingPathComponent("runway.db").path)
    try await store.importDirectory(Self.directory)
    if pilotTestingRequired {
      try await store.setSetting(
        SettingValue(key: "pilotTestingRequired", scope: "superpay", value: .bool(true)))
    }
    engine =
      cached
      ? try await Engine.open(catalog: try Self.catalog(), store: store)
      : Engine(catalog: try Self.catalog(), store: store)
  }

  static func catalog(folder path: String = workflowsFolder) throws -> WorkflowCatalog {
    let folder = WorkflowLoader.loadFolder(path)
    #expect(folder.diagnostics.isEmpty, "\(folder.diagnostics)")
    return WorkflowCatalog(
      try folder.workflows.map { loaded in
        let compiled = try #require(loaded.compile().workflow)
        return WorkflowCatalog.Entry(
          workflow: compiled, sourcePath: loaded.path, sourceText: loaded.text)
      }, domain: folder.workflows.first?.domain ?? .standard)
  }

  /// Starts shop `version` → superpay in `environment`.
  func start(
    _ workflow: String = "mini-program-release", as actor: String = "dev-admin",
    version: String = "1.0.0", environment: String = "production"
  ) async throws -> Instance {
    try await engine.start(
      workflow, as: actor,
      fields: [
        "miniProgram": .string("shop"), "version": .string(version),
        "targetApp": .string("superpay"), "environment": .string(environment),
      ]
    ).instance
  }

  /// Fires the events (as the actors who may) that take a fresh release to `state`.
  func release(
    in state: String, workflow: String = "mini-program-release", environment: String = "production"
  ) async throws -> Instance {
    let merchant = workflow == "mini-program-release"
    let driver = merchant ? "dev-admin" : "ws-admin"
    var instance = try await start(workflow, as: driver, environment: environment)
    let path: [(String, String, [String: Value])]
    switch state {
    case "selected": path = []
    case "ready": path = [("release", driver, [:])]
    case "under-review": path = [("release", driver, [:]), ("apply", driver, [:])]
    case "rejected":
      path = [
        ("release", driver, [:]), ("apply", driver, [:]),
        ("reject", "ws-admin", ["reason": .string("icons missing")]),
      ]
    case "pilot-testing", "release-preparation":
      path =
        merchant
        ? [("release", driver, [:]), ("apply", driver, [:]), ("approve", "ws-admin", [:])]
        : [("release", driver, [:]), ("apply", driver, [:])]
    case "grayscale":
      path =
        (merchant
          ? [("release", driver, [:]), ("apply", driver, [:]), ("approve", "ws-admin", [:])]
          : [("release", driver, [:]), ("apply", driver, [:])])
        + [("grayscale", driver, ["percent": .int(10)])]
    default: throw FixtureError("no path to \(state)")
    }
    for (event, actor, params) in path {
      instance = try await engine.fire(instance.id, event, as: actor, params: params).instance
    }
    #expect(instance.state == state)
    return instance
  }

  /// The instance and its history as stored, to prove a refusal changed nothing.
  func snapshot(_ id: String) async throws -> (Instance?, [HistoryEntry]) {
    (try await store.instance(id), try await store.history(of: id))
  }
}

struct FixtureError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
