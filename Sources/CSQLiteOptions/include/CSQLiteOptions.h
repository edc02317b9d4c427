#ifndef RUNWAY_CSQLITEOPTIONS_H
#define RUNWAY_CSQLITEOPTIONS_H

#include <sqlite3.h>

/// Leaves the WAL to the next automatic checkpoint when a connection closes, instead of
/// checkpointing (four fsyncs) at the end of every short command. sqlite3_db_config is
/// variadic, which Swift cannot call. Returns an SQLite result code.
int runway_sqlite_skip_checkpoint_on_close(sqlite3 *db);

#endif
