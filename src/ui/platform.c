/* platform — folder listing, file times and the quit signal: the only file of the front
 * end with operating-system specific code. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif
#include "platform.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#if defined(_WIN32)
#include <windows.h>
#include <psapi.h>
#else
#include <dirent.h>
#include <sys/resource.h>
#endif

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int has_json_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0 && name[0] != '.';
}

static int list_add(PathList *out, int *cap, const char *dir, const char *name)
{
    if (out->count == *cap) {
        int ncap = *cap ? *cap * 2 : 16;
        char **np = realloc(out->paths, (size_t)ncap * sizeof *np);
        if (!np)
            return -1;
        out->paths = np;
        *cap = ncap;
    }
    size_t len = strlen(dir) + strlen(name) + 2;
    char *p = malloc(len);
    if (!p)
        return -1;
    SDL_snprintf(p, len, "%s/%s", dir, name);
    out->paths[out->count++] = p;
    return 0;
}

int platform_list_json(const char *dir, PathList *out)
{
    out->paths = NULL;
    out->count = 0;
    int cap = 0;
#if defined(_WIN32)
    char pattern[1024];
    SDL_snprintf(pattern, sizeof pattern, "%s\\*.json", dir);
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA(pattern, &fd);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    do {
        if (has_json_suffix(fd.cFileName) && list_add(out, &cap, dir, fd.cFileName) != 0)
            break;
    } while (FindNextFileA(h, &fd));
    FindClose(h);
#else
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (has_json_suffix(e->d_name) && list_add(out, &cap, dir, e->d_name) != 0)
            break;
    }
    closedir(d);
#endif
    if (out->count > 1)
        qsort(out->paths, (size_t)out->count, sizeof *out->paths, compare_paths);
    return 0;
}

void platform_list_free(PathList *list)
{
    for (int i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    list->paths = NULL;
    list->count = 0;
}

int64_t platform_mtime(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
#if defined(__linux__)
    /* nanoseconds, so that two saves within a second are both seen */
    return (int64_t)st.st_mtim.tv_sec * 1000000000 + (int64_t)st.st_mtim.tv_nsec + (int64_t)st.st_size;
#else
    return (int64_t)st.st_mtime * 1000000000 + (int64_t)st.st_size;
#endif
}

int platform_same_file(const char *a, const char *b)
{
#if defined(_WIN32)
    char fa[MAX_PATH], fb[MAX_PATH];
    if (!_fullpath(fa, a, sizeof fa) || !_fullpath(fb, b, sizeof fb))
        return 0;
    return _stricmp(fa, fb) == 0;
#else
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
#endif
}

int platform_is_file(const char *path)
{
    struct stat st;
    #if defined(_WIN32)
    return stat(path, &st) == 0 && (st.st_mode & _S_IFREG) != 0;
#else
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
#endif
}

static volatile sig_atomic_t quit_flag;

static void on_quit_signal(int sig)
{
    (void)sig;
    quit_flag = 1;
}

void platform_install_quit_handler(void)
{
    signal(SIGTERM, on_quit_signal);
    signal(SIGINT, on_quit_signal);
}

int platform_quit_requested(void)
{
    return quit_flag != 0;
}

int platform_make_dir(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return 0;
#if defined(_WIN32)
    return CreateDirectoryA(path, NULL) ? 0 : -1;
#else
    return mkdir(path, 0755) == 0 ? 0 : -1;
#endif
}

long long platform_peak_rss(void)
{
#if defined(_WIN32)
    PROCESS_MEMORY_COUNTERS pmc;
    if (GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc))
        return (long long)pmc.PeakWorkingSetSize;
    return -1;
#else
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
#if defined(__APPLE__)
    return (long long)ru.ru_maxrss; /* bytes on macOS */
#else
    return (long long)ru.ru_maxrss * 1024; /* kilobytes on Linux and the BSDs */
#endif
#endif
}
