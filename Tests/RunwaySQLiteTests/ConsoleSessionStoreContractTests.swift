import Foundation
import RunwayEngine
import Testing

/// Every backend keeps the console's sessions the same way: found by their id's hash, expired
/// ones forgotten as another opens, at most `limit` a token.
@Suite("Console session store contract")
struct ConsoleSessionStoreContractTests {
  static func session(_ hash: String, token: String = "t1", expires: TimeInterval = 3_600) -> ConsoleSession {
    ConsoleSession(
      idHash: hash, tokenID: token, actor: "wendy", csrf: String(repeating: "c", count: 64),
      expiresAt: Sample.at + expires)
  }

  @Test(arguments: StoreBackend.allCases)
  func opensFindsAndCloses(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    #expect(try await store.consoleSession(idHash: "h1") == nil)
    try await store.openConsoleSession(Self.session("h1"), now: Sample.at, limit: 10)
    try await store.openConsoleSession(Self.session("h2", token: "t2"), now: Sample.at, limit: 10)
    #expect(try await store.consoleSession(idHash: "h1") == Self.session("h1"))
    #expect(try await store.consoleSession(idHash: "h2")?.tokenID == "t2")
    try await store.closeConsoleSession(idHash: "h1")
    #expect(try await store.consoleSession(idHash: "h1") == nil)
    #expect(try await store.consoleSession(idHash: "h2") != nil, "closing one leaves the others")
    try await store.closeConsoleSession(idHash: "h9")
  }

  @Test(arguments: StoreBackend.allCases)
  func openingForgetsExpiredSessionsOfEveryToken(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.openConsoleSession(Self.session("old", token: "t2", expires: 60), now: Sample.at, limit: 10)
    try await store.openConsoleSession(Self.session("live", token: "t3", expires: 600), now: Sample.at, limit: 10)
    // Read before anything else is opened: an expired session is still there (the
    // application checks its expiry on every use).
    #expect(try await store.consoleSession(idHash: "old") != nil)
    try await store.openConsoleSession(Self.session("new"), now: Sample.at + 120, limit: 10)
    #expect(try await store.consoleSession(idHash: "old") == nil)
    #expect(try await store.consoleSession(idHash: "live") != nil)
    #expect(try await store.consoleSession(idHash: "new") != nil)
  }

  @Test(arguments: StoreBackend.allCases)
  func aTokenKeepsAtMostItsLimitTheLatestToExpire(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    for (index, hash) in ["a", "b", "c"].enumerated() {
      try await store.openConsoleSession(
        Self.session(hash, expires: 1_000 + Double(index)), now: Sample.at, limit: 3)
    }
    try await store.openConsoleSession(Self.session("other", token: "t2"), now: Sample.at, limit: 3)
    // A fourth of t1's: the one to expire soonest ("a") goes; another token's stays.
    try await store.openConsoleSession(Self.session("d", expires: 2_000), now: Sample.at, limit: 3)
    #expect(try await store.consoleSession(idHash: "a") == nil)
    for hash in ["b", "c", "d", "other"] {
      #expect(try await store.consoleSession(idHash: hash) != nil, "\(hash)")
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func aTakenHashIsRefusedAndKeepsTheFirst(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.openConsoleSession(Self.session("h1"), now: Sample.at, limit: 10)
    var other = Self.session("h1")
    other.actor = "bob"
    await #expect(throws: StoreError.self) { try await store.openConsoleSession(other, now: Sample.at, limit: 10) }
    #expect(try await store.consoleSession(idHash: "h1")?.actor == "wendy")
  }
}
