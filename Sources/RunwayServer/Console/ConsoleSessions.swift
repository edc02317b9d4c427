import Foundation
import RunwayEngine

/// The console's sessions, kept in the store through the application API: every replica on
/// the store knows them and a restart keeps them. The store keeps only the SHA-256 of a
/// session's id; the id itself lives in the browser's cookie (docs/console.md, "Sessions").
struct ConsoleSessions: Sendable {
  let runway: Runway
  /// How long a session lasts at most; never longer than its token.
  let lifetime: TimeInterval

  /// Opens a session for a token's actor; the new session's id (for the cookie) and the session.
  func open(_ authentication: Authentication) async throws -> (id: String, session: ConsoleSession) {
    try await runway.openConsoleSession(authentication, lifetime: lifetime)
  }

  /// The live session with this id, or nil (unknown, or expired: then it is forgotten).
  func session(id: String) async throws -> ConsoleSession? { try await runway.consoleSession(id: id) }

  /// Ends the session with this id (sign-out); nothing when there is none.
  func close(id: String) async throws { try await runway.closeConsoleSession(id: id) }
}
