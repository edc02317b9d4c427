// The C-API floors of W4 (docs/benchmarks.md): what SQLite itself costs for the work, with
// no Swift, no GRDB and every statement prepared once.
#include "CSQLiteFloor.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct runway_sqlite_floor {
  sqlite3 *db;
  sqlite3_stmt *begin, *commit, *insert, *read, *update, *history, *headRead, *headUpdate, *journal;
  long long rows;
  long long revision;
};

static double now(void) {
  struct timespec time;
  clock_gettime(CLOCK_MONOTONIC, &time);
  return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **statement) {
  return sqlite3_prepare_v2(db, sql, -1, statement, NULL);
}

runway_sqlite_floor *runway_sqlite_floor_open(const char *path) {
  runway_sqlite_floor *floor = calloc(1, sizeof *floor);
  if (floor == NULL) return NULL;
  const char *schema =
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
      "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
      "CREATE TABLE instances (id TEXT PRIMARY KEY NOT NULL, state TEXT NOT NULL, revision INTEGER NOT NULL,"
      " fields TEXT NOT NULL, updated_at INTEGER NOT NULL);"
      "CREATE TABLE history (instance_id TEXT NOT NULL, revision INTEGER NOT NULL, event TEXT NOT NULL,"
      " actor TEXT NOT NULL, at INTEGER NOT NULL, params TEXT NOT NULL, PRIMARY KEY (instance_id, revision))"
      " WITHOUT ROWID;"
      "CREATE TABLE journal (instance_id TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL,"
      " fields TEXT NOT NULL, event TEXT, params TEXT, PRIMARY KEY (instance_id, revision)) WITHOUT ROWID;"
      "INSERT INTO instances VALUES ('r-floor', 'pilot-testing', 0, '{}', 0);"
      "INSERT INTO journal VALUES ('r-floor', 9223372036854775807, 'pilot-testing', '{\"revision\":0}', NULL, NULL);";
  if (sqlite3_open(path, &floor->db) != SQLITE_OK || sqlite3_exec(floor->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
      prepare(floor->db, "BEGIN IMMEDIATE", &floor->begin) != SQLITE_OK ||
      prepare(floor->db, "COMMIT", &floor->commit) != SQLITE_OK ||
      prepare(floor->db, "INSERT INTO t (body) VALUES (?)", &floor->insert) != SQLITE_OK ||
      prepare(floor->db, "SELECT state, revision, fields FROM instances WHERE id = ?", &floor->read) != SQLITE_OK ||
      prepare(floor->db, "UPDATE instances SET revision = ?, fields = ?, updated_at = ? WHERE id = ? AND revision = ?",
              &floor->update) != SQLITE_OK ||
      prepare(floor->db, "INSERT INTO history VALUES (?, ?, 'update-testers', 'alice', ?, ?)", &floor->history) !=
          SQLITE_OK ||
      prepare(floor->db, "SELECT state, fields FROM journal WHERE instance_id = ? AND revision = 9223372036854775807",
              &floor->headRead) != SQLITE_OK ||
      prepare(floor->db,
              "UPDATE journal SET fields = ? WHERE instance_id = ? AND revision = 9223372036854775807 AND fields = ?",
              &floor->headUpdate) != SQLITE_OK ||
      prepare(floor->db, "INSERT INTO journal VALUES (?, ?, 'pilot-testing', ?, 'update-testers', ?)",
              &floor->journal) != SQLITE_OK) {
    runway_sqlite_floor_close(floor);
    return NULL;
  }
  return floor;
}

static int step(sqlite3_stmt *statement) {
  int result = sqlite3_step(statement);
  sqlite3_reset(statement);
  return result == SQLITE_DONE || result == SQLITE_ROW ? 0 : -1;
}

double runway_sqlite_floor_inserts(runway_sqlite_floor *floor, int count) {
  char body[64];
  double start = now();
  for (int index = 0; index < count; index++) {
    snprintf(body, sizeof body, "row %lld", floor->rows++);
    if (step(floor->begin) != 0) return -1;
    sqlite3_bind_text(floor->insert, 1, body, -1, SQLITE_TRANSIENT);
    if (step(floor->insert) != 0) return -1;
    if (step(floor->commit) != 0) return -1;
  }
  return now() - start;
}

double runway_sqlite_floor_transitions(runway_sqlite_floor *floor, int count) {
  char fields[96], params[64];
  double start = now();
  for (int index = 0; index < count; index++) {
    if (step(floor->begin) != 0) return -1;
    sqlite3_bind_text(floor->read, 1, "r-floor", -1, SQLITE_STATIC);
    if (sqlite3_step(floor->read) != SQLITE_ROW) return -1;
    long long revision = sqlite3_column_int64(floor->read, 1);
    sqlite3_reset(floor->read);
    snprintf(fields, sizeof fields, "{\"testers\":{\"$set\":[\"u-%lld\"]},\"version\":\"1.0.0\"}", revision + 1);
    snprintf(params, sizeof params, "{\"testers\":{\"$set\":[\"u-%lld\"]}}", revision + 1);
    sqlite3_bind_int64(floor->update, 1, revision + 1);
    sqlite3_bind_text(floor->update, 2, fields, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(floor->update, 3, revision);
    sqlite3_bind_text(floor->update, 4, "r-floor", -1, SQLITE_STATIC);
    sqlite3_bind_int64(floor->update, 5, revision);
    if (step(floor->update) != 0 || sqlite3_changes(floor->db) != 1) return -1;
    sqlite3_bind_text(floor->history, 1, "r-floor", -1, SQLITE_STATIC);
    sqlite3_bind_int64(floor->history, 2, revision + 1);
    sqlite3_bind_int64(floor->history, 3, revision);
    sqlite3_bind_text(floor->history, 4, params, -1, SQLITE_TRANSIENT);
    if (step(floor->history) != 0) return -1;
    if (step(floor->commit) != 0) return -1;
  }
  return now() - start;
}

double runway_sqlite_floor_one_tree_transitions(runway_sqlite_floor *floor, int count) {
  char fields[96], params[64], before[96];
  double start = now();
  for (int index = 0; index < count; index++) {
    if (step(floor->begin) != 0) return -1;
    sqlite3_bind_text(floor->headRead, 1, "r-floor", -1, SQLITE_STATIC);
    if (sqlite3_step(floor->headRead) != SQLITE_ROW) return -1;
    snprintf(before, sizeof before, "%s", (const char *)sqlite3_column_text(floor->headRead, 1));
    sqlite3_reset(floor->headRead);
    long long revision = floor->revision++;
    snprintf(fields, sizeof fields, "{\"revision\":%lld,\"testers\":{\"$set\":[\"u-%lld\"]}}", revision + 1, revision);
    snprintf(params, sizeof params, "{\"testers\":{\"$set\":[\"u-%lld\"]}}", revision + 1);
    sqlite3_bind_text(floor->headUpdate, 1, fields, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(floor->headUpdate, 2, "r-floor", -1, SQLITE_STATIC);
    sqlite3_bind_text(floor->headUpdate, 3, before, -1, SQLITE_TRANSIENT);
    if (step(floor->headUpdate) != 0 || sqlite3_changes(floor->db) != 1) return -1;
    sqlite3_bind_text(floor->journal, 1, "r-floor", -1, SQLITE_STATIC);
    sqlite3_bind_int64(floor->journal, 2, revision + 1);
    sqlite3_bind_text(floor->journal, 3, fields, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(floor->journal, 4, params, -1, SQLITE_TRANSIENT);
    if (step(floor->journal) != 0) return -1;
    if (step(floor->commit) != 0) return -1;
  }
  return now() - start;
}

void runway_sqlite_floor_close(runway_sqlite_floor *floor) {
  if (floor == NULL) return;
  sqlite3_stmt *statements[] = {floor->begin,   floor->commit,   floor->insert,     floor->read,
                                floor->update,  floor->history,  floor->headRead,   floor->headUpdate,
                                floor->journal};
  for (size_t index = 0; index < sizeof statements / sizeof statements[0]; index++) sqlite3_finalize(statements[index]);
  sqlite3_close(floor->db);
  free(floor);
}
