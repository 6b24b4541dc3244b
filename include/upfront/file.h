/* file — reading whole files and writing them atomically (the one platform-specific
 * module of the core). file_read_all returns a buffer the caller frees with free(). */
#ifndef UPFRONT_FILE_H
#define UPFRONT_FILE_H

#include <stddef.h>
#include <stdio.h>

typedef enum FileStatus {
    FILE_OK,
    FILE_ERR_OPEN,     /* missing or unreadable */
    FILE_ERR_TOO_BIG,  /* larger than the cap */
    FILE_ERR_IO,       /* read or write failed (errno says why) */
    FILE_ERR_NOMEM,
    FILE_ERR_NOT_REGULAR, /* not a regular file (a FIFO, a device, a folder): not read */
    FILE_ERR_EXISTS       /* file_write_new: every name it may use is taken */
} FileStatus;

/* Reads the whole file into a NUL-terminated buffer (*len excludes the NUL). Files larger
 * than max_bytes are refused with FILE_ERR_TOO_BIG. */
FileStatus file_read_all(const char *path, size_t max_bytes, char **out, size_t *len);

/* Writes data to path atomically: a temporary file in the same folder, fsync, rename,
 * fsync of the folder. On failure the previous file is intact and the temporary removed. */
FileStatus file_write_atomic(const char *path, const void *data, size_t len);

/* As file_read_all, but reads only a regular file: a FIFO, a device or a folder (also
 * behind a link) is refused with FILE_ERR_NOT_REGULAR without waiting on it. */
FileStatus file_read_regular(const char *path, size_t max_bytes, char **out, size_t *len);

/* Writes data into folder as a new file that never replaces another: "STEM.EXT", else
 * "STEM-2.EXT", "STEM-3.EXT"... (up to 999), created exclusively after the data is synced
 * (a temporary file, fsync, link or exclusive rename, fsync of the folder). The name
 * chosen is written to out (cap bytes). FILE_ERR_EXISTS when every name is taken. */
FileStatus file_write_new(const char *folder, const char *stem, const char *ext, const void *data,
                          size_t len, char *out, size_t cap);

/* Creates folder and every missing folder above it (mkdir -p). FILE_OK when it is a
 * folder afterwards; FILE_ERR_OPEN with errno otherwise (ENOTDIR when a file is in the way). */
FileStatus file_make_folders(const char *folder);

/* An output the user named: "-" writes to stdout; an existing target that is not a
 * regular file (a FIFO, /dev/stdout, a terminal) is written directly and never replaced;
 * anything else is written atomically (file_write_atomic). */
FileStatus file_write_output(const char *path, const void *data, size_t len);

/* 1 when path names something that exists and is not a regular file or a link to one. */
int file_is_special(const char *path);

/* The per-user folder was FOLDER/upfront/ (SDL_GetPrefPath("upfront", "upfront")) before
 * it became FOLDER itself (SDL_GetPrefPath("", "upfront")): the old folder is inside the
 * new one. Moves each entry of FOLDER/upfront/ up into FOLDER with rename() unless an entry
 * of that name is already there: then the old one stays where it is (a folder taken by a
 * folder is merged the same way), and one line on say (stderr when NULL) names what was
 * left. FOLDER/upfront/ is removed when empty. Never replaces or removes a file; a move
 * that fails is said on say and the rest carry on. Asked again for the same folder in one
 * process, does nothing. Returns the number of entries moved (0: no old folder), or -1
 * when something was left in the old folder. */
int file_move_old_user_folder(const char *folder, FILE *say);

/* A message for a status, with errno's text where it applies ("No space left on device"). */
const char *file_status_message(FileStatus st, int saved_errno);

#endif
