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
#include <direct.h>
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

/* Reads the rest of fd into a NUL-terminated buffer (fd is closed). */
static FileStatus read_fd(int fd, size_t max_bytes, char **out, size_t *len)
{
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
    return read_fd(fd, max_bytes, out, len);
}

FileStatus file_read_regular(const char *path, size_t max_bytes, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!path || !*path) {
        errno = ENOENT;
        return FILE_ERR_OPEN;
    }
#if defined(_WIN32)
    struct _stat st;
    if (_stat(path, &st) != 0)
        return FILE_ERR_OPEN;
    if (!(st.st_mode & _S_IFREG)) {
        errno = EINVAL;
        return FILE_ERR_NOT_REGULAR;
    }
    int fd = OPEN_READ(path);
    if (fd < 0)
        return FILE_ERR_OPEN;
#else
    /* O_NONBLOCK: opening a FIFO with no writer must not wait */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return FILE_ERR_OPEN;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return FILE_ERR_IO;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        return FILE_ERR_NOT_REGULAR;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
#endif
    return read_fd(fd, max_bytes, out, len);
}

int file_is_special(const char *path)
{
    if (!path || !*path)
        return 0;
#if defined(_WIN32)
    struct _stat st;
    return _stat(path, &st) == 0 && !(st.st_mode & _S_IFREG);
#else
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
#endif
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

/* Writes data to a new temporary file beside path ("PATH.tmp-PID-N"), synced; returns
 * its name (caller frees with alloc_free) or NULL with errno (*st says why). */
static char *write_temp(const char *path, const void *data, size_t len, FileStatus *st)
{
    size_t tlen = strlen(path) + 64;
    char *tmp = alloc_malloc(tlen);
    if (!tmp) {
        *st = FILE_ERR_NOMEM;
        return NULL;
    }
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        int w = snprintf(tmp, tlen, "%s.tmp-%lu-%lu", path, CURRENT_PID(), next_temp_counter());
        if (w < 0 || (size_t)w >= tlen) {
            alloc_free(tmp);
            errno = ENAMETOOLONG;
            *st = FILE_ERR_OPEN;
            return NULL;
        }
        fd = OPEN_TEMP(tmp);
        if (fd < 0 && errno != EEXIST) {
            int e = errno;
            alloc_free(tmp);
            errno = e;
            *st = FILE_ERR_OPEN;
            return NULL;
        }
    }
    if (fd < 0) {
        alloc_free(tmp);
        errno = EEXIST;
        *st = FILE_ERR_OPEN;
        return NULL;
    }
    if (write_all(fd, data, len) != 0 || SYNC_FD(fd) != 0) {
        int e = errno;
        CLOSE_FD(fd);
        REMOVE_FILE(tmp);
        alloc_free(tmp);
        errno = e;
        *st = FILE_ERR_IO;
        return NULL;
    }
    if (CLOSE_FD(fd) != 0) {
        int e = errno;
        REMOVE_FILE(tmp);
        alloc_free(tmp);
        errno = e;
        *st = FILE_ERR_IO;
        return NULL;
    }
    *st = FILE_OK;
    return tmp;
}

FileStatus file_write_atomic(const char *path, const void *data, size_t len)
{
    if (!path || !*path || (!data && len > 0)) {
        errno = EINVAL;
        return FILE_ERR_OPEN;
    }
    FileStatus st;
    char *tmp = write_temp(path, data, len, &st);
    if (!tmp)
        return st;
    int e = 0;
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

/* Puts the finished temporary tmp at name only when nothing is there. Returns 0, 1 when
 * name is taken, or -1 with errno. */
static int place_new(const char *tmp, const char *name)
{
#if defined(_WIN32)
    if (MoveFileExA(tmp, name, MOVEFILE_WRITE_THROUGH))
        return 0;
    DWORD err = GetLastError();
    if (err == ERROR_ALREADY_EXISTS || err == ERROR_FILE_EXISTS)
        return 1;
    errno = EACCES;
    return -1;
#else
    if (link(tmp, name) == 0) {
        (void)unlink(tmp);
        return 0;
    }
    if (errno == EEXIST)
        return 1;
    if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS && errno != EMLINK &&
        errno != EACCES)
        return -1;
    /* no hard links here (FAT, some network shares): claim the name exclusively, then
     * move the complete file over the empty claim */
    int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        return errno == EEXIST ? 1 : -1;
    close(fd);
    if (rename(tmp, name) != 0) {
        int e = errno;
        (void)unlink(name);
        errno = e;
        return -1;
    }
    return 0;
#endif
}

FileStatus file_write_new(const char *folder, const char *stem, const char *ext, const void *data,
                          size_t len, char *out, size_t cap)
{
    if (!folder || !stem || !*stem || !ext || !out || cap == 0 || (!data && len > 0)) {
        errno = EINVAL;
        return FILE_ERR_OPEN;
    }
    out[0] = '\0';
    size_t flen = strlen(folder);
    const char *sep = flen == 0 || folder[flen - 1] == '/'
#if defined(_WIN32)
                              || folder[flen - 1] == '\\'
#endif
                          ? ""
                          : "/";
    size_t nlen = flen + strlen(stem) + strlen(ext) + 16;
    char *name = alloc_malloc(nlen);
    if (!name)
        return FILE_ERR_NOMEM;
    snprintf(name, nlen, "%s%s%s%s", folder, sep, stem, ext);
    FileStatus st;
    char *tmp = write_temp(name, data, len, &st);
    if (!tmp) {
        int e = errno;
        alloc_free(name);
        errno = e;
        return st;
    }
    FileStatus result = FILE_ERR_EXISTS;
    for (int k = 1; k <= 999; k++) {
        if (k > 1)
            snprintf(name, nlen, "%s%s%s-%d%s", folder, sep, stem, k, ext);
        int rc = place_new(tmp, name);
        if (rc == 1)
            continue;
        if (rc < 0) {
            result = FILE_ERR_IO;
            break;
        }
        if (strlen(name) >= cap) {
            errno = ENAMETOOLONG;
            result = FILE_ERR_IO; /* written, but the caller cannot be told where */
        } else {
            memcpy(out, name, strlen(name) + 1);
            result = FILE_OK;
        }
#if !defined(_WIN32)
        if (sync_folder(name) != 0 && result == FILE_OK)
            result = FILE_ERR_IO;
#endif
        break;
    }
    int e = errno;
    REMOVE_FILE(tmp); /* gone already when linked; removed when nothing took it */
    alloc_free(tmp);
    alloc_free(name);
    if (result == FILE_ERR_EXISTS)
        e = EEXIST;
    errno = e;
    return result;
}

FileStatus file_make_folders(const char *folder)
{
    if (!folder || !*folder) {
        errno = ENOENT;
        return FILE_ERR_OPEN;
    }
    size_t n = strlen(folder);
    char *p = alloc_malloc(n + 1);
    if (!p)
        return FILE_ERR_NOMEM;
    memcpy(p, folder, n + 1);
    for (size_t i = 1; i <= n; i++) {
        int sep = p[i] == '/' || p[i] == '\0'
#if defined(_WIN32)
                  || p[i] == '\\'
#endif
            ;
        if (!sep)
            continue;
        char keep = p[i];
        p[i] = '\0';
#if defined(_WIN32)
        if (!(i == 2 && p[1] == ':')) {
            struct _stat st;
            if (_stat(p, &st) != 0) {
                if (_mkdir(p) != 0 && errno != EEXIST) {
                    int e = errno;
                    alloc_free(p);
                    errno = e;
                    return FILE_ERR_OPEN;
                }
            } else if (!(st.st_mode & _S_IFDIR)) {
                alloc_free(p);
                errno = ENOTDIR;
                return FILE_ERR_OPEN;
            }
        }
#else
        struct stat st;
        if (stat(p, &st) != 0) {
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                int e = errno;
                alloc_free(p);
                errno = e;
                return FILE_ERR_OPEN;
            }
        } else if (!S_ISDIR(st.st_mode)) {
            alloc_free(p);
            errno = ENOTDIR;
            return FILE_ERR_OPEN;
        }
#endif
        p[i] = keep;
    }
    alloc_free(p);
    return FILE_OK;
}

FileStatus file_write_output(const char *path, const void *data, size_t len)
{
    if (!path || !*path || (!data && len > 0)) {
        errno = EINVAL;
        return FILE_ERR_OPEN;
    }
    if (strcmp(path, "-") == 0) {
        if ((len > 0 && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0) {
            if (errno == 0)
                errno = EIO;
            return FILE_ERR_IO;
        }
        return FILE_OK;
    }
    if (file_is_special(path)) {
        /* a device or a FIFO: written to, never replaced by a regular file */
#if defined(_WIN32)
        int fd = _open(path, _O_WRONLY | _O_BINARY);
#else
        int fd = open(path, O_WRONLY | O_NOCTTY);
#endif
        if (fd < 0)
            return FILE_ERR_OPEN;
        if (write_all(fd, data, len) != 0) {
            int e = errno;
            CLOSE_FD(fd);
            errno = e;
            return FILE_ERR_IO;
        }
        if (CLOSE_FD(fd) != 0)
            return FILE_ERR_IO;
        return FILE_OK;
    }
    return file_write_atomic(path, data, len);
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
    case FILE_ERR_NOT_REGULAR:
        return saved_errno == EISDIR ? "a folder, not a file" : "not a regular file";
    case FILE_ERR_EXISTS:
        return "every name for it is taken";
    case FILE_ERR_OPEN:
    case FILE_ERR_IO:
        if (saved_errno != 0)
            return strerror(saved_errno);
        return st == FILE_ERR_OPEN ? "cannot open the file" : "input/output error";
    }
    return "unknown error";
}

/* ---- the per-user folder's old layout (file_move_old_user_folder) ---- */

#if defined(_WIN32)
#define PATH_SEP "\\"
#define REMOVE_FOLDER(p) _rmdir(p)
#else
#define PATH_SEP "/"
#define REMOVE_FOLDER(p) rmdir(p)
#endif

#define OLD_FOLDER_NAME "upfront"
#define OLD_DEPTH_MAX 16
#define OLD_KEPT_CAP 600

typedef struct OldMove {
    FILE *say;
    const char *new_root;
    int moved;
    int kept;
    int failed;
    char kept_names[OLD_KEPT_CAP];
} OldMove;

static char *join_path(const char *folder, const char *name)
{
    size_t a = strlen(folder), b = strlen(name);
    while (a > 1 && (folder[a - 1] == '/' || folder[a - 1] == '\\'))
        a--;
    char *p = alloc_malloc(a + 1 + b + 1);
    if (!p)
        return NULL;
    memcpy(p, folder, a);
    p[a] = PATH_SEP[0];
    memcpy(p + a + 1, name, b + 1);
    return p;
}

/* 1 for anything at path, even a broken link; 2 for a folder (not a link to one). */
static int path_kind(const char *path)
{
#if defined(_WIN32)
    struct _stat st;
    if (_stat(path, &st) != 0)
        return 0;
    return (st.st_mode & _S_IFDIR) ? 2 : 1;
#else
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0;
    return S_ISDIR(st.st_mode) ? 2 : 1;
#endif
}

/* 1 when path is a folder or a link to one. */
static int is_folder_or_link_to_one(const char *path)
{
#if defined(_WIN32)
    return path_kind(path) == 2;
#else
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
#endif
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        alloc_free(names[i]);
    alloc_free(names);
}

/* The entries of folder but "." and "..", read before anything is moved. 0, or -1 with
 * errno. */
static int list_names(const char *folder, char ***out, int *count)
{
    char **names = NULL;
    int n = 0, cap = 0;
    *out = NULL;
    *count = 0;
#if defined(_WIN32)
    char *pattern = join_path(folder, "*");
    if (!pattern)
        return -1;
    struct _finddata_t fd;
    intptr_t h = _findfirst(pattern, &fd);
    alloc_free(pattern);
    if (h == -1)
        return errno == ENOENT ? 0 : -1;
    do {
        const char *name = fd.name;
#else
    DIR *d = opendir(folder);
    if (!d)
        return -1;
    struct dirent *e;
    while ((errno = 0, e = readdir(d)) != NULL) {
        const char *name = e->d_name;
#endif
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        if (n == cap) {
            int ncap = cap ? cap * 2 : 16;
            char **grown = alloc_realloc(names, (size_t)ncap * sizeof *names);
            if (!grown)
                break;
            names = grown;
            cap = ncap;
        }
        size_t len = strlen(name);
        names[n] = alloc_malloc(len + 1);
        if (!names[n])
            break;
        memcpy(names[n++], name, len + 1);
#if defined(_WIN32)
    } while (_findnext(h, &fd) == 0);
    _findclose(h);
#else
    }
    int e_read = errno;
    closedir(d);
    if (e_read != 0) {
        free_names(names, n);
        errno = e_read;
        return -1;
    }
#endif
    *out = names;
    *count = n;
    return 0;
}

static void note_kept(OldMove *m, const char *rel)
{
    size_t used = strlen(m->kept_names);
    if (m->kept < 8)
        snprintf(m->kept_names + used, sizeof m->kept_names - used, "%s%s", m->kept ? ", " : "", rel);
    else if (m->kept == 8)
        snprintf(m->kept_names + used, sizeof m->kept_names - used, ", ...");
    m->kept++;
}

/* Moves each entry of old into new unless its name is taken there; a folder whose name is
 * taken by a folder is merged the same way, then removed when empty. */
static void move_up(OldMove *m, const char *old, const char *new_dir, const char *rel, int depth)
{
    char **names;
    int n;
    if (list_names(old, &names, &n) != 0) {
        fprintf(m->say, "upfront: cannot read %s (%s): it stays where it is, and the game uses %s\n",
                old, strerror(errno), m->new_root);
        m->failed++;
        return;
    }
    for (int i = 0; i < n; i++) {
        char *src = join_path(old, names[i]);
        char *dst = join_path(new_dir, names[i]);
        char *relname = rel[0] ? join_path(rel, names[i]) : NULL;
        const char *shown = rel[0] ? relname : names[i];
        if (!src || !dst || !shown) {
            fprintf(m->say, "upfront: out of memory while moving %s\n", old);
            m->failed++;
        } else {
            int there = path_kind(dst);
            if (!there) {
                if (rename(src, dst) == 0) {
                    m->moved++;
                } else {
                    fprintf(m->say, "upfront: cannot move %s to %s (%s): it stays where it is, and "
                                    "the game uses %s\n",
                            src, dst, strerror(errno), m->new_root);
                    m->failed++;
                }
            } else if (path_kind(src) == 2 && is_folder_or_link_to_one(dst) && depth < OLD_DEPTH_MAX) {
                move_up(m, src, dst, shown, depth + 1);
                REMOVE_FOLDER(src); /* only when empty: what is left stays */
            } else {
                note_kept(m, shown);
            }
        }
        alloc_free(src);
        alloc_free(dst);
        alloc_free(relname);
    }
    free_names(names, n);
}

int file_move_old_user_folder(const char *folder, FILE *say)
{
    static char done_for[4096];
    if (!folder || !*folder)
        return 0;
    if (!say)
        say = stderr;
    size_t len = strlen(folder);
    while (len > 1 && (folder[len - 1] == '/' || folder[len - 1] == '\\'))
        len--;
    if (len < sizeof done_for && strncmp(done_for, folder, len) == 0 && done_for[len] == '\0')
        return 0; /* once a process: the command line and the window both ask */
    if (len < sizeof done_for) {
        memcpy(done_for, folder, len);
        done_for[len] = '\0';
    }
    char *old = join_path(folder, OLD_FOLDER_NAME);
    if (!old)
        return -1;
    if (path_kind(old) != 2) {
        alloc_free(old);
        return 0;
    }
    OldMove m;
    memset(&m, 0, sizeof m);
    m.say = say;
    m.new_root = folder;
    move_up(&m, old, folder, "", 0);
    int removed = REMOVE_FOLDER(old) == 0;
    if (m.moved > 0)
        fprintf(say, "upfront: the per-user folder is now %.*s: moved %d entr%s up from %s%s\n",
                (int)len, folder, m.moved, m.moved == 1 ? "y" : "ies", old, removed ? ", which is removed" : "");
    if (m.kept > 0)
        fprintf(say, "upfront: left %s in %s: %.*s already has entries of %s name%s, and nothing is "
                     "replaced (compare them and move or remove the old ones by hand)\n",
                m.kept_names, old, (int)len, folder, m.kept == 1 ? "that" : "those", m.kept == 1 ? "" : "s");
    alloc_free(old);
    return m.kept || m.failed ? -1 : m.moved;
}
