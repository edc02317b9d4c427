#ifndef RUNWAY_SQLITE_FLOOR_H
#define RUNWAY_SQLITE_FLOOR_H

/// A SQLite file driven through the C API alone, on prepared statements: the floors W4 is
/// measured against (docs/benchmarks.md).
typedef struct runway_sqlite_floor runway_sqlite_floor;

/// Opens (creating) `path` in WAL mode with synchronous NORMAL and creates its tables; NULL
/// when SQLite refuses.
runway_sqlite_floor *runway_sqlite_floor_open(const char *path);

/// Seconds taken by `count` transactions of one row inserted each; negative on an error.
double runway_sqlite_floor_inserts(runway_sqlite_floor *floor, int count);

/// Seconds taken by `count` transactions shaped like a persisted transition with nothing
/// else around it: read the instance row, update it where its revision is the one read, and
/// insert a history row keyed by instance and revision; negative on an error.
double runway_sqlite_floor_transitions(runway_sqlite_floor *floor, int count);

/// The same transition with its instance head and history in one b-tree: a WITHOUT ROWID
/// table keyed by (instance, revision) whose head row sits just after the newest history row,
/// so a transition's update and insert usually write one page (a layout Runway does not use
/// yet; measured to show what it would give). Negative on an error.
double runway_sqlite_floor_one_tree_transitions(runway_sqlite_floor *floor, int count);

void runway_sqlite_floor_close(runway_sqlite_floor *floor);

#endif
