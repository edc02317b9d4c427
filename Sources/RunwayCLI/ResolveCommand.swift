import ArgumentParser
import Foundation
import RunwayEngine
import RunwayPresentation

/// `runway resolve`: which version of a mini program each user of a super app gets.
struct ResolveCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resolve",
    abstract: "Which version of a mini program a user of a super app gets, and why.",
    discussion: """
      A pilot tester gets the version in pilot testing; else a user whose bucket is inside a \
      grayscale percentage gets that version; else everyone gets the latest released \
      version; else none (docs/rollout.md has the algorithm and test vectors).
        runway resolve --app superpay --env production --mini-program shop --user u-1001
        runway resolve --app superpay --env production --mini-program shop --users-file users.txt
      The batch form reads one user id a line (- for standard input) and streams \
      userId,version,reason lines (JSON lines with --json).
      """)

  @Option(help: "The super app (an app id).")
  var app: String
  @Option(name: [.customLong("env")], help: "The environment: production, sandbox, test or development.")
  var environment: String
  @Option(name: [.customLong("mini-program")], help: "The mini program id.")
  var miniProgram: String
  @Option(help: "One super-app user id.")
  var user: String?
  @Option(name: [.customLong("users-file")], help: "A file of user ids, one a line; - for standard input.")
  var usersFile: String?
  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if (user == nil) == (usersFile == nil) {
      throw ValidationError("give exactly one of --user U or --users-file F")
    }
  }

  func run() async throws {
    try await perform(json: output.json) {
      let runway = try await CommandEnvironment.open(storeOptions).runway
      let resolver = try await runway.rollout(
        app: app, environment: self.environment, miniProgram: miniProgram)
      if let user {
        let decision = resolver.resolve(userID: user)
        Console(json: output.json).print(json: ResolutionJSON(decision)) {
          "\(decision.version ?? "none") (\(decision.reason.rawValue)\(decision.release.map { ", \($0)" } ?? ""))"
        }
      } else if let usersFile {
        try BatchResolution(resolver: resolver, json: output.json).run(path: usersFile)
      }
    }
  }
}
