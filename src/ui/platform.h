/* platform — the few operating-system calls SDL2 does not cover (listing a folder, a
 * file's modification time, a signal flag). Nothing here allocates except
 * platform_list_json, whose list the caller frees with platform_list_free. */
#ifndef UPFRONT_UI_PLATFORM_H
#define UPFRONT_UI_PLATFORM_H

#include <stdint.h>

typedef struct PathList {
    char **paths; /* full paths, sorted by name */
    int count;
} PathList;

/* Lists dir/ *.json into out (sorted); returns 0, or -1 when the folder can't be read
 * (out is then empty). */
int platform_list_json(const char *dir, PathList *out);
void platform_list_free(PathList *list);

/* A number that changes whenever the file is written (its modification time, finest
 * available, mixed with its size), or -1 when it can't be read. */
int64_t platform_mtime(const char *path);

/* 1 when the two paths name the same existing file. */
int platform_same_file(const char *a, const char *b);

/* 1 when path names an existing regular file. */
int platform_is_file(const char *path);

/* Installs a SIGTERM (and SIGINT) handler that only sets a flag; platform_quit_requested
 * then returns 1. */
void platform_install_quit_handler(void);
int platform_quit_requested(void);

/* Creates a folder (one level) if it does not exist; returns 0 when it exists after. */
int platform_make_dir(const char *path);
/* The most resident memory this process has used so far, in bytes (getrusage ru_maxrss,
 * or the peak working set on Windows); -1 when the system can't tell. */
long long platform_peak_rss(void);

#endif

