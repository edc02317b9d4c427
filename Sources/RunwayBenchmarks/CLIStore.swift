import Foundation

/// A SQLite store driven through the `runway` binary, as W2 and W5 use it: acme's mini program
/// `shop` with the given versions, alice (developer admin) and wendy (superpay's reviewer).
struct CLIStore {
  let runway: URL
  let environment: [String: String]

  init(_ name: String, versions: [String], workflows: String, folder: URL) throws {
    runway = try Runner.sibling("runway")
    environment = [
      "RUNWAY_STORE": "sqlite:" + folder.appendingPathComponent("\(name).db").path, "RUNWAY_WORKFLOWS": workflows,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    let directory = folder.appendingPathComponent("\(name)-directory.yaml")
    let versionList = versions.map { "\"\($0)\"" }.joined(separator: ", ")
    try """
    apps: { superpay: { name: SuperPay } }
    merchants: { acme: { name: Acme } }
    miniPrograms: { shop: { name: Shop, merchant: acme, versions: [\(versionList)] } }
    actors:
      alice: { email: alice@acme.example, memberships: [ { workspace: acme, role: developer-admin } ] }
      wendy: { email: wendy@superpay.example, memberships: [ { workspace: superpay, role: workspace-admin } ] }
    """.write(to: directory, atomically: true, encoding: .utf8)
    try run(["directory", "import", directory.path])
  }

  /// Runs `runway` with these arguments; its standard output.
  @discardableResult
  func run(_ arguments: [String], input: URL? = nil) throws -> String {
    try Runner.run(runway, arguments, environment: environment, input: input)
  }

  /// Starts a release of `version` to superpay production and takes it through review; its id.
  func approvedRelease(_ version: String) throws -> String {
    let id = try run([
      "start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop", "--set", "version=\(version)",
      "--set", "targetApp=superpay", "--set", "environment=production",
    ]).trimmingCharacters(in: .whitespacesAndNewlines)
    for (event, actor) in [("release", "alice"), ("apply", "alice"), ("approve", "wendy")] {
      try run(["fire", id, event, "--as", actor])
    }
    return id
  }
}
