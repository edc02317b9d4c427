import Foundation
import RunwayEngine
import RunwayModel
import RunwayYAML
import Testing

/// An instance keeps the definition it started with. When the current files change whom a
/// notification goes to, a fire on the older definition still reads what that definition's
/// notification names (the last actor of an event), and a release started on the new files
/// follows them.
@Suite struct PinnedDefinitionTests {
  /// The shipped workflows with the review's result sent to the merchant's roles instead of
  /// the applicant, in a folder of their own.
  static func changedCatalog() throws -> WorkflowCatalog {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runway-pinned-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: ReleaseFixture.workflowsFolder), to: folder)
    let file = folder.appendingPathComponent("mini-program-release.yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains("to: { actorOf: apply }"))
    try text.replacingOccurrences(of: "to: { actorOf: apply }", with: "to: { roles: [developer-admin, developer] }")
      .write(to: file, atomically: true, encoding: .utf8)
    return try ReleaseFixture.catalog(folder: folder.path)
  }

  @Test(arguments: [false, true])
  func anOlderDefinitionsNotificationStillReachesTheLastActorItNames(cached: Bool) async throws {
    var fixture = try await ReleaseFixture(cached: cached)
    let older = try await fixture.release(in: "under-review")
    let changed = try Self.changedCatalog()
    fixture.engine =
      cached
      ? try await Engine.open(catalog: changed, store: fixture.store)
      : Engine(catalog: changed, store: fixture.store)

    let approved = try await fixture.engine.fire(older.id, "approve", as: "ws-admin")
    #expect(approved.instance.definitionDigest == older.definitionDigest)
    #expect(approved.notifications.map(\.notification) == ["review-result"])
    // The applicant, whom the older definition names; the current files name no applicant.
    #expect(approved.notifications.first?.recipients.map(\.actor) == ["dev-admin"])

    let newer = try await fixture.release(in: "under-review", environment: "sandbox")
    #expect(newer.definitionDigest != older.definitionDigest)
    let approvedNewer = try await fixture.engine.fire(newer.id, "approve", as: "ws-admin")
    #expect(approvedNewer.notifications.first?.recipients.map(\.actor) == ["dev-admin", "dev-assigned"])
  }
}
