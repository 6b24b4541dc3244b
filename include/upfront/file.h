/* file — reading whole files and writing them atomically (the one platform-specific
 * module of the core). file_read_all returns a buffer the caller frees with free(). */
#ifndef UPFRONT_FILE_H
#define UPFRONT_FILE_H

#include <stddef.h>

typedef enum FileStatus {
    FILE_OK,
    FILE_ERR_OPEN,     /* missing or unreadable */
    FILE_ERR_TOO_BIG,  /* larger than the cap */
    FILE_ERR_IO,       /* read or write failed (errno says why) */
    FILE_ERR_NOMEM
} FileStatus;

/* Reads the whole file into a NUL-terminated buffer (*len excludes the NUL). Files larger
 * than max_bytes are refused with FILE_ERR_TOO_BIG. */
FileStatus file_read_all(const char *path, size_t max_bytes, char **out, size_t *len);

/* Writes data to path atomically: a temporary file in the same folder, fsync, rename,
 * fsync of the folder. On failure the previous file is intact and the temporary removed. */
FileStatus file_write_atomic(const char *path, const void *data, size_t len);

/* A message for a status, with errno's text where it applies ("No space left on device"). */
const char *file_status_message(FileStatus st, int saved_errno);

#endif
