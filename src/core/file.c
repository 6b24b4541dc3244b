/* file — whole-file reads and atomic writes: the one platform-specific file of the core.
 * POSIX: open/read/fsync/rename/fsync of the folder. Windows: _open/_commit/MoveFileExA. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700
#endif

#include "upfront/file.h"
#include "upfront/alloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <sys/stat.h>
#include <windows.h>
#else
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#endif

#define READ_CHUNK 65536u

#if defined(_WIN32)
typedef int io_size;
#define OPEN_READ(p) _open((p), _O_RDONLY | _O_BINARY)
#define OPEN_TEMP(p) _open((p), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY, _S_IREAD | _S_IWRITE)
#define READ_FD(fd, b, n) _read((fd), (b), (unsigned)(n))
#define WRITE_FD(fd, b, n) _write((fd), (b), (unsigned)(n))
#define CLOSE_FD(fd) _close(fd)
#define SYNC_FD(fd) _commit(fd)
#define REMOVE_FILE(p) _unlink(p)
#define CURRENT_PID() ((unsigned long)GetCurrentProcessId())
#else
typedef ssize_t io_size;
#define OPEN_READ(p) open((p), O_RDONLY)
#define OPEN_TEMP(p) open((p), O_WRONLY | O_CREAT | O_EXCL, 0644)
#define READ_FD(fd, b, n) read((fd), (b), (n))
#define WRITE_FD(fd, b, n) write((fd), (b), (n))
#define CLOSE_FD(fd) close(fd)
#define SYNC_FD(fd) fsync(fd)
#define REMOVE_FILE(p) unlink(p)
#define CURRENT_PID() ((unsigned long)getpid())
#endif

/* Largest single read or write request (fits every platform's count type). */
#define IO_MAX ((size_t)1 << 30)

FileStatus file_read_all(const char *path, size_t max_bytes, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!path || !*path) {
        errno = ENOENT;
        return FILE_ERR_OPEN;
    }
    int fd = OPEN_READ(path);
    if (fd < 0)
        return FILE_ERR_OPEN;
#if defined(_WIN32)
    struct _stat st;
    if (_fstat(fd, &st) == 0 && (st.st_mode & _S_IFDIR)) {
#else
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
#endif
        CLOSE_FD(fd);
        errno = EISDIR;
        return FILE_ERR_OPEN;
    }

    size_t cap = 0, used = 0;
    char *buf = NULL;
    for (;;) {
        if (used > max_bytes) {
            alloc_free(buf);
            CLOSE_FD(fd);
            return FILE_ERR_TOO_BIG;
        }
        if (cap - used < READ_CHUNK + 1) {
            size_t want = cap ? cap * 2 : READ_CHUNK + 1;
            if (want < used + READ_CHUNK + 1)
                want = used + READ_CHUNK + 1;
            char *grown = alloc_realloc(buf, want);
            if (!grown) {
                alloc_free(buf);
                CLOSE_FD(fd);
                return FILE_ERR_NOMEM;
            }
            buf = grown;
            cap = want;
        }
        io_size n = READ_FD(fd, buf + used, READ_CHUNK);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            alloc_free(buf);
            CLOSE_FD(fd);
            errno = e;
            return FILE_ERR_IO;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    CLOSE_FD(fd);
    if (used > max_bytes) {
        alloc_free(buf);
        return FILE_ERR_TOO_BIG;
    }
    buf[used] = '\0';
    *out = buf;
    *len = used;
    return FILE_OK;
}

/* Writes all of data, retrying short writes and interruptions. Returns 0 or -1 (errno). */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        size_t chunk = len < IO_MAX ? len : IO_MAX;
        io_size n = WRITE_FD(fd, data, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) {
            errno = EIO;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Length of the folder part of path, including its final separator (0 for a bare name). */
static size_t folder_length(const char *path)
{
    size_t cut = 0;
    for (size_t i = 0; path[i]; i++) {
        if (path[i] == '/'
#if defined(_WIN32)
            || path[i] == '\\' || path[i] == ':'
#endif
        )
            cut = i + 1;
    }
    return cut;
}

#if !defined(_WIN32)
/* Makes the rename durable by syncing the folder that holds path. Filesystems that cannot
 * sync a folder (EINVAL, EBADF) are accepted; any other failure is reported. */
static int sync_folder(const char *path)
{
    size_t cut = folder_length(path);
    char *dir = alloc_malloc(cut + 2);
    if (!dir)
        return -1;
    if (cut == 0) {
        dir[0] = '.';
        dir[1] = '\0';
    } else {
        memcpy(dir, path, cut);
        dir[cut] = '\0';
    }
    int fd = open(dir, O_RDONLY);
    alloc_free(dir);
    if (fd < 0)
        return (errno == EACCES) ? 0 : -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    if (rc != 0 && (e == EINVAL || e == EBADF || e == EROFS))
        rc = 0;
    errno = e;
    return rc;
}
#endif

static unsigned long next_temp_counter(void)
{
#if defined(_WIN32)
    static volatile LONG counter;
    return (unsigned long)InterlockedIncrement(&counter);
#else
    static atomic_ulong counter;
    return atomic_fetch_add(&counter, 1ul) + 1ul;
#endif
}

#if !defined(_WIN32)
/* Removes the temporary files "NAME.tmp-PID-N" that a writer killed mid-write left beside
 * path: those whose process no longer exists. Best effort: errors are ignored. */
static void remove_stale_temps(const char *path)
{
    size_t dlen = folder_length(path);
    const char *base = path + dlen;
    size_t blen = strlen(base);
    char *folder = alloc_malloc(dlen + 2);
    if (!folder)
        return;
    if (dlen == 0) {
        strcpy(folder, ".");
    } else {
        memcpy(folder, path, dlen);
        folder[dlen] = '\0';
    }
    DIR *dir = opendir(folder);
    if (dir) {
        const struct dirent *de;
        while ((de = readdir(dir)) != NULL) {
            const char *name = de->d_name;
            if (strncmp(name, base, blen) != 0 || strncmp(name + blen, ".tmp-", 5) != 0)
                continue;
            char *end = NULL;
            unsigned long pid = strtoul(name + blen + 5, &end, 10);
            if (!end || *end != '-' || pid == 0 || pid == CURRENT_PID() || pid > (unsigned long)INT32_MAX)
                continue;
            if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
                continue; /* its writer may still be at work */
            size_t nlen = strlen(name);
            char *full = alloc_malloc(dlen + nlen + 1);
            if (full) {
                memcpy(full, path, dlen);
                memcpy(full + dlen, name, nlen + 1);
                (void)unlink(full);
                alloc_free(full);
            }
        }
        closedir(dir);
    }
    alloc_free(folder);
}
#endif

FileStatus file_write_atomic(const char *path, const void *data, size_t len)
{
    if (!path || !*path || (!data && len > 0)) {
        errno = EINVAL;
        return FILE_ERR_OPEN;
    }
    size_t plen = strlen(path);
    size_t tlen = plen + 64;
    char *tmp = alloc_malloc(tlen);
    if (!tmp)
        return FILE_ERR_NOMEM;

    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        int w = snprintf(tmp, tlen, "%s.tmp-%lu-%lu", path, CURRENT_PID(), next_temp_counter());
        if (w < 0 || (size_t)w >= tlen) {
            alloc_free(tmp);
            errno = ENAMETOOLONG;
            return FILE_ERR_OPEN;
        }
        fd = OPEN_TEMP(tmp);
        if (fd < 0 && errno != EEXIST) {
            int e = errno;
            alloc_free(tmp);
            errno = e;
            return FILE_ERR_OPEN;
        }
    }
    if (fd < 0) {
        alloc_free(tmp);
        errno = EEXIST;
        return FILE_ERR_OPEN;
    }

    int e = 0;
    if (write_all(fd, data, len) != 0 || SYNC_FD(fd) != 0) {
        e = errno;
        CLOSE_FD(fd);
        goto fail;
    }
    if (CLOSE_FD(fd) != 0) {
        e = errno;
        goto fail;
    }
#if defined(_WIN32)
    if (!MoveFileExA(tmp, path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        e = EACCES;
        goto fail;
    }
#else
    if (rename(tmp, path) != 0) {
        e = errno;
        goto fail;
    }
    if (sync_folder(path) != 0) {
        /* The new file is in place; only its durability is in doubt. */
        e = errno;
        alloc_free(tmp);
        errno = e;
        return FILE_ERR_IO;
    }
    remove_stale_temps(path);
#endif
    alloc_free(tmp);
    return FILE_OK;

fail:
    REMOVE_FILE(tmp);
    alloc_free(tmp);
    errno = e;
    return FILE_ERR_IO;
}

const char *file_status_message(FileStatus st, int saved_errno)
{
    switch (st) {
    case FILE_OK:
        return "ok";
    case FILE_ERR_TOO_BIG:
        return "file too large";
    case FILE_ERR_NOMEM:
        return "out of memory";
    case FILE_ERR_OPEN:
    case FILE_ERR_IO:
        if (saved_errno != 0)
            return strerror(saved_errno);
        return st == FILE_ERR_OPEN ? "cannot open the file" : "input/output error";
    }
    return "unknown error";
}
