import Crypto
import Foundation
import RunwayModel

/// The tasks Runway runs itself. `build-package` checks that the version was uploaded and
/// records a digest of what would be packaged (mini program, version, effective configuration).
public struct BuiltInTaskRunner: TaskRunner {
  public init() {}

  /// The names of the tasks this runner knows.
  public static let tasks: Set<String> = ["build-package"]

  public func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
    switch task {
    case "build-package": return buildPackage(instance, directory)
    default: return .failure("no task named \"\(task)\" is known to this runner")
    }
  }

  private func buildPackage(_ instance: Instance, _ directory: Directory) -> TaskOutcome {
    guard let programID = instance.fields["miniProgram"]?.stringValue,
      let version = instance.fields["version"]?.stringValue
    else { return .failure("the release names no mini program or version to build") }
    // The program is the record with that id that has `versions` (docs/domain.md).
    guard let program = directory.records.values.lazy.compactMap({ $0[programID] }).first else {
      return .failure("mini program \(programID) is not in the directory")
    }
    guard program["versions"]?.setValue?.contains(version) == true else {
      return .failure("version \(version) of \(programID) has not been uploaded")
    }
    var configuration = program["configuration"]?.mapValue ?? [:]
    if case .map(let own) = instance.fields["configuration"] ?? .null {
      configuration.merge(own) { _, release in release }
    }
    var hasher = SHA256()
    hasher.update(data: Data("\(programID)\u{0}\(version)\u{0}".utf8))
    hasher.update(data: Data(JSONText.encode(.map(configuration)).utf8))
    let digest = Hex.string(hasher.finalize())
    return TaskOutcome(
      succeeded: true, fields: ["packageDigest": .string("sha256:" + digest)],
      message: "built \(programID) \(version)")
  }
}
