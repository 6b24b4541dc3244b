/* cli_common — option and number parsing, the data folder, checked output. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "upfront/file.h"

#if defined(_WIN32) && !defined(S_ISDIR)
#define S_ISDIR(m) (((m) & _S_IFMT) == _S_IFDIR)
#define S_ISREG(m) (((m) & _S_IFMT) == _S_IFREG)
#endif

#if defined(_WIN32)
#define PATH_LIST_SEP ';'
#define IS_SEP(c) ((c) == '/' || (c) == '\\')
#else
#define PATH_LIST_SEP ':'
#define IS_SEP(c) ((c) == '/')
#endif

const char *cli_program = "upfront";
const char *cli_argv0 = NULL;

static void verror(const char *cmd, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

static void verror(const char *cmd, const char *fmt, va_list ap)
{
    if (cmd)
        fprintf(stderr, "%s %s: ", cli_program, cmd);
    else
        fprintf(stderr, "%s: ", cli_program);
    vfprintf(stderr, fmt, ap);
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(cmd, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(cmd, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, " (try '%s %s --help')\n", cli_program, cmd);
    else
        fprintf(stderr, " (try '%s --help')\n", cli_program);
    return CLI_FAILURE;
}

static const CliOpt *find_opt(const CliOpt *opts, int nopts, const char *name, size_t len)
{
    for (int i = 0; i < nopts; i++)
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
            return &opts[i];
    return NULL;
}

int cli_parse_options(const CliCommand *cmd, int argc, char **argv, const CliOpt *opts,
                      int nopts, const char **pos, int *exit_code)
{
    int npos = 0;
    int only_positional = 0;
    unsigned char seen[64] = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_positional || a[0] != '-' || a[1] == '\0') {
            pos[npos++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("usage: %s %s\n  %s\n", cli_program, cmd->usage, cmd->summary);
            *exit_code = cli_finish(CLI_OK);
            return -1;
        }
        if (a[1] != '-') {
            *exit_code = cli_usage_error(cmd->name, "unknown option '%s'", a);
            return -1;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        const CliOpt *o = find_opt(opts, nopts, name, nlen);
        if (!o) {
            *exit_code = cli_usage_error(cmd->name, "unknown option '--%.*s'", (int)nlen, name);
            return -1;
        }
        int idx = (int)(o - opts);
        if (idx < 64) {
            if (seen[idx]) {
                *exit_code = cli_usage_error(cmd->name, "option '--%s' given twice", o->name);
                return -1;
            }
            seen[idx] = 1;
        }
        if (o->flag) {
            if (eq) {
                *exit_code = cli_usage_error(cmd->name, "option '--%s' takes no value", o->name);
                return -1;
            }
            *o->flag = 1;
            continue;
        }
        if (eq) {
            *o->value = eq + 1;
        } else if (i + 1 < argc) {
            *o->value = argv[++i];
        } else {
            *exit_code = cli_usage_error(cmd->name, "option '--%s' needs a value", o->name);
            return -1;
        }
    }
    return npos;
}

int cli_parse_u64(const char *s, uint64_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE || !end || *end != '\0')
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int cli_parse_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s)
        return -1;
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    errno = 0;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE || !end || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* --- files and folders --- */

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_file_exists(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

char *cli_join(const char *folder, const char *path)
{
    size_t a = strlen(folder), b = strlen(path);
    int need_sep = a > 0 && !IS_SEP(folder[a - 1]);
    char *out = malloc(a + b + 2);
    if (!out)
        return NULL;
    memcpy(out, folder, a);
    if (need_sep)
        out[a++] = '/';
    memcpy(out + a, path, b + 1);
    return out;
}

char *cli_dirname(const char *path)
{
    size_t cut = 0;
    for (size_t i = 0; path[i]; i++)
        if (IS_SEP(path[i]))
            cut = i;
    int has_sep = IS_SEP(path[cut]);
    if (!has_sep)
        return cli_join(".", "");
    if (cut == 0)
        cut = 1; /* "/file" -> "/" */
    char *out = malloc(cut + 1);
    if (!out)
        return NULL;
    memcpy(out, path, cut);
    out[cut] = '\0';
    return out;
}

int cli_path_is_absolute(const char *p)
{
#if defined(_WIN32)
    return IS_SEP(p[0]) || (p[0] && p[1] == ':');
#else
    return p[0] == '/';
#endif
}

/* The folder holding the executable, from argv[0] (searching PATH for a bare name). */
static char *exe_folder(void)
{
    const char *a0 = cli_argv0;
    if (!a0 || !*a0)
        return NULL;
    int has_sep = 0;
    for (const char *p = a0; *p; p++)
        if (IS_SEP(*p))
            has_sep = 1;
    if (has_sep)
        return cli_dirname(a0);
    const char *path = getenv("PATH");
    while (path && *path) {
        const char *end = strchr(path, PATH_LIST_SEP);
        size_t n = end ? (size_t)(end - path) : strlen(path);
        char *dir = malloc(n + 1);
        if (!dir)
            return NULL;
        memcpy(dir, path, n);
        dir[n] = '\0';
        char *cand = cli_join(n ? dir : ".", a0);
        if (cand && cli_file_exists(cand)) {
            free(cand);
            return dir;
        }
        free(cand);
        free(dir);
        path = end ? end + 1 : NULL;
    }
    return NULL;
}

static int has_default_scenario(const char *folder)
{
    char *p = cli_join(folder, "scenarios/" CLI_DEFAULT_SCENARIO ".json");
    int ok = p && cli_file_exists(p);
    free(p);
    return ok;
}

static void add_searched(char *searched, size_t cap, const char *folder)
{
    if (!searched || cap == 0)
        return;
    size_t used = strlen(searched);
    snprintf(searched + used, cap - used, "%s%s", used ? ", " : "", folder);
}

const char *cli_data_dir(char *searched, size_t cap)
{
    static char found[4096];
    if (searched && cap)
        searched[0] = '\0';
    const char *env = getenv("UPFRONT_DATA_DIR");
    if (env && *env) {
        add_searched(searched, cap, env);
        if (!is_dir(env) || strlen(env) >= sizeof found)
            return NULL;
        snprintf(found, sizeof found, "%s", env);
        return found;
    }
    char *exe = exe_folder();
    if (exe) {
        char *share = cli_join(exe, "../share/upfront");
        free(exe);
        if (share) {
            add_searched(searched, cap, share);
            if (has_default_scenario(share) && strlen(share) < sizeof found) {
                snprintf(found, sizeof found, "%s", share);
                free(share);
                return found;
            }
            free(share);
        }
    }
#if defined(UPFRONT_SOURCE_DIR)
    add_searched(searched, cap, UPFRONT_SOURCE_DIR);
    if (has_default_scenario(UPFRONT_SOURCE_DIR))
        return UPFRONT_SOURCE_DIR;
#endif
    return NULL;
}

char *cli_default_scenario_path(const char *cmd)
{
    char searched[8192];
    const char *dir = cli_data_dir(searched, sizeof searched);
    if (!dir) {
        cli_error(cmd,
                  "cannot find the default scenario scenarios/%s.json; searched: %s "
                  "(set UPFRONT_DATA_DIR to the folder that holds scenarios/)",
                  CLI_DEFAULT_SCENARIO, searched[0] ? searched : "nothing");
        return NULL;
    }
    char *p = cli_join(dir, "scenarios/" CLI_DEFAULT_SCENARIO ".json");
    if (!p) {
        cli_error(cmd, "out of memory");
        return NULL;
    }
    if (!cli_file_exists(p)) {
        cli_error(cmd, "cannot find the default scenario %s (data folder from UPFRONT_DATA_DIR)",
                  p);
        free(p);
        return NULL;
    }
    return p;
}

void cli_print_diags(const char *file, const DiagList *diags)
{
    if (diags && diag_count(diags) > 0)
        (void)diag_print(stderr, file, diags);
}

Scenario *cli_load_scenario(const char *cmd, const char *path, int *exit_code)
{
    DiagList *diags = diag_list_new();
    if (!diags) {
        cli_error(cmd, "out of memory");
        *exit_code = CLI_FAILURE;
        return NULL;
    }
    int unreadable = 0;
    Scenario *s = scenario_load_file(path, diags, &unreadable);
    diag_sort(diags);
    cli_print_diags(path, diags);
    diag_list_free(diags);
    if (!s)
        *exit_code = unreadable ? CLI_FAILURE : CLI_INVALID;
    return s;
}

char *cli_read_file(const char *cmd, const char *path, size_t max, size_t *len)
{
    char *buf = NULL;
    errno = 0;
    FileStatus st = file_read_all(path, max, &buf, len);
    if (st != FILE_OK) {
        int e = errno;
        if (st == FILE_ERR_TOO_BIG)
            cli_error(cmd, "%s: file too large (the limit is %zu bytes)", path, max);
        else
            cli_error(cmd, "%s: cannot read: %s", path, file_status_message(st, e));
        return NULL;
    }
    return buf;
}

int cli_finish(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno;
        fprintf(stderr, "%s: cannot write the output: %s\n", cli_program,
                e ? strerror(e) : "write error");
        return CLI_FAILURE;
    }
    return code;
}

int64_t cli_start_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    uint64_t v = 0;
    if (sde && *sde) {
        if (cli_parse_u64(sde, &v) == 0 && v <= (uint64_t)253402300799u) /* 9999-12-31 */
            return (int64_t)v;
        cli_error(NULL, "ignoring SOURCE_DATE_EPOCH=\"%s\": not a Unix time", sde);
    }
    time_t now = time(NULL);
    return now == (time_t)-1 ? 0 : (int64_t)now;
}

void cli_format_number(char *out, size_t cap, double v, int decimals)
{
    if (!(v == v) || v > 1e300 || v < -1e300) { /* NaN or huge: never printed as such */
        snprintf(out, cap, "0");
        return;
    }
    snprintf(out, cap, "%.*f", decimals, v);
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(out, "-0") == 0)
        snprintf(out, cap, "0");
}

double cli_now(void)
{
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) != TIME_UTC)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
