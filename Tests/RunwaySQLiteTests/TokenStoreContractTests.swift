import Foundation
import RunwayEngine
import Testing

/// Every backend keeps tokens the same way: only hashes, revocation kept once, ids unique.
@Suite("Token store contract")
struct TokenStoreContractTests {
  static func token(_ id: String, expires: Date? = nil) -> APIToken {
    APIToken(
      id: id, hash: String(repeating: "ab", count: 32), actor: "wendy", scopes: [.operate, .admin],
      createdAt: Sample.at, expiresAt: expires)
  }

  @Test(arguments: StoreBackend.allCases)
  func savesFindsListsAndRevokes(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    #expect(try await store.token(id: "t1") == nil)
    try await store.saveToken(Self.token("t1", expires: Sample.at + 3_600))
    try await store.saveToken(Self.token("t2"))
    #expect(try await store.token(id: "t1") == Self.token("t1", expires: Sample.at + 3_600))
    #expect(try await store.tokens().map(\.id) == ["t1", "t2"])
    #expect(try await store.revokeToken(id: "t2", at: Sample.at + 10))
    #expect(try await store.revokeToken(id: "t2", at: Sample.at + 20), "revoking again answers true")
    #expect(try await store.token(id: "t2")?.revokedAt == Sample.at + 10, "the first revocation is kept")
    #expect(try await store.revokeToken(id: "t9", at: Sample.at) == false)
    #expect(try await store.token(id: "t1")?.revokedAt == nil)
  }

  @Test(arguments: StoreBackend.allCases)
  func aTakenIDIsRefusedAndKeepsTheFirst(_ backend: StoreBackend) async throws {
    let store = try await backend.make()
    try await store.saveToken(Self.token("t1"))
    var other = Self.token("t1")
    other.actor = "bob"
    await #expect(throws: StoreError.self) { try await store.saveToken(other) }
    #expect(try await store.token(id: "t1")?.actor == "wendy")
  }
}
