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

static int has_json_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a folder, sorted; hidden entries left out. Returns -1 when unreadable. */
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
        if (fd.cFileName[0] != '.' && !(fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
            list_add(names, dup_str(fd.cFileName));
    } while (FindNextFileA(h, &fd));
    FindClose(h);
#else
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            list_add(names, dup_str(e->d_name));
    closedir(d);
#endif
    if (names->n > 1)
        qsort(names->v, (size_t)names->n, sizeof *names->v, cmp_str);
    return 0;
}

/* 1 when path is a symbolic link (folders behind links are not followed: no loops). */
static int is_link(const char *path)
{
#if defined(_WIN32)
    (void)path;
    return 0;
#else
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
#endif
}

/* Adds the *.json files under dir (recursively, in name order). Returns the worst exit
 * code met (2 for an unreadable folder). */
static int walk(const char *dir, int depth, FileList *out)
{
    FileList names = {0};
    if (list_folder(dir, &names) != 0) {
        cli_error("report", "%s: cannot read the folder: %s", dir, strerror(errno));
        list_free(&names);
        return CLI_FAILURE;
    }
    int worst = names.oom ? CLI_FAILURE : CLI_OK;
    for (int i = 0; i < names.n && !out->oom; i++) {
        char *p = cli_join(dir, names.v[i]);
        if (!p) {
            out->oom = 1;
            break;
        }
        if (is_dir(p)) {
            if (is_link(p) || depth >= REPORT_MAX_DEPTH) {
                cli_error("report", "%s: folder not searched (%s)", p,
                          depth >= REPORT_MAX_DEPTH ? "too deep" : "a link");
                free(p);
            } else {
                int rc = walk(p, depth + 1, out);
                if (rc > worst)
                    worst = rc;
                free(p);
            }
        } else if (has_json_suffix(names.v[i])) {
            list_add(out, p);
        } else {
            free(p);
        }
    }
    list_free(&names);
    return worst;
}

typedef struct AddCtx {
    Report *report;
    const char *file;
    const CliVerified *v; /* its player is set before the visit */
    int oom;
} AddCtx;

static void add_game(void *ctx, const Game *g)
{
    AddCtx *a = ctx;
    const char *first = NULL;
    int rc = report_add(a->report, g, a->v->player ? a->v->player : "", a->file, &first);
    if (rc < 0)
        a->oom = 1;
    else if (rc > 0)
        cli_error("report", "%s: the same game as %s, counted once", a->file, first);
}

static int write_out(const char *path, char *text)
{
    if (!text) {
        cli_error("report", "out of memory");
        return CLI_FAILURE;
    }
    errno = 0;
    FileStatus fs = file_write_atomic(path, text, strlen(text));
    int e = errno;
    free(text);
    if (fs != FILE_OK) {
        cli_error("report", "%s: cannot write: %s", path, file_status_message(fs, e));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

int cmd_report(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("report");
    const char *csv = NULL, *html = NULL;
    int rc = CLI_OK;
    const CliOpt opts[] = {{"csv", &csv, NULL}, {"html", &html, NULL}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 2, pos, &rc);
    if (npos < 0) {
        free(pos);
        return rc;
    }
    if (npos == 0) {
        free(pos);
        return cli_usage_error("report", "expected at least one results file or folder");
    }

    FileList files = {0};
    int worst = CLI_OK;
    for (int i = 0; i < npos; i++) {
        if (is_dir(pos[i])) {
            int before = files.n;
            int w = walk(pos[i], 0, &files);
            if (w > worst)
                worst = w;
            if (files.n == before && w == CLI_OK)
                cli_error("report", "%s: no results files (*.json) in this folder", pos[i]);
        } else {
            list_add(&files, dup_str(pos[i]));
        }
    }
    free(pos);
    Report *report = report_new();
    if (files.oom || !report) {
        cli_error("report", files.n >= REPORT_MAX_FILES ? "too many files" : "out of memory");
        list_free(&files);
        report_free(report);
        return CLI_FAILURE;
    }
    if (files.n == 0) {
        cli_error("report", "no results files to report on");
        list_free(&files);
        report_free(report);
        return CLI_FAILURE;
    }

    int failed = 0, older = 0, oom = 0;
    for (int i = 0; i < files.n && !oom; i++) {
        CliVerified v;
        AddCtx ctx = {report, files.v[i], &v, 0};
        cli_verify_file_visit("report", files.v[i], NULL, &v, add_game, &ctx);
        if (v.exit_code > worst)
            worst = v.exit_code;
        if (!v.ok) {
            if (v.older_model)
                older++;
            else
                failed++;
            if (report_reject_why(report, files.v[i], v.older_model ? v.model_verdict : NULL) != 0)
                ctx.oom = 1;
        }
        oom = ctx.oom;
        cli_verified_free(&v);
    }
    list_free(&files);
    if (oom) {
        cli_error("report", "out of memory");
        report_free(report);
        return CLI_FAILURE;
    }

    char *text = report_text(report);
    if (!text) {
        cli_error("report", "out of memory");
        worst = CLI_FAILURE;
    } else {
        fputs(text, stdout);
        free(text);
    }
    if (failed)
        cli_error("report", "%d file%s failed verification and %s left out", failed,
                  failed == 1 ? "" : "s", failed == 1 ? "is" : "are");
    if (older)
        cli_error("report", "%d file%s made by another model %s left out (see above: replay %s "
                  "with the upfront that made %s)", older, older == 1 ? "" : "s",
                  older == 1 ? "is" : "are", older == 1 ? "it" : "them",
                  older == 1 ? "it" : "them");
    if (csv && write_out(csv, report_csv(report)) != CLI_OK)
        worst = CLI_FAILURE;
    if (html && write_out(html, report_html(report)) != CLI_OK)
        worst = CLI_FAILURE;
    report_free(report);
    return cli_finish(worst);
}
