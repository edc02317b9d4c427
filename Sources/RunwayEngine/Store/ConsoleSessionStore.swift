import Foundation

/// The console's sessions, kept in the store so that every replica on it knows them and a
/// restart keeps them (docs/console.md, "Sessions").
public protocol ConsoleSessionStore: Sendable {
  /// Keeps a new session. First forgets every session expired by `now`, and keeps at most
  /// `limit` sessions of the session's token (the new one and the latest to expire).
  func openConsoleSession(_ session: ConsoleSession, now: Date, limit: Int) async throws(StoreError)
  /// The session whose id hashes to `idHash`, expired or not.
  func consoleSession(idHash: String) async throws(StoreError) -> ConsoleSession?
  /// Forgets the session whose id hashes to `idHash`; nothing when there is none.
  func closeConsoleSession(idHash: String) async throws(StoreError)
}
