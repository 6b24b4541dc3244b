/* cli_common — option and number parsing, the data folder, checked output. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include "cli.h"
#include "upfront/strategy.h"

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
    cli_progress_end();
    if (cmd)
        fprintf(stderr, "%s %s: ", cli_program, cmd);
    else
        fprintf(stderr, "%s: ", cli_program);
    cli_vprint_safe(stderr, fmt, ap);
}

void cli_vprint_safe(FILE *out, const char *fmt, va_list ap)
{
    /* names and values in messages come from files and folders: nothing in them may
     * reach the terminal as a control sequence */
    char small[1024];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(again);
        return;
    }
    /* a newline that ends the format is the line's own; any other is escaped */
    size_t fl = strlen(fmt);
    int eol = fl > 0 && fmt[fl - 1] == '\n';
    char *text = small, *big = NULL;
    if ((size_t)n >= sizeof small && (big = malloc((size_t)n + 1)) != NULL) {
        vsnprintf(big, (size_t)n + 1, fmt, again);
        text = big;
    }
    size_t tl = strlen(text);
    if (eol && tl > 0 && text[tl - 1] == '\n')
        text[tl - 1] = '\0';
    diag_fputs_safe(out, text);
    if (eol)
        fputc('\n', out);
    free(big);
    va_end(again);
}

void cli_print_safe(FILE *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vprint_safe(out, fmt, ap);
    va_end(ap);
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
            cli_print_command_help(cmd);
            *exit_code = cli_finish(CLI_OK);
            return -1;
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            cli_quiet = 1;
            continue;
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

int cli_take_repeated(const char *cmd, int *argc, char **argv, const char *name,
                      const char **values, int *count)
{
    size_t nlen = strlen(name);
    int out = 1;
    *count = 0;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (i < *argc)
                argv[out++] = argv[i++];
            break;
        }
        if (strncmp(a, "--", 2) == 0 && strncmp(a + 2, name, nlen) == 0 &&
            (a[2 + nlen] == '\0' || a[2 + nlen] == '=')) {
            if (a[2 + nlen] == '=') {
                values[(*count)++] = a + 3 + nlen;
            } else if (i + 1 < *argc) {
                values[(*count)++] = argv[++i];
            } else {
                return cli_usage_error(cmd, "option '--%s' needs a value", name);
            }
            continue;
        }
        argv[out++] = argv[i];
    }
    *argc = out;
    return 0;
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

int cli_opt_seed(const char *cmd, const char *value, uint64_t *out)
{
    if (value && cli_parse_u64(value, out) != 0)
        return cli_usage_error(cmd,
                               "--seed: expected a whole number from 0 to 18446744073709551615, "
                               "got \"%s\"",
                               value);
    return 0;
}

int cli_opt_threads(const char *cmd, const char *value, long *out)
{
    if (value && cli_parse_long(value, 0, 256, out) != 0)
        return cli_usage_error(cmd,
                               "--threads: expected a whole number from 0 (one per core) to 256, "
                               "got \"%s\"",
                               value);
    return 0;
}

const Strategy *cli_find_strategy(const char *cmd, const char *name)
{
    const Strategy *st = strategy_find(name);
    if (st)
        return st;
    fprintf(stderr, "%s %s: unknown strategy \"%s\"; the strategies are:", cli_program, cmd, name);
    for (int i = 0; i < strategy_count(); i++)
        fprintf(stderr, " %s", strategy_name(strategy_get(i)));
    fprintf(stderr, "\n");
    return NULL;
}

/* --- files and folders --- */

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

int cli_check_user_dir(const char *cmd)
{
    char *dir = cli_user_dir();
    char why[1200];
    if (!dir) {
        cli_error(cmd, "there is no per-user folder for results, settings and the saved game "
                       "(%s): set HOME, or give --results DIR", cli_user_dir_none());
        return CLI_FAILURE;
    }
    errno = 0;
    FileStatus fs = cli_user_dir_problem(dir, why, sizeof why) == 0 ? file_make_folders(dir)
                                                                     : FILE_ERR_OPEN;
    if (fs != FILE_OK) {
        cli_error(cmd, "the per-user folder %s cannot be used (%s): set XDG_DATA_HOME or HOME "
                       "to a folder you can write, or give --results DIR", dir,
                  why[0] ? why : file_status_message(fs, errno));
        free(dir);
        return CLI_FAILURE;
    }
    /* the folder was upfront/upfront/ before: its files move up (said on stderr) */
    file_move_old_user_folder(dir, stderr);
    free(dir);
    return CLI_OK;
}

int cli_path_taken(const char *path)
{
    struct stat st;
#if defined(_WIN32)
    return stat(path, &st) == 0;
#else
    return lstat(path, &st) == 0;
#endif
}

int cli_folder_writable(const char *folder)
{
    /* the honest test: make a file there and remove it */
    char stem[64];
    snprintf(stem, sizeof stem, ".upfront-probe-%lld", (long long)time(NULL));
    char made[4200];
    FileStatus st = file_write_new(folder, stem, ".tmp", "", 0, made, sizeof made);
    if (st != FILE_OK)
        return 0;
    remove(made);
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
static char *exe_folder_from_argv0(void)
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

char *cli_exe_folder(void)
{
    char *dir = cli_exe_folder_os();
    return dir ? dir : exe_folder_from_argv0();
}

/* Removes one trailing separator ("/usr/bin/" -> "/usr/bin"), keeping a lone "/". */
static void trim_separator(char *p)
{
    size_t n = strlen(p);
    if (n > 1 && IS_SEP(p[n - 1]))
        p[n - 1] = '\0';
}

/* Collapses "folder/.." pairs and "." segments of a path made by joining, so that the
 * folders named in messages read as plain paths ("/opt/x/bin/../share" -> "/opt/x/share").
 * The executable's folder has its links resolved already, so this is exact there. */
static void tidy_path(char *p)
{
    char *seg[256];
    size_t nseg = 0;
    int absolute = IS_SEP(p[0]);
    char *copy = p + (absolute ? 1 : 0);
    char *s = copy;
    while (*s && nseg < 256) {
        char *start = s;
        while (*s && !IS_SEP(*s))
            s++;
        if (*s)
            *s++ = '\0';
        if (start[0] == '\0' || strcmp(start, ".") == 0)
            continue;
        if (strcmp(start, "..") == 0 && nseg > 0 && strcmp(seg[nseg - 1], "..") != 0) {
            nseg--;
            continue;
        }
        if (strcmp(start, "..") == 0 && absolute)
            continue;
        seg[nseg++] = start;
    }
    if (*s) /* too deep to tidy: leave it (rejoined below) as it was */
        return;
    char out[4096];
    size_t used = 0;
    if (absolute)
        out[used++] = '/';
    for (size_t i = 0; i < nseg; i++) {
        size_t n = strlen(seg[i]);
        if (used + n + 2 >= sizeof out)
            return;
        if (i > 0)
            out[used++] = '/';
        memcpy(out + used, seg[i], n);
        used += n;
    }
    if (used == 0)
        out[used++] = '.';
    out[used] = '\0';
    memcpy(p, out, used + 1);
}

void cli_free_list(char **list, int count)
{
    for (int i = 0; list && i < count; i++)
        free(list[i]);
    free(list);
}

int cli_data_dir_candidates(char ***dirs_out, const char ***where_out, int *count)
{
    enum { MAX_CANDIDATES = 8 };
    char **dirs = calloc(MAX_CANDIDATES, sizeof *dirs);
    const char **where = calloc(MAX_CANDIDATES, sizeof *where);
    int n = 0, failed = !dirs || !where;
    const char *env = getenv("UPFRONT_DATA_DIR");
    if (!failed && env && *env) {
        /* The override is the only folder tried: a mistake in it must not go unnoticed. */
        failed = !(dirs[n] = cli_join(env, ""));
        where[n++] = "UPFRONT_DATA_DIR";
    } else if (!failed) {
        /* The same order as the game's own search (src/ui/app.c): beside the executable
         * (a Windows-style folder), one up (a build folder in the source tree), then
         * ../share/upfront (an installed prefix, wherever it was moved). */
        static const char *const rel[] = {"", "..", "../share/upfront", "../../share/upfront"};
        static const char *const why[] = {"beside the executable", "above the executable",
                                          "the installed prefix", "the installed prefix"};
        char *exe = cli_exe_folder();
        for (size_t i = 0; exe && !failed && i < sizeof rel / sizeof rel[0]; i++) {
            failed = !(dirs[n] = cli_join(exe, rel[i]));
            if (!failed) {
                trim_separator(dirs[n]);
                tidy_path(dirs[n]);
            }
            where[n++] = why[i];
        }
        free(exe);
#if defined(UPFRONT_SOURCE_DIR)
        if (!failed) {
            failed = !(dirs[n] = cli_join(UPFRONT_SOURCE_DIR, ""));
            where[n++] = "the source tree it was built from";
        }
#endif
    }
    if (failed) {
        cli_free_list(dirs, n);
        free(where);
        return -1;
    }
    for (int i = 0; i < n; i++)
        trim_separator(dirs[i]);
    *dirs_out = dirs;
    *where_out = where;
    *count = n;
    return 0;
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
    char **dirs = NULL;
    const char **where = NULL;
    int n = 0;
    if (cli_data_dir_candidates(&dirs, &where, &n) != 0)
        return NULL;
    const char *result = NULL;
    for (int i = 0; i < n && !result; i++) {
        add_searched(searched, cap, dirs[i]);
        if (has_default_scenario(dirs[i]) && strlen(dirs[i]) < sizeof found) {
            snprintf(found, sizeof found, "%s", dirs[i]);
            result = found;
        }
    }
    cli_free_list(dirs, n);
    free(where);
    return result;
}

char *cli_shipped_scenario_path(const char *id)
{
    if (!id || !*id || strlen(id) > 200)
        return NULL;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return NULL;
    const char *data = cli_data_dir(NULL, 0);
    char name[220];
    snprintf(name, sizeof name, "scenarios/%s.json", id);
    return data ? cli_join(data, name) : NULL;
}

char *cli_default_scenario_path(const char *cmd)
{
    char searched[8192];
    const char *dir = cli_data_dir(searched, sizeof searched);
    if (!dir) {
        const char *env = getenv("UPFRONT_DATA_DIR");
        cli_error(cmd,
                  "cannot find the default scenario scenarios/%s.json; looked in: %s (%s)",
                  CLI_DEFAULT_SCENARIO, searched[0] ? searched : "nothing",
                  env && *env ? "the folder UPFRONT_DATA_DIR names must hold scenarios/"
                              : "set UPFRONT_DATA_DIR to the folder that holds scenarios/");
        return NULL;
    }
    char *p = cli_join(dir, "scenarios/" CLI_DEFAULT_SCENARIO ".json");
    if (!p)
        cli_error(cmd, "out of memory");
    return p;
}

/* --- terminal habits --- */

int cli_quiet = 0;

int cli_color_stderr(void)
{
    static int cached = -1;
    if (cached < 0) {
        const char *no = getenv("NO_COLOR");
        const char *term = getenv("TERM");
        cached = !(no && *no) && !(term && strcmp(term, "dumb") == 0) &&
                 cli_is_terminal(stderr);
    }
    return cached;
}

static struct {
    int shown;      /* a progress line is on the terminal */
    double last;    /* when it was last drawn */
} progress;

void cli_progress(const char *cmd, const char *what, long done, long total)
{
    static int enabled = -1;
    if (enabled < 0)
        enabled = cli_is_terminal(stderr);
    if (!enabled || cli_quiet)
        return;
    double now = cli_now();
    if (progress.shown && done < total && now - progress.last < 0.1)
        return;
    progress.last = now;
    progress.shown = 1;
    long pct = total > 0 ? (long)((double)done * 100.0 / (double)total) : 0;
    fprintf(stderr, "\r%s %s: %s %ld/%ld (%ld%%)\033[K", cli_program, cmd, what, done, total,
            pct);
    fflush(stderr);
}

void cli_progress_end(void)
{
    if (!progress.shown)
        return;
    progress.shown = 0;
    fputs("\r\033[K", stderr);
    fflush(stderr);
}

void cli_print_diags(const char *file, const DiagList *diags)
{
    if (!diags || diag_count(diags) == 0)
        return;
    int color = cli_color_stderr();
    if (color)
        cli_progress_end();
    (void)diag_print_styled(stderr, file, diags, color);
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
