/* cmd_report — the class report from results files and folders of them. Every file is
 * verified by replaying it; the verified games go into a Report (src/core/report.c), which
 * ranks them per scenario and sums up the class. Files that fail are named on stderr and
 * left out (exit 1). */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if defined(_WIN32)
#include <windows.h>
#else
#include <dirent.h>
#endif

#include "cli.h"
#include "upfront/file.h"
#include "upfront/report.h"

#define REPORT_MAX_FILES 100000
#define REPORT_MAX_DEPTH 16

typedef struct FileList {
    char **v;
    int n, cap;
    int oom;
} FileList;

static void list_add(FileList *l, char *path)
{
    if (!path || l->oom || l->n >= REPORT_MAX_FILES) {
        free(path);
        l->oom = 1;
        return;
    }
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v) {
            free(path);
            l->oom = 1;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = path;
}

static void list_free(FileList *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* "*.json" in any case: Ben.JSON is a results file too. */
static int has_json_suffix(const char *name)
{
    size_t n = strlen(name);
    if (n <= 5 || name[n - 5] != '.')
        return 0;
    const char *e = name + n - 4;
    return (e[0] | 32) == 'j' && (e[1] | 32) == 's' && (e[2] | 32) == 'o' && (e[3] | 32) == 'n';
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a folder, sorted ("." and ".." left out). Returns -1 when unreadable. */
static int list_folder(const char *dir, FileList *names)
{
#if defined(_WIN32)
    char *pattern = cli_join(dir, "*");
    if (!pattern)
        return -1;
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA(pattern, &fd);
    free(pattern);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    do {
        if (strcmp(fd.cFileName, ".") != 0 && strcmp(fd.cFileName, "..") != 0)
            list_add(names, dup_str(fd.cFileName));
    } while (FindNextFileA(h, &fd));
    FindClose(h);
#else
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            list_add(names, dup_str(e->d_name));
    closedir(d);
#endif
    if (names->n > 1)
        qsort(names->v, (size_t)names->n, sizeof *names->v, cmp_str);
    return 0;
}

/* What a walk found besides the files it reads. */
typedef struct Walk {
    FileList *files;
    int worst;          /* exit code: 1 when something that may hold results was skipped */
    int others;         /* files not named *.json, not read */
    char other_names[512];
#if !defined(_WIN32)
    struct { dev_t dev; ino_t ino; } seen[REPORT_MAX_DEPTH + 2];
    int nseen;
#endif
} Walk;

static void skipped(Walk *w, const char *path, const char *why, int matters)
{
    cli_error("report", "%s: skipped: %s", path, why);
    if (matters && w->worst < CLI_INVALID)
        w->worst = CLI_INVALID;
}

/* Adds the *.json files under dir (recursively, in name order), naming everything that
 * is not read. Folders behind links are searched unless they lead back up the walk. */
static void walk(Walk *w, const char *dir, int depth)
{
    FileList names = {0};
    if (list_folder(dir, &names) != 0) {
        cli_error("report", "%s: cannot read the folder: %s", dir, strerror(errno));
        list_free(&names);
        w->worst = CLI_FAILURE;
        return;
    }
    if (names.oom)
        w->worst = CLI_FAILURE;
#if !defined(_WIN32)
    struct stat self;
    int pushed = 0;
    if (stat(dir, &self) == 0 && w->nseen < (int)(sizeof w->seen / sizeof w->seen[0])) {
        w->seen[w->nseen].dev = self.st_dev;
        w->seen[w->nseen].ino = self.st_ino;
        w->nseen++;
        pushed = 1;
    }
#endif
    for (int i = 0; i < names.n && !w->files->oom; i++) {
        const char *name = names.v[i];
        char *p = cli_join(dir, name);
        if (!p) {
            w->files->oom = 1;
            break;
        }
        struct stat st;
        int exists = stat(p, &st) == 0;
        int json = has_json_suffix(name);
        if (exists && S_ISDIR(st.st_mode)) {
            int loop = 0;
#if !defined(_WIN32)
            for (int k = 0; k < w->nseen; k++)
                if (w->seen[k].dev == st.st_dev && w->seen[k].ino == st.st_ino)
                    loop = 1;
#endif
            if (name[0] == '.')
                skipped(w, p, "a hidden folder (give it by name to include it)", 1);
            else if (loop)
                skipped(w, p, "a link back to a folder above it", 0);
            else if (depth >= REPORT_MAX_DEPTH)
                skipped(w, p, "more than 16 folders deep (give it by name to include it)", 1);
            else
                walk(w, p, depth + 1);
            free(p);
        } else if (name[0] == '.' && name[1] == '_' && json) {
            skipped(w, p, "a macOS resource file, not a results file", 0);
            free(p);
        } else if (json && name[0] == '.') {
            skipped(w, p, "a hidden file (give it by name to include it)", 1);
            free(p);
        } else if (json && !exists) {
            skipped(w, p, "a broken link", 1);
            free(p);
        } else if (json && !S_ISREG(st.st_mode)) {
            skipped(w, p, S_ISFIFO(st.st_mode) ? "a FIFO, not a regular file"
                          : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device, not a regular file"
                                                                       : "not a regular file", 1);
            free(p);
        } else if (json) {
            list_add(w->files, p);
        } else {
            if (name[0] != '.') {
                size_t k = strlen(w->other_names);
                if (w->others < 5)
                    snprintf(w->other_names + k, sizeof w->other_names - k, "%s%s",
                             k ? ", " : "", p);
                w->others++;
            }
            free(p);
        }
    }
#if !defined(_WIN32)
    if (pushed)
        w->nseen--;
#endif
    list_free(&names);
}

typedef struct AddCtx {
    Report *report;
    const char *file;
    int oom;
} AddCtx;

static void add_game(void *ctx, const Game *g, const CliVerified *v)
{
    AddCtx *a = ctx;
    const char *first = NULL;
    ReportGame info = {v->player ? v->player : "", a->file, v->started, v->played_by,
                       v->strategy[0] ? v->strategy : NULL, v->strategy_weeks, v->rewound_day};
    int rc = report_add_game(a->report, g, &info, &first);
    if (rc < 0)
        a->oom = 1;
    else if (rc > 0)
        cli_error("report", "%s: the same game as %s, counted once", a->file, first);
}

static int write_out(const char *path, char *text, int bom)
{
    if (!text) {
        cli_error("report", "out of memory");
        return CLI_FAILURE;
    }
    errno = 0;
    FileStatus fs = FILE_OK;
    if (bom && strcmp(path, "-") != 0 && !file_is_special(path)) {
        /* the byte order mark tells a spreadsheet the file is UTF-8; a terminal needs none */
        size_t n = strlen(text);
        char *with = malloc(n + 4);
        if (!with) {
            free(text);
            cli_error("report", "out of memory");
            return CLI_FAILURE;
        }
        memcpy(with, "\xEF\xBB\xBF", 3);
        memcpy(with + 3, text, n + 1);
        fs = file_write_output(path, with, n + 3);
        free(with);
    } else {
        fs = file_write_output(path, text, strlen(text));
    }
    int e = errno;
    free(text);
    if (fs != FILE_OK) {
        cli_error("report", "%s: cannot write: %s", path, file_status_message(fs, e));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The scenarios a class may have played: the --scenario files, else every scenario in the
 * data folder. Returns CLI_OK or an exit code after a message. */
static int load_trusted(CliTrusted *t, const char **given, int ngiven)
{
    memset(t, 0, sizeof *t);
    FileList paths = {0};
    if (ngiven > 0) {
        t->origin = "the --scenario files";
        for (int i = 0; i < ngiven; i++)
            list_add(&paths, dup_str(given[i]));
    } else {
        t->origin = "the scenarios in the data folder";
        char searched[4096];
        const char *data = cli_data_dir(searched, sizeof searched);
        char *dir = data ? cli_join(data, "scenarios") : NULL;
        FileList names = {0};
        if (!dir || list_folder(dir, &names) != 0) {
            cli_error("report", "cannot find the shipped scenarios to check the games against "
                                "(looked in: %s); give the class's scenario with --scenario FILE",
                      searched[0] ? searched : "nothing");
            free(dir);
            list_free(&names);
            return CLI_FAILURE;
        }
        for (int i = 0; i < names.n; i++)
            if (has_json_suffix(names.v[i]) && !ends_with(names.v[i], ".schema.json") &&
                names.v[i][0] != '.')
                list_add(&paths, cli_join(dir, names.v[i]));
        list_free(&names);
        free(dir);
    }
    if (paths.oom) {
        list_free(&paths);
        cli_error("report", "out of memory");
        return CLI_FAILURE;
    }
    t->scenarios = calloc((size_t)paths.n + 1, sizeof *t->scenarios);
    t->paths = calloc((size_t)paths.n + 1, sizeof *t->paths);
    if (!t->scenarios || !t->paths) {
        list_free(&paths);
        cli_error("report", "out of memory");
        return CLI_FAILURE;
    }
    for (int i = 0; i < paths.n; i++) {
        Scenario *s = NULL;
        if (ngiven > 0) {
            int code = CLI_OK;
            s = cli_load_scenario("report", paths.v[i], &code);
            if (!s) {
                list_free(&paths);
                return code;
            }
        } else {
            DiagList *d = diag_list_new();
            int unreadable = 0;
            s = d ? scenario_load_file(paths.v[i], d, &unreadable) : NULL;
            diag_list_free(d);
            if (!s)
                continue; /* a broken shipped scenario trusts nothing */
        }
        t->scenarios[t->count] = s;
        t->paths[t->count] = paths.v[i];
        paths.v[i] = NULL;
        t->count++;
    }
    list_free(&paths);
    return CLI_OK;
}

/* 1 when out names the same file as one of the inputs (so writing it would replace one). */
static int same_file_as_input(const char *out, const FileList *files)
{
#if defined(_WIN32)
    (void)out;
    (void)files;
    return 0;
#else
    struct stat a, b;
    if (strcmp(out, "-") == 0 || stat(out, &a) != 0 || !S_ISREG(a.st_mode))
        return 0;
    for (int i = 0; i < files->n; i++)
        if (stat(files->v[i], &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
            return 1;
    return 0;
#endif
}

int cmd_report(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("report");
    const char *csv = NULL, *html = NULL, *seed_s = NULL, *attempts_s = NULL;
    int rc = CLI_OK;
    const char **given = calloc((size_t)argc + 1, sizeof *given);
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos || !given) {
        free(pos);
        free(given);
        return CLI_FAILURE;
    }
    int ngiven = 0;
    if (cli_take_repeated("report", &argc, argv, "scenario", given, &ngiven) != 0) {
        free(pos);
        free(given);
        return CLI_FAILURE;
    }
    const CliOpt opts[] = {{"csv", &csv, NULL},
                           {"html", &html, NULL},
                           {"seed", &seed_s, NULL},
                           {"attempts", &attempts_s, NULL}};
    int npos = cli_parse_options(cmd, argc, argv, opts, 4, pos, &rc);
    if (npos < 0) {
        free(pos);
        free(given);
        return rc;
    }
    ReportOptions ro = {0, 0, REPORT_ATTEMPTS_BEST, 0};
    if (seed_s) {
        if (cli_opt_seed("report", seed_s, &ro.seed) != 0) {
            free(pos);
            free(given);
            return CLI_FAILURE;
        }
        ro.has_seed = 1;
    }
    if (attempts_s) {
        if (strcmp(attempts_s, "best") == 0)
            ro.attempts = REPORT_ATTEMPTS_BEST;
        else if (strcmp(attempts_s, "first") == 0)
            ro.attempts = REPORT_ATTEMPTS_FIRST;
        else if (strcmp(attempts_s, "all") == 0)
            ro.attempts = REPORT_ATTEMPTS_ALL;
        else {
            free(pos);
            free(given);
            return cli_usage_error("report", "--attempts: expected best, first or all, got \"%s\"",
                                   attempts_s);
        }
    }
    if (csv && html && strcmp(csv, "-") == 0 && strcmp(html, "-") == 0) {
        free(pos);
        free(given);
        return cli_usage_error("report", "--csv - and --html - cannot both go to stdout");
    }
    if (npos == 0) {
        free(pos);
        free(given);
        return cli_usage_error("report", "expected at least one results file or folder");
    }

    FileList files = {0};
    Walk w;
    memset(&w, 0, sizeof w);
    w.files = &files;
    for (int i = 0; i < npos; i++) {
        if (is_dir(pos[i])) {
            int before = files.n, worst = w.worst;
            w.worst = CLI_OK;
            walk(&w, pos[i], 0);
            if (files.n == before && w.worst == CLI_OK)
                cli_error("report", "%s: no results files (*.json) in this folder", pos[i]);
            if (worst > w.worst)
                w.worst = worst;
        } else {
            list_add(&files, dup_str(pos[i]));
        }
    }
    free(pos);
    int worst = w.worst;
    if (w.others > 0)
        cli_error("report", "%d file%s not named *.json %s not read: %s%s", w.others,
                  w.others == 1 ? "" : "s", w.others == 1 ? "was" : "were", w.other_names,
                  w.others > 5 ? ", ..." : "");
    Report *report = report_new();
    if (files.oom || !report) {
        cli_error("report", files.n >= REPORT_MAX_FILES ? "too many files" : "out of memory");
        list_free(&files);
        report_free(report);
        free(given);
        return CLI_FAILURE;
    }
    if (files.n == 0) {
        cli_error("report", "no results files to report on");
        list_free(&files);
        report_free(report);
        free(given);
        return CLI_FAILURE;
    }
    const char *outs[2] = {csv, html};
    for (int k = 0; k < 2; k++)
        if (outs[k] && same_file_as_input(outs[k], &files)) {
            cli_error("report", "%s: is one of the results files read; the report does not "
                                "replace a game", outs[k]);
            list_free(&files);
            report_free(report);
            free(given);
            return CLI_FAILURE;
        }
    CliTrusted trusted;
    rc = load_trusted(&trusted, given, ngiven);
    free(given);
    if (rc != CLI_OK) {
        cli_trusted_free(&trusted);
        list_free(&files);
        report_free(report);
        return rc;
    }

    int failed = 0, older = 0, oom = 0;
    for (int i = 0; i < files.n && !oom; i++) {
        CliVerified v;
        AddCtx ctx = {report, files.v[i], 0};
        CliVerifyOpts vo;
        memset(&vo, 0, sizeof vo);
        vo.trusted = &trusted;
        vo.regular_only = 1;
        vo.visit = add_game;
        vo.ctx = &ctx;
        cli_verify_with(files.v[i], &vo, &v);
        if (v.exit_code > worst)
            worst = v.exit_code;
        if (!v.ok) {
            if (v.older_model)
                older++;
            else
                failed++;
            if (report_reject_why(report, files.v[i], v.older_model ? v.model_verdict : v.why) != 0)
                ctx.oom = 1;
        }
        oom = ctx.oom;
        cli_verified_free(&v);
    }
    list_free(&files);
    if (oom) {
        cli_error("report", "out of memory");
        report_free(report);
        cli_trusted_free(&trusted);
        return CLI_FAILURE;
    }
    report_finish(report, &ro); /* the turning points replay on the class's scenarios */
    cli_trusted_free(&trusted);

    int to_stdout = (csv && strcmp(csv, "-") == 0) || (html && strcmp(html, "-") == 0);
    if (!to_stdout) {
        char *text = report_text(report);
        if (!text) {
            cli_error("report", "out of memory");
            worst = CLI_FAILURE;
        } else {
            fputs(text, stdout);
            free(text);
        }
    }
    if (failed)
        cli_error("report", "%d file%s failed verification and %s left out", failed,
                  failed == 1 ? "" : "s", failed == 1 ? "is" : "are");
    if (older)
        cli_error("report", "%d file%s made by another model %s left out (see above: replay %s "
                  "with the upfront that made %s)", older, older == 1 ? "" : "s",
                  older == 1 ? "is" : "are", older == 1 ? "it" : "them",
                  older == 1 ? "it" : "them");
    if (csv && write_out(csv, report_csv(report), 1) != CLI_OK)
        worst = CLI_FAILURE;
    if (html && write_out(html, report_html(report), 0) != CLI_OK)
        worst = CLI_FAILURE;
    report_free(report);
    return cli_finish(worst);
}
