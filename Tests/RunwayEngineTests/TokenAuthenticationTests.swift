import Foundation
import RunwayModel
import Testing

@testable import RunwayEngine

/// The application API's tokens: made for directory actors, hashed, checked, revoked.
@Suite("Tokens through the application API")
struct TokenAuthenticationTests {
  func runway(clock: FixedClock) async throws -> Runway {
    let store = MemoryInstanceStore()
    var directory = Directory()
    directory.actors["wendy"] = Actor(name: "Wendy")
    try await store.importDirectory(directory)
    return Runway(catalog: WorkflowCatalog([]), store: store, clock: clock)
  }

  @Test func aTokenStandsForItsActorUntilItExpiresOrIsRevoked() async throws {
    let clock = FixedClock(Date(timeIntervalSince1970: 1_780_000_000))
    let runway = try await runway(clock: clock)
    let issued = try await runway.createToken(
      actor: "wendy", scopes: [], lifetime: 60, caller: .storeOperator(as: nil))
    #expect(issued.text.hasPrefix("rw_\(issued.token.id)_"))
    #expect(issued.token.hash == TokenText.hash(issued.text))
    #expect(!issued.token.hash.contains(issued.text))
    #expect(issued.token.scopes == [.operate])
    let authenticated = try await runway.authenticate(bearer: issued.text)
    #expect(authenticated.caller == Caller(actor: "wendy", administers: false))
    clock.advance(by: 61)
    await #expect(throws: AuthenticationFailure.expired) { try await runway.authenticate(bearer: issued.text) }
    let lasting = try await runway.createToken(
      actor: "wendy", scopes: [.admin], lifetime: nil, caller: .storeOperator(as: nil))
    #expect(try await runway.authenticate(bearer: lasting.text).caller.administers)
    _ = try await runway.revokeToken(lasting.token.id, caller: .storeOperator(as: nil))
    await #expect(throws: AuthenticationFailure.revoked) { try await runway.authenticate(bearer: lasting.text) }
  }

  @Test func refusals() async throws {
    let runway = try await runway(clock: FixedClock(Date(timeIntervalSince1970: 1_780_000_000)))
    await #expect(throws: EngineError.notFound("no actor \"nobody\" in the directory")) {
      try await runway.createToken(actor: "nobody", scopes: [], lifetime: nil, caller: .storeOperator(as: nil))
    }
    await #expect(throws: EngineError.self) {
      try await runway.createToken(actor: "wendy", scopes: [], lifetime: nil, caller: Caller(actor: "wendy"))
    }
    #expect(try await runway.tokens(caller: .storeOperator(as: nil)).isEmpty, "refused makes nothing")
    await #expect(throws: AuthenticationFailure.missing) { try await runway.authenticate(bearer: nil) }
    await #expect(throws: AuthenticationFailure.unknown) { try await runway.authenticate(bearer: "rw_tabc_def") }
    #expect(throws: EngineError.self) { try TokenScope.parse(["root"]) }
    #expect(throws: EngineError.self) { try TokenLifetime.parse("30") }
    #expect(try TokenLifetime.parse("30d") == 30 * 86_400)
  }

  @Test(arguments: [
    (TokenScope.admin, TokenScope.admin, true), (.admin, .resolve, true), (.operate, .resolve, true),
    (.operate, .admin, false), (.resolve, .operate, false), (.resolve, .resolve, true),
  ])
  func scopesCover(_ held: TokenScope, _ needed: TokenScope, _ covers: Bool) {
    #expect(held.covers(needed) == covers)
  }
}
