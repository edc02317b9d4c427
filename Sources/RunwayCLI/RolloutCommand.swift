import ArgumentParser
import Foundation
import RunwayEngine
import RunwayPresentation

/// `runway rollout manifest`: what a client needs to resolve users itself (docs/rollout.md).
struct RolloutCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollout",
    abstract: "The rollout of an app and environment, as clients resolving locally read it.",
    subcommands: [Manifest.self])

  struct Manifest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the rollout manifest of one app and environment.",
      discussion: """
        For each mini program: the released version, the grayscale releases with their ids and \
        percentages, and the pilot releases with the SHA-256 of each tester id, newest first. \
        The same document as GET /v1/rollout/manifest (docs/rollout.md, "The rollout manifest").
          runway rollout manifest --app superpay --env production --json
        """)

    @Option(help: "The super app (an app id).")
    var app: String
    @Option(name: [.customLong("env")], help: "The environment: production, sandbox, test or development.")
    var environment: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let runway = try await CommandEnvironment.open(storeOptions).runway
        let manifest = try await runway.rolloutManifest(app: app, environment: self.environment)
        Console(json: output.json).print(json: RolloutManifestJSON(manifest)) { Self.lines(manifest) }
      }
    }

    /// One line per release, programs sorted.
    static func lines(_ manifest: RolloutManifest) -> String {
      var lines: [String] = []
      for id in manifest.programs.keys.sorted() {
        guard let program = manifest.programs[id] else { continue }
        for pilot in program.pilot {
          lines.append("\(id) \(pilot.version) pilot \(pilot.release) (\(pilot.testerHashes.count) testers)")
        }
        for slice in program.grayscale {
          lines.append("\(id) \(slice.version) grayscale \(slice.release) (\(slice.percent) %)")
        }
        if let released = program.released { lines.append("\(id) \(released.version) released \(released.release)") }
      }
      return lines.isEmpty
        ? "nothing is served on \(manifest.app) \(manifest.environment)" : lines.joined(separator: "\n")
    }
  }
}
