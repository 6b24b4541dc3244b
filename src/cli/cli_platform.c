/* cli_platform — the few operating-system calls of the command line: whether a stream is
 * a terminal, where the running executable is, and the per-user data folder. Everything
 * else in src/cli is portable C11. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include "cli.h"

#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#include <io.h>
#include <windows.h>
#else
#include <unistd.h>
#endif
#if defined(__APPLE__)
#include <mach-o/dyld.h>
#endif
#if defined(UPFRONT_HAVE_UI)
#include <SDL.h>
#endif

int cli_is_terminal(FILE *stream)
{
#if defined(_WIN32)
    return _isatty(_fileno(stream)) != 0;
#else
    return isatty(fileno(stream)) == 1;
#endif
}

#if defined(UPFRONT_HAVE_UI)
/* A malloc'd copy of s, or NULL. */
static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *out = malloc(n);
    if (out)
        memcpy(out, s, n);
    return out;
}
#endif

char *cli_exe_folder_os(void)
{
#if defined(UPFRONT_HAVE_UI)
    /* The game finds its assets with SDL_GetBasePath: the command line uses the same. */
    char *base = SDL_GetBasePath();
    if (!base)
        return NULL;
    char *out = dup_string(base);
    SDL_free(base);
    return out;
#elif defined(__linux__)
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0 || (size_t)n >= sizeof buf - 1)
        return NULL;
    buf[n] = '\0';
    return cli_dirname(buf);
#elif defined(_WIN32)
    char buf[MAX_PATH + 1];
    DWORD n = GetModuleFileNameA(NULL, buf, (DWORD)sizeof buf);
    if (n == 0 || n >= sizeof buf)
        return NULL;
    return cli_dirname(buf);
#elif defined(__APPLE__)
    char buf[4096];
    uint32_t size = sizeof buf;
    if (_NSGetExecutablePath(buf, &size) != 0)
        return NULL;
    char *real = realpath(buf, NULL);
    char *out = cli_dirname(real ? real : buf);
    free(real);
    return out;
#else
    return NULL; /* the caller falls back on argv[0] */
#endif
}

char *cli_user_dir(void)
{
    /* What SDL_GetPrefPath("", "upfront") names, computed without making it (SDL
     * makes the folder, and says nothing but NULL when it cannot): the window and the
     * command line agree on it, and paths can say why there is none. */
#if defined(_WIN32)
    const char *base = getenv("APPDATA");
    return base && *base ? cli_join(base, "upfront\\") : NULL;
#elif defined(__APPLE__)
    const char *home = getenv("HOME");
    return home && *home ? cli_join(home, "Library/Application Support/upfront/") : NULL;
#else
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg)
        return cli_join(xdg, "upfront/");
    const char *home = getenv("HOME");
    return home && *home ? cli_join(home, ".local/share/upfront/") : NULL;
#endif
}

const char *cli_user_dir_none(void)
{
#if defined(_WIN32)
    return "APPDATA is not set";
#elif defined(__APPLE__)
    return "HOME is not set";
#else
    return "neither XDG_DATA_HOME nor HOME is set";
#endif
}

int cli_user_dir_problem(const char *dir, char *why, size_t cap)
{
    if (cap)
        why[0] = '\0';
#if defined(_WIN32)
    (void)dir;
    return 0;
#else
    /* the nearest folder that exists must be writable for the rest to be made */
    char *p = cli_join(dir, "");
    if (!p)
        return 0;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    for (;;) {
        if (access(p, F_OK) == 0) {
            int ok = access(p, W_OK | X_OK) == 0;
            if (!ok)
                snprintf(why, cap, "%s cannot be written", p);
            free(p);
            return ok ? 0 : -1;
        }
        char *slash = strrchr(p, '/');
        if (!slash || slash == p) {
            free(p);
            return 0;
        }
        *slash = '\0';
    }
#endif
}
