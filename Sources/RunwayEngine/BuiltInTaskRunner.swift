import Crypto
import Foundation
import RunwayModel

/// The tasks Runway runs itself. `build-package` checks that the version was uploaded and
/// records a digest of what would be packaged (program, version, effective configuration).
/// It finds the program and the version through the fields the workflow's `rollout:` names,
/// and the program's `versions` and `configuration` attributes (docs/domain.md).
public struct BuiltInTaskRunner: TaskRunner {
  public init() {}

  /// The names of the tasks this runner knows.
  public static let tasks: Set<String> = ["build-package"]

  /// The built-in tasks compute their answer in process: a timer racing them would only cost
  /// the transition a task switch and a timer (docs/benchmarks.md, W1).
  public func answersAtOnce(_ task: TaskBinding) -> Bool { task.command == nil && Self.tasks.contains(task.name) }

  public func run(_ task: String, for instance: Instance, workflow: CompiledWorkflow, directory: Directory) async
    -> TaskOutcome
  {
    switch task {
    case "build-package":
      guard let rollout = workflow.definition.rollout else {
        return .failure(
          "build-package reads the program and version fields rollout: names, and \(workflow.definition.name) declares none"
        )
      }
      let kind: String? =
        if case .ref(let kind) = workflow.field(rollout.program.name)?.field.type { kind } else { nil }
      return buildPackage(
        instance, directory, program: rollout.program.name, version: rollout.version.name, kind: kind,
        noun: kind.map(workflow.domain.noun(of:)) ?? "program")
    default: return .failure("no task named \"\(task)\" is known to this runner")
    }
  }

  /// Without the workflow: the shipped workflows' field names.
  public func run(_ task: String, for instance: Instance, directory: Directory) async -> TaskOutcome {
    switch task {
    case "build-package":
      return buildPackage(
        instance, directory, program: "miniProgram", version: "version", kind: nil, noun: "mini program")
    default: return .failure("no task named \"\(task)\" is known to this runner")
    }
  }

  private func buildPackage(
    _ instance: Instance, _ directory: Directory, program programField: String, version versionField: String,
    kind: String?, noun: String
  ) -> TaskOutcome {
    guard let programID = instance.fields[programField]?.stringValue,
      let version = instance.fields[versionField]?.stringValue
    else { return .failure("the release names no \(noun) or version to build") }
    let record = kind.flatMap { directory.record($0, programID) } ?? Self.record(programID, in: directory)
    guard let program = record else {
      return .failure("\(noun) \(programID) is not in the directory")
    }
    guard program["versions"]?.setValue?.contains(version) == true else {
      return .failure("version \(version) of \(programID) has not been uploaded")
    }
    var configuration = program["configuration"]?.mapValue ?? [:]
    if case .map(let own) = instance.fields["configuration"] ?? .null {
      configuration.merge(own) { _, release in release }
    }
    var hasher = SHA256()
    // The texts' bytes are hashed in place (a `Data` copy of each was a sixth of the task).
    for var text in ["\(programID)\u{0}\(version)\u{0}", JSONText.encode(.map(configuration))] {
      text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
    let digest = Hex.string(contiguous: hasher.finalize())
    return TaskOutcome(
      succeeded: true, fields: ["packageDigest": .string("sha256:" + digest)],
      message: "built \(programID) \(version)")
  }

  /// The record with `id` when the field names no kind: the first, by kind name, that has
  /// `versions` (what the task reads), else the first by kind name. The same on every run
  /// where the directory's own order would change with the process (docs/domain.md).
  static func record(_ id: String, in directory: Directory) -> [String: Value]? {
    let candidates = directory.records.keys.sorted().compactMap { directory.records[$0]?[id] }
    return candidates.first { $0["versions"] != nil } ?? candidates.first
  }
}
