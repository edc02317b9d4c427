#include "CSQLiteOptions.h"

#include <stdint.h>
#include <string.h>

int runway_sqlite_skip_checkpoint_on_close(sqlite3 *db) {
  return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

/// Whether `name` (length `length`) is one of the lines of `names`.
static int runway_is_line_of(const char *names, const char *name, size_t length) {
  const char *line = names;
  while (*line) {
    const char *end = strchr(line, '\n');
    size_t size = end ? (size_t)(end - line) : strlen(line);
    if (size == length && memcmp(line, name, length) == 0) return 1;
    if (!end) break;
    line = end + 1;
  }
  return 0;
}

int runway_sqlite_migrations_are(sqlite3 *db, const char *names) {
  sqlite3_stmt *statement = 0;
  if (sqlite3_prepare_v2(db, "SELECT identifier FROM grdb_migrations", -1, &statement, 0) != SQLITE_OK) {
    sqlite3_finalize(statement);
    return 0;
  }
  int expected = 0;
  for (const char *c = names; *c; c++) expected += (*c == '\n');
  if (*names && names[strlen(names) - 1] != '\n') expected += 1;
  int found = 0;
  int matches = 1;
  int step;
  while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(statement, 0);
    int length = sqlite3_column_bytes(statement, 0);
    found += 1;
    if (!name || !runway_is_line_of(names, name, (size_t)length)) matches = 0;
  }
  sqlite3_finalize(statement);
  return step == SQLITE_DONE && matches && found == expected;
}

/// The WAL limit and busy timeout a connection's hook uses, packed into its context pointer.
static int runway_truncating_wal_hook(void *context, sqlite3 *db, const char *name, int frames) {
  intptr_t packed = (intptr_t)context;
  int pages = (int)(packed & 0xffffffff);
  int busy = (int)(packed >> 32);
  if (frames < pages) return SQLITE_OK;
  sqlite3_busy_timeout(db, 0);
  sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, 0, 0);
  sqlite3_busy_timeout(db, busy);
  return SQLITE_OK;
}

int runway_sqlite_truncate_wal_at(sqlite3 *db, int pages, int busy_milliseconds) {
  if (pages < 1 || busy_milliseconds < 0) return SQLITE_MISUSE;
  intptr_t packed = ((intptr_t)busy_milliseconds << 32) | (intptr_t)pages;
  sqlite3_wal_hook(db, runway_truncating_wal_hook, (void *)packed);
  return SQLITE_OK;
}

int runway_sqlite_configure_library(void) {
  int multithread = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  int memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return multithread != SQLITE_OK ? multithread : memstatus;
}
