import Foundation
import RunwayEngine
import RunwayModel
import Testing

/// `build-package` without a kind for its program field (a runner called without the workflow,
/// or a field that is not a `ref`) finds the program among every kind's records.
@Suite("build-package's program lookup")
struct BuiltInTaskRunnerTests {
  static let release = Instance(
    id: "r-1", workflow: "mini-program-release", definitionDigest: "sha256:x", state: "building", revision: 1,
    fields: ["miniProgram": .string("shop"), "version": .string("1.0.0")], initiator: "alice",
    createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))

  /// Twenty kinds hold a record named `shop` without versions, one holds the program: a lookup
  /// in the directory's own order (which changes with the process) found a decoy nearly
  /// every time; the record with `versions` is found on every run.
  @Test func theRecordWithVersionsIsFoundAmongRecordsOfOtherKindsWithTheSameID() async {
    var directory = Directory()
    for index in 0..<20 { directory.insert("decoys\(index)", "shop", ["name": .string("Decoy \(index)")]) }
    directory.insert("miniPrograms", "shop", ["versions": .set(["1.0.0"]), "merchant": .string("acme")])
    let outcome = await BuiltInTaskRunner().run("build-package", for: Self.release, directory: directory)
    #expect(outcome.succeeded)
    #expect(outcome.message == "built shop 1.0.0")
    #expect(outcome.fields["packageDigest"]?.stringValue?.hasPrefix("sha256:") == true)
  }

  /// With no record holding versions, the version is refused as not uploaded, whichever
  /// kind's record answers.
  @Test func withoutVersionsAnywhereTheRefusalIsTheSameEveryTime() async {
    var directory = Directory()
    for kind in ["zebras", "apps", "merchants"] { directory.insert(kind, "shop", ["name": .string(kind)]) }
    let outcome = await BuiltInTaskRunner().run("build-package", for: Self.release, directory: directory)
    #expect(!outcome.succeeded)
    #expect(outcome.message == "version 1.0.0 of shop has not been uploaded")
  }

  @Test func aProgramInNoKindIsNotInTheDirectory() async {
    let outcome = await BuiltInTaskRunner().run("build-package", for: Self.release, directory: Directory())
    #expect(!outcome.succeeded)
    #expect(outcome.message == "mini program shop is not in the directory")
  }
}
