import Foundation
import Testing

/// Who a request is, from its bearer token only; 401 without a valid one, 403 out of scope.
@Suite("Tokens and scopes over HTTP", .serialized)
struct AuthenticationTests {
  @Test func noTokenExpiredRevokedAndForgedGet401() async throws {
    let server = try ServerProcess()
    let expiring = try server.token("alice", expires: "1s")
    let revoked = try server.token("alice")
    let valid = try server.token("alice")
    try server.start()
    let api = APIClient(baseURL: server.baseURL, token: valid)
    #expect(try await api.get("/v1/workflows").status == 200)
    #expect(try await api.with(token: revoked).get("/v1/workflows").status == 200)

    let none = try await api.with(token: nil).get("/v1/workflows")
    #expect(none.status == 401)
    #expect(none.error.code == "unauthenticated")
    #expect(none.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)

    let id = String(revoked.split(separator: "_")[1])
    try server.cli("tokens", "revoke", id)
    let afterRevoke = try await api.with(token: revoked).get("/v1/workflows")
    #expect(afterRevoke.status == 401)
    #expect(afterRevoke.error.message == "the bearer token was revoked")

    try await Task.sleep(for: .milliseconds(1_200))
    let expired = try await api.with(token: expiring).get("/v1/workflows")
    #expect(expired.status == 401)
    #expect(expired.error.message == "the bearer token has expired")

    // The right id with another secret, and text that is no token at all.
    let forged = valid.dropLast(4) + "aaaa"
    #expect(try await api.with(token: String(forged)).get("/v1/workflows").status == 401)
    #expect(try await api.with(token: "hello").get("/v1/workflows").status == 401)
    // A refused request changes nothing: no instance was started.
    let start = try await api.with(token: nil).post(
      "/v1/workflows/mini-program-release/instances", json: ReleaseOverHTTPTests.shop)
    #expect(start.status == 401)
    #expect(try await api.get("/v1/instances").list.isEmpty)
    // Each request's log line carries the id its answer names; tokens never reach the log.
    let logged = try await api.get("/v1/workflows")
    let requestID = try #require(logged.headers.first(name: "X-Request-Id"))
    let log = server.log()
    let line = log.split(separator: "\n").first { $0.contains("hb.request.id=\(requestID)") }
    #expect(line?.contains("path=/v1/workflows") == true, "\(log)")
    #expect(line?.contains("status=200") == true, "\(log)")
    for token in [valid, revoked, expiring] { #expect(!log.contains(token)) }
  }

  @Test func aWrongScopeIsRefusedAndChangesNothing() async throws {
    let server = try ServerProcess()
    let operate = try server.token("alice")
    let resolveOnly = try server.token("alice", scopes: ["resolve"])
    let admin = try server.token("olga", scopes: ["admin"])
    try server.start()
    let api = APIClient(baseURL: server.baseURL, token: operate)
    for path in ["/v1/directory", "/v1/settings", "/v1/audit"] {
      let refused = try await api.get(path)
      #expect(refused.status == 403, "\(path)")
      #expect(refused.error.message.contains("needs the admin scope"))
    }
    let set = try await api.put("/v1/settings/pilotTestingRequired", json: #"{"value":true,"scope":"superpay"}"#)
    #expect(set.status == 403)
    let settings = try await api.with(token: admin).get("/v1/settings").list
    #expect((settings.first { $0["key"] as? String == "pilotTestingRequired" }?["values"] as? [Any])?.isEmpty == true)
    let resolveRefused = try await api.with(token: resolveOnly).get("/v1/instances")
    #expect(resolveRefused.status == 403)
    #expect(resolveRefused.error.message.contains("needs the operate scope"))
    let started = try await api.with(token: resolveOnly).post(
      "/v1/workflows/mini-program-release/instances", json: ReleaseOverHTTPTests.shop)
    #expect(started.status == 403)
    #expect(try await api.get("/v1/instances").list.isEmpty)

    // The admin token changes settings, recorded as its actor.
    let changed = try await api.with(token: admin).put(
      "/v1/settings/pilotTestingRequired", json: #"{"value":true,"scope":"superpay"}"#)
    #expect(changed.status == 200, "\(changed.text)")
    let audit = try await api.with(token: admin).get("/v1/audit").list
    #expect(audit.last?["actor"] as? String == "olga")
    #expect(try await api.with(token: admin).get("/v1/directory").object["apps"] != nil)
  }
}
