import Foundation
import RunwayEngine
import RunwayModel
import Testing

/// A notification to roles goes to every actor holding one of them on the instance, by
/// workspace and assignment, each once and in order of ids, whether the engine reads the
/// records around the instance (a command) or keeps the whole directory (a server).
@Suite struct RoleRecipientsTests {
  /// Besides the fixture's actors: one reviewer holding both review roles, one holding the
  /// workspace-admin role twice, a member of the app's workspace with a merchant's role, and
  /// a crowd of reviewers of other apps.
  static let extraActors: [String: Actor] = {
    var actors: [String: Actor] = [
      "a-both-roles": Actor(
        name: "Both", email: "both@superpay.example",
        memberships: [
          Membership(workspace: "superpay", role: "workspace-admin"),
          Membership(workspace: "superpay", role: "workspace-developer", assigned: ["shop"]),
        ]),
      "z-admin-twice": Actor(
        name: "Twice", email: "twice@superpay.example",
        memberships: [
          Membership(workspace: "superpay", role: "workspace-admin"),
          Membership(workspace: "superpay", role: "workspace-admin"),
        ]),
      "m-merchant-role-in-app": Actor(
        name: "Misplaced", email: "misplaced@superpay.example",
        memberships: [Membership(workspace: "superpay", role: "developer-admin")]),
    ]
    for index in 0..<200 {
      actors["crowd-\(index)"] = ReleaseFixture.member("app-\(index)", "workspace-admin")
    }
    return actors
  }()

  /// The release fixture with the extra actors, its engine opened after they were imported.
  static func fixture(cached: Bool) async throws -> ReleaseFixture {
    var fixture = try await ReleaseFixture()
    try await fixture.store.importDirectory(Directory(actors: Self.extraActors))
    let catalog = try ReleaseFixture.catalog()
    fixture.engine =
      cached
      ? try await Engine.open(catalog: catalog, store: fixture.store)
      : Engine(catalog: catalog, store: fixture.store)
    return fixture
  }

  @Test(arguments: [false, true])
  func reviewersAreTheHoldersOfTheReviewRolesEachOnceInOrder(cached: Bool) async throws {
    let fixture = try await Self.fixture(cached: cached)
    let ready = try await fixture.release(in: "ready")
    let applied = try await fixture.engine.fire(ready.id, "apply", as: "dev-admin")
    #expect(applied.notifications.map(\.notification) == ["review-requested"])
    let recipients = try #require(applied.notifications.first).recipients
    #expect(recipients.map(\.actor) == ["a-both-roles", "ws-admin", "ws-dev-assigned", "z-admin-twice"])
    #expect(recipients.first?.email == "both@superpay.example")
  }

  @Test(arguments: [false, true])
  func merchantRolesReachTheMerchantsHoldersOnly(cached: Bool) async throws {
    let fixture = try await Self.fixture(cached: cached)
    let grayscale = try await fixture.release(in: "grayscale")
    let widened = try await fixture.engine.fire(grayscale.id, "start-phased", as: "dev-admin")
    #expect(widened.notifications.map(\.notification) == ["phased-release-update"])
    // Developer-admin of acme, and acme's developer assigned to shop; not the developer-admin
    // role held in the app's workspace, nor other merchants' developers.
    #expect(widened.notifications.first?.recipients.map(\.actor) == ["dev-admin", "dev-assigned"])
  }
}
