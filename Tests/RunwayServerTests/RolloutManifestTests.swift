import Foundation
import RunwayTestSupport
import Testing

/// The rollout manifest (docs/rollout.md, "The rollout manifest") against a real `runway
/// serve`: a client resolving locally by the documented Python gets `resolve`'s answers, and
/// the manifest's ETag and 304 behave.
@Suite("Rollout manifest", .serialized)
struct RolloutManifestTests {
  static let manifestPath = "/v1/rollout/manifest?app=superpay&env=production"

  /// The Python code blocks of docs/rollout.md, in order: the bucketing reference and the
  /// local resolution; the test runs exactly what the page shows.
  static func documentedPython() throws -> String {
    let page = try String(
      contentsOf: BuiltRunway.packageRoot.appendingPathComponent("docs/rollout.md"), encoding: .utf8)
    var blocks: [String] = []
    var current: [Substring]?
    for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```python" {
        current = []
      } else if current != nil, line == "```" {
        blocks.append(current!.joined(separator: "\n"))
        current = nil
      } else {
        current?.append(line)
      }
    }
    try #require(blocks.count == 2, "docs/rollout.md has the bucketing and the local resolution in Python")
    return blocks.joined(separator: "\n\n\n")
  }

  /// A started server whose store holds the rollout fixture: alice's client, wendy's token, the
  /// fixture, and a client with a resolve-only token (the super app's servers).
  static func servedRollout() async throws -> (
    server: ServerProcess, api: APIClient, wendy: String, fixture: RolloutFixture, resolver: APIClient
  ) {
    let server = try ServerProcess(pilot: true)
    let alice = try server.token("alice")
    let wendy = try server.token("wendy")
    let backend = try server.token("alice", scopes: ["resolve"])
    try server.start()
    let api = APIClient(baseURL: server.baseURL, token: alice)
    let fixture = try await RolloutFixture.make(alice: api, wendy: api.with(token: wendy))
    return (server, api, wendy, fixture, api.with(token: backend))
  }

  @Test func documentedPythonHasBothFunctions() throws {
    let code = try Self.documentedPython()
    #expect(code.contains("def in_slice(release_id: str, user_id: str, percent: int) -> bool:"))
    #expect(code.contains("def resolve_locally(manifest: dict, mini_program: str, user_id: str) -> dict:"))
  }

  @Test func hundredThousandUsersResolveTheSameThroughTheAPIAndFromTheManifest() async throws {
    let (server, _, _, fixture, resolver) = try await Self.servedRollout()

    let manifestAnswer = try await resolver.get(Self.manifestPath)
    #expect(manifestAnswer.status == 200, "\(manifestAnswer.text)")
    let manifest = manifestAnswer.object
    let programs = try #require(manifest["programs"] as? [String: Any])
    #expect(Set(programs.keys) == ["shop", "menu"], "no other program is served on production")
    let shop = try #require(programs["shop"] as? [String: Any])
    #expect((shop["released"] as? [String: Any])?["release"] as? String == fixture.released)
    #expect((shop["grayscale"] as? [[String: Any]])?.first?["percent"] as? Int == 30)
    let pilot = try #require((shop["pilot"] as? [[String: Any]])?.first)
    #expect(pilot["release"] as? String == fixture.pilot)
    let hashes = try #require(pilot["testers"] as? [String])
    #expect(hashes.count == RolloutFixture.testers.count)
    #expect(!manifestAnswer.text.contains("u-497"), "tester ids are published only as hashes")

    // The users: plain ids, the testers among them, a few beyond ASCII.
    var users = (0..<100_000).map { "u-\($0)" }
    users.replaceSubrange(0..<3, with: ["用户-42", "ユーザー", "user with spaces"])

    // Through the API's batch resolve, 10,000 at a time.
    var fromAPI: [String: [String?]] = [:]
    for start in stride(from: 0, to: users.count, by: 10_000) {
      let batch = Array(users[start..<min(start + 10_000, users.count)])
      let body = try JSONSerialization.data(withJSONObject: [
        "app": "superpay", "env": "production", "miniProgram": "shop", "users": batch,
      ])
      let answer = try await resolver.post("/v1/resolve", json: String(decoding: body, as: UTF8.self))
      try #require(answer.status == 200, "\(answer.text.prefix(300))")
      for entry in answer.list {
        let user = try #require(entry["user"] as? String)
        fromAPI[user] = [entry["version"] as? String, entry["reason"] as? String, entry["release"] as? String]
      }
    }
    #expect(fromAPI.count == users.count)

    // From the manifest, by the Python on docs/rollout.md.
    let folder = server.folder
    try manifestAnswer.text.write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
    try users.joined(separator: "\n").appending("\n").write(
      to: folder.appendingPathComponent("users.txt"), atomically: true, encoding: .utf8)
    let script =
      try Self.documentedPython() + """


        import json, sys
        manifest = json.load(open(sys.argv[1], encoding="utf-8"))
        out = []
        for line in open(sys.argv[2], encoding="utf-8"):
            user = line.rstrip("\\n")
            answer = resolve_locally(manifest, "shop", user)
            out.append(json.dumps([user, answer["version"], answer["reason"], answer["release"]], ensure_ascii=False))
        sys.stdout.write("\\n".join(out) + "\\n")
        """
    try script.write(to: folder.appendingPathComponent("local.py"), atomically: true, encoding: .utf8)
    let python = try BuiltRunway.run(
      URL(fileURLWithPath: "/usr/bin/env"), ["python3", "local.py", "manifest.json", "users.txt"],
      environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"], in: folder)
    try #require(python.status == 0, "python3: \(python.stderr)")
    var local: [String: [String?]] = [:]
    for line in python.stdout.split(separator: "\n") {
      let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
      let user = try #require(row.first as? String)
      local[user] = row.dropFirst().map { $0 as? String }
    }
    #expect(local.count == users.count)

    let differing = users.filter { fromAPI[$0] != local[$0] }
    #expect(
      differing.isEmpty,
      "\(differing.count) users differ, e.g. \(differing.prefix(3).map { ($0, fromAPI[$0] ?? [], local[$0] ?? []) })")
    // Every reason is exercised, in plausible shares.
    var reasons: [String: Int] = [:]
    for answer in fromAPI.values { reasons[answer[1] ?? "", default: 0] += 1 }
    #expect((reasons["pilot"] ?? 0) == RolloutFixture.testers.filter { users.contains($0) }.count)
    #expect((25_000...35_000).contains(reasons["grayscale"] ?? 0), "\(reasons)")
    #expect((reasons["released"] ?? 0) > 60_000, "\(reasons)")
    #expect(server.stop() == 0)
  }

  @Test func etagIsStableAnsweredWith304AndMovesWithTheRollout() async throws {
    let (server, api, wendy, fixture, resolver) = try await Self.servedRollout()

    let first = try await resolver.get(Self.manifestPath)
    let tag = try #require(first.headers.first(name: "ETag"))
    #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count == 66)
    #expect(first.headers.first(name: "Cache-Control") == "no-cache")
    let again = try await resolver.get(Self.manifestPath)
    #expect(again.headers.first(name: "ETag") == tag)
    #expect(again.text == first.text)

    // If-None-Match with the tag, weak or in a list, or *: 304 with no body.
    for header in [tag, "W/\(tag)", "\"other\", \(tag)", "*"] {
      let cached = try await resolver.send("GET", Self.manifestPath, headers: ["If-None-Match": header])
      #expect(cached.status == 304, "If-None-Match: \(header)")
      #expect(cached.text.isEmpty)
      #expect(cached.headers.first(name: "ETag") == tag)
    }
    let other = try await resolver.send("GET", Self.manifestPath, headers: ["If-None-Match": "\"other\""])
    #expect(other.status == 200)
    #expect(other.text == first.text)

    // A transition that changes no answer (a new release still selected) moves the store's
    // revision but not the content: the same tag, still 304.
    _ = try await RolloutFixture.approved("menu", "0.9.0", env: "test", alice: api, wendy: api.with(token: wendy))
    let unrelated = try await resolver.send("GET", Self.manifestPath, headers: ["If-None-Match": tag])
    #expect(unrelated.status == 304)

    // Raising the grayscale changes the rollout: a new tag and the new percentage.
    try await RolloutFixture.fire(api, fixture.grayscale, "grayscale", #"{"percent":60}"#)
    let moved = try await resolver.send("GET", Self.manifestPath, headers: ["If-None-Match": tag])
    #expect(moved.status == 200)
    let newTag = try #require(moved.headers.first(name: "ETag"))
    #expect(newTag != tag)
    let shop = (moved.object["programs"] as? [String: Any])?["shop"] as? [String: Any]
    #expect((shop?["grayscale"] as? [[String: Any]])?.first?["percent"] as? Int == 60)
    #expect(try await resolver.send("GET", Self.manifestPath, headers: ["If-None-Match": newTag]).status == 304)

    // Refusals: no token, an unknown app, a missing environment.
    let anonymous = try await resolver.with(token: nil).get(Self.manifestPath)
    #expect(anonymous.status == 401)
    let unknown = try await resolver.get("/v1/rollout/manifest?app=nopay&env=production")
    #expect(unknown.status == 404)
    #expect(unknown.error.message.contains("nopay"))
    let missing = try await resolver.get("/v1/rollout/manifest?app=superpay")
    #expect(missing.status == 400)
    #expect(missing.error.code == "invalid_input")
    #expect(server.stop() == 0)
  }

  @Test func theCLIPrintsTheSameManifest() async throws {
    let (server, api, _, _, _) = try await Self.servedRollout()
    let served = try await api.get(Self.manifestPath)
    let printed = try server.cli("rollout", "manifest", "--app", "superpay", "--env", "production", "--json")
    let fromCLI = try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? NSDictionary
    let fromAPI = try JSONSerialization.jsonObject(with: Data(served.text.utf8)) as? NSDictionary
    #expect(fromCLI != nil)
    #expect(fromCLI == fromAPI)
    #expect(server.stop() == 0)
  }
}
