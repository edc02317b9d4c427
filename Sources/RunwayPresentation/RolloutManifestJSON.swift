import RunwayEngine

/// The rollout manifest of one app and environment (docs/rollout.md, "The rollout manifest"):
/// `{"app", "environment", "programs": {ID: {"released", "grayscale", "pilot"}}}`, every list
/// newest first, testers as the hex SHA-256 of their ids.
public struct RolloutManifestJSON: Encodable, Sendable {
  public struct Released: Encodable, Sendable {
    var release: String
    var version: String
  }

  public struct Grayscale: Encodable, Sendable {
    var release: String
    var version: String
    var percent: Int
  }

  public struct Pilot: Encodable, Sendable {
    var release: String
    var version: String
    var testers: [String]
  }

  public struct Program: Encodable, Sendable {
    var released: Released?
    var grayscale: [Grayscale]
    var pilot: [Pilot]

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      // `released` is null, not absent, when nothing is released.
      try container.encode(released, forKey: .released)
      try container.encode(grayscale, forKey: .grayscale)
      try container.encode(pilot, forKey: .pilot)
    }

    enum CodingKeys: String, CodingKey { case released, grayscale, pilot }
  }

  public var app: String
  public var environment: String
  public var programs: [String: Program]

  public init(_ manifest: RolloutManifest) {
    app = manifest.app
    environment = manifest.environment
    programs = manifest.programs.mapValues { program in
      Program(
        released: program.released.map { Released(release: $0.release, version: $0.version) },
        grayscale: program.grayscale.map { Grayscale(release: $0.release, version: $0.version, percent: $0.percent) },
        pilot: program.pilot.map { Pilot(release: $0.release, version: $0.version, testers: $0.testerHashes) })
    }
  }
}
