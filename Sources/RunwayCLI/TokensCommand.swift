import ArgumentParser
import Foundation
import RunwayEngine
import RunwayPresentation

/// `runway tokens create | list | revoke`: the bearer tokens of `runway serve` (docs/api.md).
struct TokensCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokens",
    abstract: "Make, list and revoke the bearer tokens of the HTTP API.",
    discussion: """
      runway tokens create --actor wendy --expires 30d
      runway tokens create --actor superapp-backend --scope resolve
      Scopes: resolve (resolve and the rollout manifest only), operate (the default: releases, \
      and resolve), admin (everything, with the directory and settings). The token is printed \
      once; the store keeps only its SHA-256.
      """,
    subcommands: [Create.self, List.self, Revoke.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create", abstract: "Make a token acting as an actor; prints it once.")
    @Option(help: "The actor (a directory id) every request with the token acts as.")
    var actor: String
    @Option(help: "How long it lives: 30d, 12h, 45m, 3600s. Default: until revoked.")
    var expires: String?
    @Option(help: "resolve, operate or admin (repeatable; default operate).")
    var scope: [String] = []
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let scopes = try TokenScope.parse(scope)
        let lifetime = try expires.map { text throws(EngineError) in try TokenLifetime.parse(text) }
        let runway = try await CommandEnvironment.open(storeOptions).runway
        let issued = try await runway.createToken(
          actor: actor, scopes: scopes, lifetime: lifetime, caller: .storeOperator(as: nil))
        Console(json: output.json).print(json: TokenJSON(issued.token, text: issued.text)) { issued.text }
        if !output.json {
          Console.err(
            "token \(issued.token.id) acts as \(actor) with \(issued.token.scopeList)"
              + (issued.token.expiresAt.map { " until \(Timestamp.string($0))" } ?? "")
              + "; it is shown only now")
        }
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List tokens (never their text), oldest first.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let tokens = try await CommandEnvironment.open(storeOptions).runway.tokens(caller: .storeOperator(as: nil))
        Console(json: output.json).print(json: tokens.map { TokenJSON($0) }) {
          tokens.isEmpty
            ? "no tokens"
            : tokens.map { token in
              let status =
                token.revokedAt.map { "revoked \(Timestamp.string($0))" }
                ?? token.expiresAt.map { "expires \(Timestamp.string($0))" } ?? "no expiry"
              return "\(token.id)  \(token.actor)  \(token.scopeList)  \(status)"
            }.joined(separator: "\n")
        }
      }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "revoke", abstract: "Revoke a token: every request with it is refused from now on.")
    @Argument(help: "The token id (t…, see runway tokens list).")
    var id: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let token = try await CommandEnvironment.open(storeOptions).runway.revokeToken(
          id, caller: .storeOperator(as: nil))
        Console(json: output.json).print(json: TokenJSON(token)) { "\(token.id) (\(token.actor)) is revoked" }
      }
    }
  }
}
