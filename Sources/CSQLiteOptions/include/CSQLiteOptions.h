#ifndef RUNWAY_CSQLITEOPTIONS_H
#define RUNWAY_CSQLITEOPTIONS_H

#include <sqlite3.h>

/// Leaves the WAL to the next automatic checkpoint when a connection closes, instead of
/// checkpointing (four fsyncs) at the end of every short command. sqlite3_db_config is
/// variadic, which Swift cannot call. Returns an SQLite result code.
int runway_sqlite_skip_checkpoint_on_close(sqlite3 *db);

/// Once a commit leaves `pages` or more frames in the WAL, checkpoints it and truncates it to
/// nothing, without waiting for other connections (it tries again at the next commit if one
/// is reading), then restores the busy timeout `busy_milliseconds`. For short-lived processes:
/// each one is the first to open the file, rebuilds the WAL's index from every frame, and forgets
/// what an earlier one checkpointed, so SQLite's own passive checkpoint never lets the WAL
/// start over (docs/deployment.md). Returns an SQLite result code.
int runway_sqlite_truncate_wal_at(sqlite3 *db, int pages, int busy_milliseconds);

/// 1 when the migrations GRDB recorded in `grdb_migrations` are exactly `names` (one per line,
/// in any order), 0 when they are not or the table is missing. Read with SQLite's own API:
/// GRDB's migrator reads them through generic code whose first use in a process costs a
/// short command a scan of every protocol conformance in the binary (docs/benchmarks.md, W2).
int runway_sqlite_migrations_are(sqlite3 *db, const char *names);

/// Sets SQLite up for the store, once per process and before any connection opens: no mutex
/// around each connection (every connection is used by one GRDB queue at a time, which is
/// what SQLite's multi-thread mode asks) and no global count of its memory (a mutex on every
/// allocation). Returns an SQLite result code (SQLITE_MISUSE once SQLite has started).
int runway_sqlite_configure_library(void);

#endif
