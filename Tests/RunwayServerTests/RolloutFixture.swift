import Foundation
import Testing

/// Releases of shop on superpay production in every exposed state, made over HTTP: 1.0.0
/// released, 1.1.0 in grayscale at 30 %, 1.2.0 in pilot testing with `testers`; menu 0.9.0
/// released; and shop 1.2.0 released on sandbox, which the production manifest leaves out.
/// The server must require pilot testing for superpay (`ServerProcess(pilot: true)`).
struct RolloutFixture {
  static let testers = (0..<200).map { "u-\($0 * 497)" } + ["用户-42"]

  var released = ""
  var grayscale = ""
  var pilot = ""

  /// A release of `program` `version` taken to approval (pilot testing) by alice and wendy.
  static func approved(
    _ program: String, _ version: String, env: String = "production", alice: APIClient, wendy: APIClient
  ) async throws -> String {
    let fields =
      #"{"fields":{"miniProgram":"\#(program)","version":"\#(version)","targetApp":"superpay","environment":"\#(env)"}}"#
    let started = try await alice.post("/v1/workflows/mini-program-release/instances", json: fields)
    let id = try #require(started.object["id"] as? String, "\(started.text)")
    for (client, event) in [(alice, "release"), (alice, "apply"), (wendy, "approve")] {
      let answer = try await client.post("/v1/instances/\(id)/events/\(event)")
      try #require(answer.status == 200, "\(event): \(answer.text)")
    }
    return id
  }

  static func fire(_ client: APIClient, _ id: String, _ event: String, _ params: String = "{}") async throws {
    let answer = try await client.post("/v1/instances/\(id)/events/\(event)", json: #"{"params":\#(params)}"#)
    try #require(answer.status == 200, "\(event): \(answer.text)")
  }

  static func make(alice: APIClient, wendy: APIClient) async throws -> RolloutFixture {
    var fixture = RolloutFixture()
    fixture.released = try await approved("shop", "1.0.0", alice: alice, wendy: wendy)
    try await fire(alice, fixture.released, "complete-testing")
    try await fire(alice, fixture.released, "full-release")
    fixture.grayscale = try await approved("shop", "1.1.0", alice: alice, wendy: wendy)
    try await fire(alice, fixture.grayscale, "complete-testing")
    try await fire(alice, fixture.grayscale, "grayscale", #"{"percent":30}"#)
    fixture.pilot = try await approved("shop", "1.2.0", alice: alice, wendy: wendy)
    let list = testers.map { "\"\($0)\"" }.joined(separator: ",")
    try await fire(alice, fixture.pilot, "add-testers", #"{"testers":[\#(list)]}"#)
    let menu = try await approved("menu", "0.9.0", alice: alice, wendy: wendy)
    try await fire(alice, menu, "complete-testing")
    try await fire(alice, menu, "full-release")
    let sandbox = try await approved("shop", "1.2.0", env: "sandbox", alice: alice, wendy: wendy)
    try await fire(alice, sandbox, "complete-testing")
    try await fire(alice, sandbox, "full-release")
    return fixture
  }
}
