#ifndef RUNWAY_CPROCESSSPAWN_H
#define RUNWAY_CPROCESSSPAWN_H

#include <spawn.h>
#include <sys/types.h>

/// Makes the spawned program start in `path`. posix_spawn_file_actions_addchdir_np is a GNU
/// and Apple extension that Swift's Glibc module does not import. Returns 0 or an errno.
int runway_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// Makes the spawned program start with no open descriptor but 0, 1 and 2, whatever this
/// process inherited without close-on-exec. Returns 0 or an errno (0 where unsupported).
int runway_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

/// 1 when child `pid` has ended, 0 while it runs, -1 on error; the child is left to be reaped
/// (WNOWAIT), so its id stays taken while its process group is killed.
int runway_child_has_ended(pid_t pid);

/// A pipe whose two ends close when a program is started (so that no other program started
/// meanwhile inherits them). Returns 0, or -1 with errno set.
int runway_pipe(int fds[2]);

/// Creates and opens a file from `path_template` (ending in XXXXXX, replaced), closed when a
/// program is started. Returns the descriptor, or -1 with errno set.
int runway_temporary_file(char *path_template);

#endif
