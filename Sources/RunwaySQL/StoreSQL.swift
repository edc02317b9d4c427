import Foundation

/// The SQL both database stores run, written once with `?` placeholders; PostgreSQL numbers
/// them (`postgres(_:)`). A list parameter is one JSON array of strings (`jsonList`), read by
/// `json_each` on SQLite and `jsonb_array_elements_text` on PostgreSQL (`IN_LIST`).
public enum StoreSQL {
  /// Stands for the rows of a JSON-array parameter; each dialect replaces it.
  public static let listMarker = "IN_LIST(?)"

  /// The statement with `IN_LIST(?)` written for SQLite.
  public static func sqlite(_ statement: String) -> String {
    replacingListMarker(in: statement, with: "IN (SELECT value FROM json_each(?))")
  }

  private static let listMarkerBytes = Array("IN_LIST(".utf8)

  /// Whether the statement holds `IN_LIST(`, by a plain byte scan.
  static func hasListMarker(_ statement: String) -> Bool {
    let marker = listMarkerBytes
    var statement = statement
    return statement.withUTF8 { bytes in
      guard bytes.count >= marker.count else { return false }
      for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
        var offset = 1
        while offset < marker.count, bytes[start + offset] == marker[offset] { offset += 1 }
        if offset == marker.count { return true }
      }
      return false
    }
  }

  /// The statement with `$1, $2, …` placeholders and lists written for PostgreSQL.
  public static func postgres(_ statement: String) -> String {
    let listed = replacingListMarker(in: statement, with: "IN (SELECT jsonb_array_elements_text(?::jsonb))")
    var result = ""
    var number = 0
    for character in listed {
      if character == "?" {
        number += 1
        result += "$\(number)"
      } else {
        result.append(character)
      }
    }
    return result
  }

  /// `statement` with every `IN_LIST(?)` replaced. Byte-wise: Foundation's search cost a tenth
  /// of a persisted transition (W4) and a conformance scan at a short command's start (W2),
  /// docs/benchmarks.md.
  static func replacingListMarker(in statement: String, with replacement: String) -> String {
    // Most statements have no list, and the check runs on every statement of every
    // transition: Foundation's search cost a tenth of W4, and the standard library's generic
    // collection search (`utf8.contains(_:)`) a sixth (docs/benchmarks.md, W4).
    guard hasListMarker(statement) else { return statement }
    let text = Array(statement.utf8)
    let marker = Array(listMarker.utf8)
    var result: [UInt8] = []
    var index = 0
    while index < text.count {
      if text[index] == marker[0], index + marker.count <= text.count,
        text[index..<(index + marker.count)].elementsEqual(marker)
      {
        result.append(contentsOf: replacement.utf8)
        index += marker.count
      } else {
        result.append(text[index])
        index += 1
      }
    }
    return String(decoding: result, as: UTF8.self)
  }

  /// A list parameter: the strings as one JSON array.
  public static func jsonList(_ items: some Sequence<String>) -> String {
    var text = "["
    var first = true
    for item in items.sorted() {
      if !first { text += "," }
      first = false
      text += "\""
      for scalar in item.unicodeScalars {
        switch scalar {
        case "\"": text += "\\\""
        case "\\": text += "\\\\"
        case "\n": text += "\\n"
        case "\r": text += "\\r"
        case "\t": text += "\\t"
        default:
          if scalar.value < 0x20 {
            text +=
              "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
              + String(scalar.value, radix: 16)
          } else {
            text.unicodeScalars.append(scalar)
          }
        }
      }
      text += "\""
    }
    return text + "]"
  }

  // MARK: Snapshot reads (StoreSnapshot.assemble)

  public static let generation = "SELECT value FROM runway_meta WHERE key = 'generation'"
  public static let bumpGeneration = """
    INSERT INTO runway_meta (key, value) VALUES ('generation', 1)
    ON CONFLICT (key) DO UPDATE SET value = runway_meta.value + 1
    """
  public static let recordsByID = "SELECT kind, id, body FROM directory_records WHERE id IN_LIST(?)"
  public static let membersOf =
    "SELECT DISTINCT actor_id FROM directory_memberships WHERE workspace IN_LIST(?)"
  public static let settingsInScopes =
    "SELECT key, scope, value FROM settings WHERE scope = '' OR scope IN_LIST(?) ORDER BY key, scope"
  public static let lastActors = """
    SELECT event, actor FROM history WHERE instance_id = ? AND event IN_LIST(?) ORDER BY revision
    """
  public static let lastEntry = """
    SELECT instance_id, revision, event, from_state, to_state, actor, at, params, note
    FROM history WHERE instance_id = ? ORDER BY revision DESC LIMIT 1
    """
  public static let definitionByDigest = """
    SELECT digest, workflow, definition_json, source_path, source_text, stored_at
    FROM definitions WHERE digest = ?
    """

  // MARK: Index, memberships, audit

  public static let deleteIndex = "DELETE FROM instance_fields WHERE instance_id = ?"
  public static let insertIndex = "INSERT INTO instance_fields (name, value, instance_id) VALUES (?, ?, ?)"
  /// One field condition of a query, answered by the index.
  public static let indexedCondition =
    "id IN (SELECT instance_id FROM instance_fields WHERE name = ? AND value = ?)"
  public static let deleteMemberships = "DELETE FROM directory_memberships WHERE actor_id = ?"
  public static let insertMembership = """
    INSERT INTO directory_memberships (workspace, actor_id) VALUES (?, ?) ON CONFLICT DO NOTHING
    """
  public static let upsertRecord = """
    INSERT INTO directory_records (kind, id, body) VALUES (?, ?, ?)
    ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body
    """
  public static let upsertSetting = """
    INSERT INTO settings (key, scope, value) VALUES (?, ?, ?)
    ON CONFLICT (key, scope) DO UPDATE SET value = excluded.value
    """
  public static let insertAudit = "INSERT INTO audit (operation, actor, at, summary) VALUES (?, ?, ?, ?)"
  public static let auditEntries = "SELECT operation, actor, at, summary FROM audit ORDER BY position"
  public static let upsertTaskLease = """
    INSERT INTO task_leases (instance_id, until) VALUES (?, ?)
    ON CONFLICT (instance_id) DO UPDATE SET until = excluded.until
    """
  public static let deleteTaskLease = "DELETE FROM task_leases WHERE instance_id = ?"
  public static let taskLease = "SELECT until FROM task_leases WHERE instance_id = ?"
  public static let pinnedCounts =
    "SELECT definition_digest, COUNT(*) FROM instances GROUP BY definition_digest"
}

extension StoreSQL {
  // MARK: API tokens (docs/api.md, "Tokens"): only the SHA-256 of a token is kept.

  /// The token table, the same in both dialects.
  public static let createTokens = """
    CREATE TABLE api_tokens (id TEXT PRIMARY KEY NOT NULL, hash TEXT NOT NULL, actor TEXT NOT NULL,
      scopes TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT, revoked_at BIGINT)
    """
  public static let insertToken = """
    INSERT INTO api_tokens (id, hash, actor, scopes, created_at, expires_at, revoked_at)
    VALUES (?, ?, ?, ?, ?, ?, NULL)
    """
  public static let tokenByID = """
    SELECT id, hash, actor, scopes, created_at, expires_at, revoked_at FROM api_tokens WHERE id = ?
    """
  public static let allTokens = """
    SELECT id, hash, actor, scopes, created_at, expires_at, revoked_at FROM api_tokens ORDER BY created_at, id
    """
  /// Keeps the first revocation time.
  public static let revokeToken = "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?"
}

extension StoreSQL {
  // MARK: Store revision (docs/api.md, "Caching")

  /// The directory's generation and the count of instance writes, in one read.
  public static let revision = """
    SELECT COALESCE((SELECT value FROM runway_meta WHERE key = 'generation'), 0),
      COALESCE((SELECT value FROM runway_meta WHERE key = 'revision'), 0)
    """
  /// The row the history trigger counts in (PostgreSQL; SQLite needs no trigger, see
  /// `SQLiteInstanceStore.revision`).
  public static let seedRevision = "INSERT INTO runway_meta (key, value) VALUES ('revision', 0) ON CONFLICT DO NOTHING"
  /// What the trigger on `history` runs: every instance write appends exactly one history row.
  public static let bumpRevision = "UPDATE runway_meta SET value = value + 1 WHERE key = 'revision'"
}

extension StoreSQL {
  // MARK: Console sessions (docs/console.md, "Sessions"): kept by the SHA-256 of their ids.

  /// The session table, the same in both dialects.
  public static let createConsoleSessions = """
    CREATE TABLE console_sessions (id_hash TEXT PRIMARY KEY NOT NULL, token_id TEXT NOT NULL,
      actor TEXT NOT NULL, csrf TEXT NOT NULL, expires_at BIGINT NOT NULL)
    """
  public static let createConsoleSessionsIndex =
    "CREATE INDEX console_sessions_by_token ON console_sessions(token_id, expires_at)"
  public static let insertConsoleSession = """
    INSERT INTO console_sessions (id_hash, token_id, actor, csrf, expires_at) VALUES (?, ?, ?, ?, ?)
    """
  public static let consoleSessionByHash = """
    SELECT id_hash, token_id, actor, csrf, expires_at FROM console_sessions WHERE id_hash = ?
    """
  public static let deleteConsoleSession = "DELETE FROM console_sessions WHERE id_hash = ?"
  public static let deleteExpiredConsoleSessions = "DELETE FROM console_sessions WHERE expires_at <= ?"
  /// A token's sessions past the newest `limit` (the third value), the soonest to expire first.
  public static let deleteConsoleSessionsPastLimit = """
    DELETE FROM console_sessions WHERE token_id = ? AND id_hash NOT IN (
      SELECT id_hash FROM console_sessions WHERE token_id = ? ORDER BY expires_at DESC, id_hash LIMIT ?)
    """
}

extension StoreSQL {
  /// An instance's history in revision order: all of it, or its `last` entries (read newest
  /// first through the key, then put back in order).
  public static func history(of id: String, last: Int?) -> SQLStatement {
    let columns = StoreRows.historyColumns
    guard let last else {
      return SQLStatement("SELECT \(columns) FROM history WHERE instance_id = ? ORDER BY revision", [.text(id)])
    }
    return SQLStatement(
      """
      SELECT \(columns) FROM (SELECT \(columns) FROM history WHERE instance_id = ? ORDER BY revision DESC LIMIT ?)
        AS newest ORDER BY revision
      """, [.text(id), .integer(Int64(max(last, 0)))])
  }
}
