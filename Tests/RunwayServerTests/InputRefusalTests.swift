import Foundation
import Testing

/// Bad input gets 400 (or the code's status) with one sentence, and changes nothing.
@Suite("Refusals over HTTP", .serialized)
struct InputRefusalTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var method: String
    var path: String
    var body: String?
    var status: Int
    var code: String
    var sentence: String
    var testDescription: String { "\(method) \(path) → \(status)" }
  }

  static let cases: [Case] = [
    Case(
      method: "POST", path: "/v1/instances/ID/events/apply", body: #"{"params":{"basicInfo":5}}"#, status: 400,
      code: "invalid_input", sentence: "basicInfo"),
    Case(
      method: "POST", path: "/v1/instances/ID/events/grayscale", body: #"{"params":{"percent":10}}"#, status: 422,
      code: "rejected", sentence: "grayscale is not possible while"),
    Case(
      method: "POST", path: "/v1/instances/ID/events/apply", body: #"{"params":{"colour":"red"}}"#, status: 400,
      code: "invalid_input", sentence: "apply has no param \"colour\""),
    Case(
      method: "POST", path: "/v1/instances/ID/events/apply", body: #"{"params":{"#, status: 400,
      code: "invalid_input", sentence: "body:1:"),
    Case(
      method: "POST", path: "/v1/instances/ID/events/apply", body: #"{"parameters":{}}"#, status: 400,
      code: "invalid_input", sentence: "unknown key \"parameters\""),
    Case(
      method: "GET", path: "/v1/instances?limit=many", body: nil, status: 400, code: "invalid_input",
      sentence: "limit must be a whole number"),
    Case(
      method: "GET", path: "/v1/instances/ID/history?last=0", body: nil, status: 400, code: "invalid_input",
      sentence: "last must be a whole number from 1"),
    Case(
      method: "GET", path: "/v1/instances/ID/history?last=few", body: nil, status: 400, code: "invalid_input",
      sentence: "last must be a whole number from 1"),
    Case(
      method: "GET", path: "/v1/instances/r-none", body: nil, status: 404, code: "not_found",
      sentence: "no instance \"r-none\""),
    Case(
      method: "GET", path: "/v1/resolve?app=superpay&env=production&miniProgram=shop", body: nil, status: 400,
      code: "invalid_input", sentence: "the query needs user="),
    Case(
      method: "GET", path: "/v1/nowhere", body: nil, status: 404, code: "not_found",
      sentence: "no route GET /v1/nowhere"),
    Case(
      method: "POST", path: "/v1/workflows/mini-program-release/instances",
      body: #"{"fields":{"miniProgram":"shop","version":"1.0.0","targetApp":"superpay","environment":"production"}}"#,
      status: 422, code: "rejected", sentence: "already has the same miniProgram"),
  ]

  @Test(arguments: cases) func refusal(_ refusal: Case) async throws {
    let server = try ServerProcess()
    let token = try server.token("alice")
    try server.start()
    let api = APIClient(baseURL: server.baseURL, token: token)
    let id = try #require(
      try await api.post("/v1/workflows/mini-program-release/instances", json: ReleaseOverHTTPTests.shop)
        .object["id"] as? String)
    #expect(try await api.post("/v1/instances/\(id)/events/release").status == 200)
    let before = try await api.get("/v1/instances/\(id)")
    let answer = try await api.send(
      refusal.method, refusal.path.replacingOccurrences(of: "ID", with: id), body: refusal.body.map { Array($0.utf8) },
      contentType: refusal.body == nil ? nil : "application/json")
    #expect(answer.status == refusal.status, "\(answer.text)")
    #expect(answer.error.code == refusal.code)
    #expect(answer.error.message.contains(refusal.sentence), "\(answer.error.message)")
    #expect(answer.headers.first(name: "X-Request-Id")?.isEmpty == false)
    let after = try await api.get("/v1/instances/\(id)")
    #expect(after.object["revision"] as? Int == before.object["revision"] as? Int)
    #expect(try await api.get("/v1/instances").list.count == 1)
  }

  @Test func aBodyOverTheLimitIs413AndAnUploadIsTyped() async throws {
    let server = try ServerProcess(pilot: true)
    let token = try server.token("alice")
    try server.start(["--max-body", "2048"])
    let api = APIClient(baseURL: server.baseURL, token: token)
    let big =
      "{\"params\":{\"testers\":[" + Array(repeating: "\"u-00000000\"", count: 400).joined(separator: ",") + "]}}"
    let answer = try await api.post("/v1/instances/r-x/events/add-testers", json: big)
    #expect(answer.status == 413)
    #expect(answer.error.code == "too_large")
    // An uploaded file for a param that is not a set or a map is refused with the engine's sentence.
    let id = try #require(
      try await api.post("/v1/workflows/mini-program-release/instances", json: ReleaseOverHTTPTests.shop)
        .object["id"] as? String)
    _ = try await api.post("/v1/instances/\(id)/events/release")
    _ = try await api.post("/v1/instances/\(id)/events/apply")
    let wendy = api.with(token: try server.token("wendy"))
    _ = try await wendy.post("/v1/instances/\(id)/events/approve")
    let misfiled = try await api.post(
      "/v1/instances/\(id)/events/add-testers", files: ["testers": ("testers.json", "{\"not\": \"a list\"}")])
    #expect(misfiled.status == 400)
    #expect(misfiled.error.message.contains("testers.json holds"))
  }
}
