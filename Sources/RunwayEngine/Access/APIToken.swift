import Foundation

/// A bearer token of the HTTP API as the store keeps it: who it acts as, what it may do, and
/// the SHA-256 of its secret (docs/api.md, "Tokens").
public struct APIToken: Sendable, Hashable, Codable {
  /// The public part of the token (`t-…`), for listing and revoking.
  public var id: String
  /// The lowercase hex SHA-256 of the whole token text.
  public var hash: String
  /// The actor every request with this token acts as.
  public var actor: String
  public var scopes: Set<TokenScope>
  public var createdAt: Date
  public var expiresAt: Date?
  public var revokedAt: Date?

  public init(
    id: String, hash: String, actor: String, scopes: Set<TokenScope>, createdAt: Date, expiresAt: Date?,
    revokedAt: Date? = nil
  ) {
    self.id = id
    self.hash = hash
    self.actor = actor
    self.scopes = scopes
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.revokedAt = revokedAt
  }

  /// Whether the token may do what `scope` covers: `admin` covers everything, `operate` covers
  /// `resolve` too.
  public func grants(_ scope: TokenScope) -> Bool {
    scopes.contains { $0.covers(scope) }
  }

  /// The scopes as stored: names sorted, joined by commas.
  public var scopeList: String { scopes.map(\.rawValue).sorted().joined(separator: ",") }
}

/// What a token may do (docs/api.md, "Scopes").
public enum TokenScope: String, Sendable, Hashable, Codable, CaseIterable {
  /// Read which version users get: `resolve` and the rollout manifest only (the super app's servers).
  case resolve
  /// Work on releases: workflows, instances, events, notifications, definitions; and resolve.
  case operate
  /// Everything, including the directory, settings, the audit history, retries and migrations.
  case admin

  /// Whether holding `self` allows what `other` needs.
  public func covers(_ other: TokenScope) -> Bool {
    switch self {
    case .admin: return true
    case .operate: return other != .admin
    case .resolve: return other == .resolve
    }
  }

  /// The scopes written as `resolve,operate`, or the sentence naming the unknown one.
  public static func parse(_ names: [String]) throws(EngineError) -> Set<TokenScope> {
    var scopes = Set<TokenScope>()
    for name in names.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
      guard let scope = TokenScope(rawValue: name) else {
        throw .invalidInput(
          "unknown scope \"\(name)\": use \(TokenScope.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      scopes.insert(scope)
    }
    return scopes
  }
}

extension APIToken {
  /// The scopes a store kept as `scopeList`, or `corrupt` when one is unknown.
  public static func scopes(stored text: String) throws(StoreError) -> Set<TokenScope> {
    var scopes = Set<TokenScope>()
    for name in text.split(separator: ",") {
      guard let scope = TokenScope(rawValue: String(name)) else {
        throw .corrupt("a stored token has an unknown scope \"\(name)\"")
      }
      scopes.insert(scope)
    }
    return scopes
  }
}
