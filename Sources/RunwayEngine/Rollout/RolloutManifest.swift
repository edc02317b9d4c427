import Crypto
import Foundation
import RunwayModel

/// What a client needs to resolve every user of one app and environment itself, the way
/// `resolve` does (docs/rollout.md, "The rollout manifest"): for each mini program the
/// released version, the grayscale releases with their ids and percentages, and the pilot
/// releases with the SHA-256 of each tester id (user ids are not published). Lists are newest
/// first, the order in which a client tries them.
public struct RolloutManifest: Sendable, Hashable {
  /// A release everyone gets.
  public struct Released: Sendable, Hashable {
    public var release: String
    public var version: String
  }

  /// A release served to the users whose bucket is inside `percent`.
  public struct Grayscale: Sendable, Hashable {
    public var release: String
    public var version: String
    public var percent: Int
  }

  /// A release served to its pilot testers, named by the hex SHA-256 of their UTF-8 ids.
  public struct Pilot: Sendable, Hashable {
    public var release: String
    public var version: String
    /// Sorted, so the manifest (and its digest) does not depend on the order testers were added.
    public var testerHashes: [String]
  }

  /// One mini program's releases on the app and environment.
  public struct Program: Sendable, Hashable {
    public var released: Released?
    public var grayscale: [Grayscale] = []
    public var pilot: [Pilot] = []
  }

  public var app: String
  public var environment: String
  /// By mini program id; a program with nothing exposed is left out.
  public var programs: [String: Program]
  /// The hex SHA-256 of the manifest's content: the same content always has the same digest
  /// (the HTTP API's `ETag`).
  public let digest: String

  /// The manifest of `releases` (by mini program), in `RolloutResolver`'s order of precedence.
  public init(app: String, environment: String, releases: [String: [RolloutRelease]]) {
    self.app = app
    self.environment = environment
    var programs: [String: Program] = [:]
    for (id, list) in releases {
      var program = Program()
      for release in RolloutResolver.newestFirst(list) {
        switch release.audience {
        case .none: break
        case .all:
          if program.released == nil {
            program.released = Released(release: release.instanceID, version: release.version)
          }
        case .percent(let percent):
          program.grayscale.append(Grayscale(release: release.instanceID, version: release.version, percent: percent))
        case .testers(let testers):
          program.pilot.append(
            Pilot(
              release: release.instanceID, version: release.version, testerHashes: testers.map(Self.testerHash).sorted()
            ))
        }
      }
      if program.released != nil || !program.grayscale.isEmpty || !program.pilot.isEmpty { programs[id] = program }
    }
    self.programs = programs
    digest = Self.digest(app: app, environment: environment, programs: programs)
  }

  /// The hex SHA-256 of a tester's UTF-8 id, as the manifest publishes it.
  public static func testerHash(_ userID: String) -> String {
    Hex.string(contiguous: SHA256.hash(data: Data(userID.utf8)))
  }

  /// The SHA-256 of a canonical text of the content: one line per fact, programs sorted, each
  /// value length-prefixed so no two contents share a text.
  private static func digest(app: String, environment: String, programs: [String: Program]) -> String {
    var text = ""
    func add(_ parts: [String]) {
      for part in parts { text += "\(part.utf8.count):\(part)," }
      text += "\n"
    }
    add(["manifest", app, environment])
    for id in programs.keys.sorted() {
      guard let program = programs[id] else { continue }
      add(["program", id])
      if let released = program.released { add(["released", released.release, released.version]) }
      for slice in program.grayscale { add(["grayscale", slice.release, slice.version, String(slice.percent)]) }
      for pilot in program.pilot { add(["pilot", pilot.release, pilot.version] + pilot.testerHashes) }
    }
    return Hex.string(contiguous: SHA256.hash(data: Data(text.utf8)))
  }
}
