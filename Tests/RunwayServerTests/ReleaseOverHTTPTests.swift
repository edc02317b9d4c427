import Foundation
import Testing

/// A whole release over HTTP against a real `runway serve`, each party with its own token.
@Suite("A release over HTTP", .serialized)
struct ReleaseOverHTTPTests {
  static let shop =
    #"{"fields":{"miniProgram":"shop","version":"1.0.0","targetApp":"superpay","environment":"production"}}"#

  @Test func fullReleaseWithThreeTokensAndBobRefused() async throws {
    let server = try ServerProcess(pilot: true)
    let alice = APIClient(baseURL: "", token: try server.token("alice"))
    let wendy = try server.token("wendy")
    let bob = try server.token("bob")
    let backend = try server.token("alice", scopes: ["resolve"])
    try server.start()
    let api = alice.with(token: alice.token).rebased(server.baseURL)

    let started = try await api.post("/v1/workflows/mini-program-release/instances", json: Self.shop)
    #expect(started.status == 201)
    let id = try #require(started.object["id"] as? String)
    #expect(started.headers.first(name: "Location") == "/v1/instances/\(id)")
    #expect(started.object["initiator"] as? String == "alice")
    #expect(started.object["state"] as? String == "selected")

    #expect(try await api.post("/v1/instances/\(id)/events/release").object["state"] as? String == "ready")
    #expect(try await api.post("/v1/instances/\(id)/events/apply").object["state"] as? String == "under-review")

    // Bob may not approve: 403 with the engine's sentence, and nothing changes.
    let before = try await api.get("/v1/instances/\(id)/history").list
    let refused = try await api.with(token: bob).post("/v1/instances/\(id)/events/approve")
    #expect(refused.status == 403)
    #expect(refused.error.code == "forbidden")
    #expect(refused.error.message.contains("bob may not approve"))
    let unchanged = try await api.get("/v1/instances/\(id)")
    #expect(unchanged.object["state"] as? String == "under-review")
    #expect(unchanged.object["revision"] as? Int == before.count)
    #expect(try await api.get("/v1/instances/\(id)/history").list.count == before.count)
    // Bob's blockers say why.
    let bobEvents = try await api.with(token: bob).get("/v1/instances/\(id)/events").list
    let approve = try #require(bobEvents.first { $0["event"] as? String == "approve" })
    #expect(approve["allowed"] as? Bool == false)
    #expect((approve["blockers"] as? [[String: Any]])?.first?["code"] as? String == "role")

    // Wendy approves as herself: the actor is the token's.
    let approved = try await api.with(token: wendy).post("/v1/instances/\(id)/events/approve")
    #expect(approved.status == 200)
    #expect(approved.object["state"] as? String == "pilot-testing")
    #expect((approved.object["last"] as? [String: Any])?["actor"] as? String == "wendy")

    // Testers from an uploaded CSV file, then a JSON list.
    let uploaded = try await api.post(
      "/v1/instances/\(id)/events/add-testers", files: ["testers": ("testers.csv", "userId\nu-1001\nu-1002\n")])
    #expect(uploaded.status == 200, "\(uploaded.text)")
    let listed = try await api.post(
      "/v1/instances/\(id)/events/add-testers", json: #"{"params":{"testers":["u-2001"]}}"#)
    #expect((listed.object["fields"] as? [String: Any])?["testers"] as? [String] == ["u-1001", "u-1002", "u-2001"])

    // The super app's servers resolve with a resolve-only token.
    let resolver = api.with(token: backend)
    let pilot = try await resolver.get("/v1/resolve?app=superpay&env=production&miniProgram=shop&user=u-1002")
    #expect(pilot.object["version"] as? String == "1.0.0")
    #expect(pilot.object["reason"] as? String == "pilot")
    let batch = try await resolver.post(
      "/v1/resolve", json: #"{"app":"superpay","env":"production","miniProgram":"shop","users":["u-2001","u-9"]}"#)
    #expect(batch.list.map { $0["user"] as? String } == ["u-2001", "u-9"])
    #expect(batch.list.map { $0["reason"] as? String } == ["pilot", "none"])

    #expect(
      try await api.post("/v1/instances/\(id)/events/complete-testing").object["state"] as? String
        == "release-preparation")
    let grayscale = try await api.post("/v1/instances/\(id)/events/grayscale", json: #"{"params":{"percent":10}}"#)
    #expect(grayscale.object["state"] as? String == "grayscale")
    #expect(
      try await api.post("/v1/instances/\(id)/events/grayscale", json: #"{"params":{"percent":"100"}}"#).object["state"]
        as? String == "released")
    let everyone = try await resolver.get("/v1/resolve?app=superpay&env=production&miniProgram=shop&user=u-77")
    #expect(everyone.object["version"] as? String == "1.0.0")

    let history = try await api.get("/v1/instances/\(id)/history").list
    #expect(
      history.compactMap { $0["actor"] as? String }
        == ["alice", "alice", "system", "alice", "wendy", "alice", "alice", "alice", "alice", "alice"])
    // The newest entries only, oldest first: the two grayscale steps.
    let newest = try await api.get("/v1/instances/\(id)/history?last=2").list
    #expect(newest.compactMap { $0["revision"] as? Int } == [9, 10])
    #expect(newest.compactMap { $0["event"] as? String } == ["grayscale", "grayscale"])
    let found = try await api.get("/v1/instances?workflow=mini-program-release&state=released&where=targetApp=superpay")
    #expect(found.list.map { $0["id"] as? String } == [id])
    // The nine transitions after the start, each its own transaction (one request at a time);
    // bob's refusal committed nothing.
    let metrics = try await api.with(token: nil).get("/metrics").text.split(separator: "\n")
    #expect(metrics.contains("runway_transition_transactions 9.0"))
    #expect(metrics.contains("runway_transitions_written 9.0"))
    #expect(server.stop() == 0, "SIGTERM ends the server gracefully")
  }

  @Test func workflowsDefinitionsNotificationsAndHealth() async throws {
    let server = try ServerProcess()
    let token = try server.token("alice")
    try server.start()
    let api = APIClient(baseURL: server.baseURL, token: token)
    #expect(try await api.with(token: nil).get("/healthz").status == 200)
    #expect(try await api.with(token: nil).get("/readyz").object["status"] as? String == "ready")
    let workflows = try await api.get("/v1/workflows").list.compactMap { $0["name"] as? String }
    #expect(workflows == ["mini-program-release", "super-app-release"])
    let one = try await api.get("/v1/workflows/mini-program-release")
    #expect(one.object["initial"] as? String == "selected")
    #expect((one.object["source"] as? String)?.contains("workflow: mini-program-release") == true)
    let graph = try await api.get("/v1/workflows/mini-program-release/graph?format=dot")
    #expect(graph.text.hasPrefix("digraph"))
    let missing = try await api.get("/v1/workflows/mini-program-relase")
    #expect(missing.status == 404)
    #expect(missing.error.message.contains("did you mean"))
    _ = try await api.post("/v1/workflows/mini-program-release/instances", json: Self.shop)
    let definitions = try await api.get("/v1/definitions").list
    #expect(definitions.first?["instances"] as? Int == 1)
    #expect(try await api.get("/v1/notifications").status == 200)
    let document = try await api.with(token: nil).get("/v1/openapi.yaml")
    #expect(document.status == 200)
    #expect(document.text.hasPrefix("openapi: 3.1"))
    let metrics = try await api.with(token: nil).get("/metrics")
    // Counted by route, method and status, each request once.
    let lines = Set(metrics.text.split(separator: "\n").map(String.init))
    for line in [
      #"runway_http_requests_total{route="/v1/workflows/{name}",method="GET",status="200"} 1"#,
      #"runway_http_requests_total{route="/v1/workflows/{name}",method="GET",status="404"} 1"#,
      #"runway_http_requests_total{route="/v1/workflows/{name}/instances",method="POST",status="201"} 1"#,
      #"runway_http_request_duration_seconds_count{route="/v1/workflows/{name}"} 2"#,
      #"runway_transitions_total{workflow="mini-program-release",event="start"} 1"#,
    ] {
      #expect(lines.contains(line), "\(line) in \(metrics.text)")
    }
    #expect(metrics.text.contains("runway_outbox_backlog"))
  }
}

extension APIClient {
  /// The same token against another server address.
  func rebased(_ baseURL: String) -> APIClient { APIClient(baseURL: baseURL, token: token) }
}
