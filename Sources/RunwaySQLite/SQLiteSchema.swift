import CSQLiteOptions
import GRDB
import RunwayEngine
import RunwaySQL

/// The SQLite schema, as named migrations: a later version adds a migration, never edits one.
enum SQLiteSchema {
  /// Brings the database to the current schema. One that is already there (every command but
  /// the first on a file) is told by its recorded migrations, read with SQLite's own API, and
  /// GRDB's migrator is not run (docs/benchmarks.md, W2).
  static func migrate(_ queue: DatabaseQueue) throws {
    let migrator = self.migrator
    var names = ""
    for name in migrator.migrations { names += name + "\n" }
    let current = queue.inDatabase { db in runway_sqlite_migrations_are(db.sqliteConnection, names) == 1 }
    if !current { try migrator.migrate(queue) }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE definitions (
            digest TEXT PRIMARY KEY NOT NULL,
            workflow TEXT NOT NULL,
            definition_json TEXT NOT NULL,
            source_path TEXT NOT NULL,
            source_text TEXT NOT NULL,
            stored_at INTEGER NOT NULL,
            position INTEGER NOT NULL
          );
          CREATE TABLE instances (
            id TEXT PRIMARY KEY NOT NULL,
            workflow TEXT NOT NULL,
            definition_digest TEXT NOT NULL REFERENCES definitions(digest),
            state TEXT NOT NULL,
            revision INTEGER NOT NULL,
            fields TEXT NOT NULL,
            initiator TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            position INTEGER NOT NULL
          );
          CREATE INDEX instances_by_workflow_state ON instances(workflow, state);
          CREATE TABLE unique_keys (
            key TEXT PRIMARY KEY NOT NULL,
            instance_id TEXT NOT NULL REFERENCES instances(id)
          );
          CREATE TABLE history (
            instance_id TEXT NOT NULL REFERENCES instances(id),
            revision INTEGER NOT NULL,
            event TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            actor TEXT NOT NULL,
            at INTEGER NOT NULL,
            params TEXT NOT NULL,
            note TEXT,
            PRIMARY KEY (instance_id, revision)
          );
          CREATE TABLE outbox (
            delivery_id TEXT PRIMARY KEY NOT NULL,
            instance_id TEXT NOT NULL REFERENCES instances(id),
            revision INTEGER NOT NULL,
            notification TEXT NOT NULL,
            recipients TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT
          );
          CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
          CREATE TABLE directory_records (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (kind, id)
          );
          CREATE TABLE settings (
            key TEXT NOT NULL,
            scope TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (key, scope)
          );
          """)
    }
    // History and outbox rows are found by their keys only, so they need no rowid: as
    // WITHOUT ROWID tables a transition writes one b-tree page for its history row instead of
    // two (table and key index), and the commit's WAL frames shrink with it. Each table is
    // rebuilt from its own stored definition, so the columns are exactly v1's.
    migrator.registerMigration("v2-keyed-history-and-outbox") { db in
      for table in ["history", "outbox"] {
        guard
          let create = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table])
        else { throw StoreError.corrupt("the database has no \(table) table") }
        let indexes = try String.fetchAll(
          db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
          arguments: [table])
        let keyed = create.replacingOccurrences(of: "CREATE TABLE \(table)", with: "CREATE TABLE \(table)_keyed")
        try db.execute(sql: keyed + " WITHOUT ROWID")
        try db.execute(sql: "INSERT INTO \(table)_keyed SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(table)_keyed RENAME TO \(table)")
        for index in indexes { try db.execute(sql: index) }
      }
    }
    // What lets a command read only what it needs (docs/deployment.md, "What a command
    // reads"): records by id, actors by workspace, instances by field value, the directory's
    // generation; and the audit history of settings and directory changes.
    migrator.registerMigration("v3-indexes-and-audit") { db in
      try db.execute(
        sql: """
          CREATE TABLE runway_meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
          CREATE TABLE directory_memberships (
            workspace TEXT NOT NULL, actor_id TEXT NOT NULL, PRIMARY KEY (workspace, actor_id)
          ) WITHOUT ROWID;
          CREATE INDEX directory_records_by_id ON directory_records(id);
          CREATE TABLE instance_fields (
            name TEXT NOT NULL, value TEXT NOT NULL, instance_id TEXT NOT NULL,
            PRIMARY KEY (name, value, instance_id)
          ) WITHOUT ROWID;
          CREATE INDEX instance_fields_by_instance ON instance_fields(instance_id);
          CREATE TABLE audit (
            position INTEGER PRIMARY KEY AUTOINCREMENT, operation TEXT NOT NULL, actor TEXT NOT NULL,
            at INTEGER NOT NULL, summary TEXT NOT NULL
          );
          """)
      let actors = try Row.fetchAll(db, sql: "SELECT id, body FROM directory_records WHERE kind = 'actors'")
      for row in actors {
        let id: String = row["id"]
        let directory = try DirectoryRecords.directory([("actors", id, row["body"])], store: "the database")
        for workspace in Set(directory.actors[id]?.memberships.map(\.workspace) ?? []) {
          try db.execute(sql: StoreSQL.sqlite(StoreSQL.insertMembership), arguments: [workspace, id])
        }
      }
      let instances = try Row.fetchAll(db, sql: "SELECT id, fields FROM instances")
      for row in instances {
        let id: String = row["id"]
        for entry in InstanceIndex.entries(try StoredValueCoding.decode(row["fields"])) {
          try db.execute(sql: StoreSQL.insertIndex, arguments: [entry.field, entry.value, id])
        }
      }
    }
    // The HTTP API's tokens, kept as hashes (docs/api.md, "Tokens").
    migrator.registerMigration("v4-api-tokens") { db in try db.execute(sql: StoreSQL.createTokens) }
    // Who runs a state's task, until when: a process that dies mid-task leaves a claim that
    // runs out, and `runway tasks resume` takes it over (docs/deployment.md).
    migrator.registerMigration("v5-task-leases") { db in
      try db.execute(
        sql: "CREATE TABLE task_leases (instance_id TEXT PRIMARY KEY NOT NULL, until INTEGER NOT NULL) WITHOUT ROWID")
    }
    // Timers set by the commits that enter a state (docs/workflow-format.md, "Timers").
    migrator.registerMigration("v6-timers") { db in
      try db.execute(sql: StoreSQL.createTimers)
      try db.execute(sql: StoreSQL.createTimersIndex)
    }
    // What a fired timer's commit writes, and what a worker's claim reads (W8). Timers are
    // found by their keys only, so as a WITHOUT ROWID table the commit that clears an
    // instance's timers writes one b-tree page fewer (no separate key index), as history's
    // did (v2). And a worker claims due timers in the order (due_at, instance_id, event):
    // with only due_at indexed, every claim sorted all due timers to take a batch; the index
    // in that order answers the claim and stops at its limit. It replaces the one on due_at.
    migrator.registerMigration("v7-keyed-timers-in-claim-order") { db in
      let keyed = StoreSQL.createTimers.replacingOccurrences(
        of: "CREATE TABLE timers", with: "CREATE TABLE timers_keyed")
      try db.execute(sql: keyed + " WITHOUT ROWID")
      try db.execute(
        sql: """
          INSERT INTO timers_keyed SELECT * FROM timers;
          DROP TABLE timers;
          ALTER TABLE timers_keyed RENAME TO timers;
          CREATE INDEX timers_in_claim_order ON timers (due_at, instance_id, event);
          """)
    }
    // An instance's head and its history in one WITHOUT ROWID b-tree, `journal`, keyed by
    // (instance, revision) with the head at the largest revision: a transition's two writes,
    // the head's compare-and-swap and the history row appended just before it, usually land
    // on one page, and a commit costs its pages (docs/benchmarks.md, W4). `instances` and
    // `history` stay as views, so every read is unchanged; the writes are `SQLiteJournal`'s.
    // A view cannot be a foreign key's parent, so `unique_keys` and `outbox` are rebuilt
    // without theirs (the store writes them only beside the head they name).
    migrator.registerMigration("v8-instances-and-history-in-one-tree") { db in
      try db.execute(
        sql: """
          CREATE TABLE journal (
            instance_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            event TEXT, from_state TEXT, to_state TEXT, actor TEXT, at INTEGER, params TEXT, note TEXT,
            workflow TEXT, definition_digest TEXT REFERENCES definitions(digest), state TEXT,
            head_revision INTEGER, fields TEXT, initiator TEXT, created_at INTEGER, updated_at INTEGER,
            position INTEGER,
            PRIMARY KEY (instance_id, revision)
          ) WITHOUT ROWID;
          INSERT INTO journal (instance_id, revision, event, from_state, to_state, actor, at, params, note)
            SELECT instance_id, revision, event, from_state, to_state, actor, at, params, note FROM history;
          INSERT INTO journal (instance_id, revision, workflow, definition_digest, state, head_revision, fields,
              initiator, created_at, updated_at, position)
            SELECT id, \(SQLiteJournal.head), workflow, definition_digest, state, revision, fields, initiator,
              created_at, updated_at, position FROM instances;
          CREATE TABLE unique_keys_unbound (key TEXT PRIMARY KEY NOT NULL, instance_id TEXT NOT NULL);
          INSERT INTO unique_keys_unbound SELECT key, instance_id FROM unique_keys;
          CREATE TABLE outbox_unbound (
            delivery_id TEXT PRIMARY KEY NOT NULL, instance_id TEXT NOT NULL, revision INTEGER NOT NULL,
            notification TEXT NOT NULL, recipients TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
            payload TEXT NOT NULL, created_at INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL, last_error TEXT
          ) WITHOUT ROWID;
          INSERT INTO outbox_unbound (\(StoreRows.outboxColumns)) SELECT \(StoreRows.outboxColumns) FROM outbox;
          DROP TABLE history;
          DROP TABLE unique_keys;
          DROP TABLE outbox;
          DROP TABLE instances;
          ALTER TABLE unique_keys_unbound RENAME TO unique_keys;
          ALTER TABLE outbox_unbound RENAME TO outbox;
          CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
          CREATE VIEW instances AS
            SELECT instance_id AS id, workflow, definition_digest, state, head_revision AS revision, fields,
              initiator, created_at, updated_at, position
            FROM journal WHERE revision = \(SQLiteJournal.head);
          CREATE VIEW history AS
            SELECT \(StoreRows.historyColumns) FROM journal WHERE revision < \(SQLiteJournal.head);
          CREATE INDEX instances_by_workflow_state ON journal(workflow, state) WHERE revision = \(SQLiteJournal.head);
          CREATE INDEX instances_by_position ON journal(position) WHERE revision = \(SQLiteJournal.head);
          """)
    }
    // Timers keyed in claim order, with no other index, and each instance's list in its head
    // row (`SQLiteTimers`): a fired timer's commit writes one page of timers instead of two
    // (docs/benchmarks.md, W8). The lists are the JSON `SQLiteTimers.encode` writes.
    migrator.registerMigration("v9-timers-in-claim-order-beside-the-head") { db in
      try db.execute(
        sql: """
          ALTER TABLE journal ADD COLUMN timers TEXT;
          UPDATE journal SET timers = (
              SELECT json_group_array(json_array(state, event, revision, due_at, remaining))
              FROM (SELECT * FROM timers t WHERE t.instance_id = journal.instance_id ORDER BY state, event))
            WHERE revision = \(SQLiteJournal.head) AND instance_id IN (SELECT instance_id FROM timers);
          CREATE TABLE timers_keyed_by_due (
            due_at INTEGER NOT NULL, instance_id TEXT NOT NULL, state TEXT NOT NULL, event TEXT NOT NULL,
            revision INTEGER NOT NULL, remaining INTEGER NOT NULL, claimed_until INTEGER NOT NULL,
            PRIMARY KEY (due_at, instance_id, state, event)
          ) WITHOUT ROWID;
          INSERT INTO timers_keyed_by_due (due_at, instance_id, state, event, revision, remaining, claimed_until)
            SELECT due_at, instance_id, state, event, revision, remaining, claimed_until FROM timers;
          DROP TABLE timers;
          ALTER TABLE timers_keyed_by_due RENAME TO timers;
          """)
    }
    // The console's sessions, so that every process on the file knows them and a restart
    // keeps them (docs/console.md, "Sessions").
    migrator.registerMigration("v10-console-sessions") { db in
      try db.execute(sql: StoreSQL.createConsoleSessions)
      try db.execute(sql: StoreSQL.createConsoleSessionsIndex)
    }
    return migrator
  }
}
