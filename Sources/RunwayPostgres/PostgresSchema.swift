import Logging
import PostgresNIO
import RunwayEngine
import RunwaySQL

/// The PostgreSQL schema as named migrations, applied under an advisory lock so that many
/// processes starting at once migrate exactly once.
enum PostgresSchema {
  static let migrations: [(name: String, sql: [String])] = [
    (
      "v1",
      [
        """
        CREATE TABLE definitions (digest TEXT PRIMARY KEY, workflow TEXT NOT NULL, definition_json TEXT NOT NULL,
          source_path TEXT NOT NULL, source_text TEXT NOT NULL, stored_at BIGINT NOT NULL, position BIGSERIAL)
        """,
        """
        CREATE TABLE instances (id TEXT PRIMARY KEY, workflow TEXT NOT NULL,
          definition_digest TEXT NOT NULL REFERENCES definitions(digest), state TEXT NOT NULL, revision INTEGER NOT NULL,
          fields TEXT NOT NULL, initiator TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
          position BIGSERIAL)
        """,
        "CREATE INDEX instances_by_workflow_state ON instances(workflow, state)",
        "CREATE TABLE unique_keys (key TEXT PRIMARY KEY, instance_id TEXT NOT NULL REFERENCES instances(id))",
        """
        CREATE TABLE history (instance_id TEXT NOT NULL REFERENCES instances(id), revision INTEGER NOT NULL,
          event TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, actor TEXT NOT NULL, at BIGINT NOT NULL,
          params TEXT NOT NULL, note TEXT, PRIMARY KEY (instance_id, revision))
        """,
        """
        CREATE TABLE outbox (delivery_id TEXT PRIMARY KEY, instance_id TEXT NOT NULL REFERENCES instances(id),
          revision INTEGER NOT NULL, notification TEXT NOT NULL, recipients TEXT NOT NULL, subject TEXT NOT NULL,
          body TEXT NOT NULL, payload TEXT NOT NULL, created_at BIGINT NOT NULL, status TEXT NOT NULL,
          attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, last_error TEXT)
        """,
        "CREATE INDEX outbox_due ON outbox(status, next_attempt_at)",
        "CREATE TABLE directory_records (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id))",
        "CREATE TABLE settings (key TEXT NOT NULL, scope TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (key, scope))",
      ]
    ),
    // What lets a command read only what it needs (docs/deployment.md); existing actors and
    // instances are indexed by `backfill` in the same transaction.
    (
      "v2-indexes-and-audit",
      [
        "CREATE TABLE runway_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)",
        """
        CREATE TABLE directory_memberships (workspace TEXT NOT NULL, actor_id TEXT NOT NULL,
          PRIMARY KEY (workspace, actor_id))
        """,
        "CREATE INDEX directory_records_by_id ON directory_records(id)",
        """
        CREATE TABLE instance_fields (name TEXT NOT NULL, value TEXT NOT NULL, instance_id TEXT NOT NULL,
          PRIMARY KEY (name, value, instance_id))
        """,
        "CREATE INDEX instance_fields_by_instance ON instance_fields(instance_id)",
        """
        CREATE TABLE audit (position BIGSERIAL PRIMARY KEY, operation TEXT NOT NULL, actor TEXT NOT NULL,
          at BIGINT NOT NULL, summary TEXT NOT NULL)
        """,
      ]
    ),
    // The HTTP API's tokens, kept as hashes (docs/api.md, "Tokens").
    ("v3-api-tokens", [StoreSQL.createTokens]),
    // Who runs a state's task, until when (docs/deployment.md, "Tasks and crashes").
    ("v4-task-leases", ["CREATE TABLE task_leases (instance_id TEXT PRIMARY KEY, until BIGINT NOT NULL)"]),
    // Timers set by the commits that enter a state (docs/workflow-format.md, "Timers").
    ("v5-timers", [StoreSQL.createTimers, StoreSQL.createTimersIndex]),
    // The count of instance writes, moved by a trigger in the writing transaction itself, so
    // every replica's cache of rollout answers sees every commit (docs/api.md, "Caching").
    // The trigger is on history, the last row a commit writes but its outbox, so the counter
    // row stays locked only for the end of each transaction.
    (
      "v6-store-revision",
      [
        StoreSQL.seedRevision,
        """
        CREATE FUNCTION runway_move_revision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN \(StoreSQL.bumpRevision); RETURN NULL; END $$
        """,
        """
        CREATE TRIGGER history_moves_revision AFTER INSERT ON history
        FOR EACH ROW EXECUTE FUNCTION runway_move_revision()
        """,
      ]
    ),
    // The console's sessions, shared by every replica (docs/console.md, "Sessions").
    ("v7-console-sessions", [StoreSQL.createConsoleSessions, StoreSQL.createConsoleSessionsIndex]),
  ]

  /// Indexes what was stored before "v2-indexes-and-audit": actors' workspaces, instances' fields.
  static func backfill(_ connection: PostgresConnection, logger: Logger) async throws {
    let queries = PostgresSnapshotQueries(connection: connection, logger: logger)
    for row in try await queries.rows("SELECT id, body FROM directory_records WHERE kind = 'actors'", []) {
      let c = PostgresColumns(row)
      let id = try c.string("id")
      let directory = try DirectoryRecords.directory([("actors", id, try c.string("body"))], store: "the database")
      for workspace in Set(directory.actors[id]?.memberships.map(\.workspace) ?? []) {
        _ = try await queries.rows(StoreSQL.insertMembership, [workspace, id])
      }
    }
    for row in try await queries.rows("SELECT id, fields FROM instances", []) {
      let c = PostgresColumns(row)
      let id = try c.string("id")
      for entry in InstanceIndex.entries(try StoredValueCoding.decode(try c.string("fields"))) {
        _ = try await queries.rows(StoreSQL.insertIndex, [entry.field, entry.value, id])
      }
    }
  }

  static func migrate(_ client: PostgresClient, logger: Logger) async throws {
    try await client.withTransaction(logger: logger) { connection in
      // One lock number for Runway's migrations; held until this transaction ends.
      try await connection.query("SELECT pg_advisory_xact_lock(727007)", logger: logger)
      try await connection.query(
        "CREATE TABLE IF NOT EXISTS runway_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        logger: logger)
      var applied = Set<String>()
      for try await name in try await connection.query("SELECT name FROM runway_migrations", logger: logger).decode(
        String.self)
      {
        applied.insert(name)
      }
      for migration in migrations where !applied.contains(migration.name) {
        for statement in migration.sql {
          try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        if migration.name == "v2-indexes-and-audit" { try await backfill(connection, logger: logger) }
        try await connection.query("INSERT INTO runway_migrations (name) VALUES (\(migration.name))", logger: logger)
      }
    }
  }
}
