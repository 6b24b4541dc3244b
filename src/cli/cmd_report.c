/* cmd_report — a class leaderboard from results files. Only files that verify (the replay
 * matches the recorded score) are ranked; the others are named on stderr. A first,
 * minimal version: the debrief summary across the class is still to come. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "upfront/file.h"

typedef struct Row {
    const char *file;
    CliVerified v;
} Row;

static int cmp_rows(const void *a, const void *b)
{
    const Row *x = a, *y = b;
    if (x->v.total != y->v.total)
        return x->v.total > y->v.total ? -1 : 1;
    int c = strcmp(x->v.player, y->v.player);
    return c ? c : strcmp(x->file, y->file);
}

/* A growable text for the CSV and HTML files. */
typedef struct Text {
    char *s;
    size_t len, cap;
    int oom;
} Text;

static void text_add(Text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->oom)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4096;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->s, cap);
        if (!p) {
            t->oom = 1;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n + 1);
    t->len += n;
}

static void text_csv_field(Text *t, const char *s)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        text_add(t, s);
        return;
    }
    text_add(t, "\"");
    for (const char *p = s; *p; p++) {
        char c[2] = {*p, '\0'};
        text_add(t, *p == '"' ? "\"\"" : c);
    }
    text_add(t, "\"");
}

static void text_html(Text *t, const char *s)
{
    for (const char *p = s; *p; p++) {
        char c[2] = {*p, '\0'};
        switch (*p) {
        case '<': text_add(t, "&lt;"); break;
        case '>': text_add(t, "&gt;"); break;
        case '&': text_add(t, "&amp;"); break;
        case '"': text_add(t, "&quot;"); break;
        default: text_add(t, c);
        }
    }
}

static int write_text(const char *path, Text *t)
{
    if (t->oom) {
        cli_error("report", "out of memory");
        return CLI_FAILURE;
    }
    errno = 0;
    FileStatus fs = file_write_atomic(path, t->s ? t->s : "", t->len);
    if (fs != FILE_OK) {
        cli_error("report", "%s: cannot write: %s", path, file_status_message(fs, errno));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

static int write_csv(const char *path, const Row *rows, int n)
{
    Text t = {0};
    text_add(&t, "rank,player,scenario,score,revenue,attainment_pct,deals_won,file\n");
    for (int i = 0; i < n; i++) {
        char num[160];
        snprintf(num, sizeof num, "%d,", i + 1);
        text_add(&t, num);
        text_csv_field(&t, rows[i].v.player);
        text_add(&t, ",");
        text_csv_field(&t, rows[i].v.scenario_id);
        snprintf(num, sizeof num, ",%lld,%lld,%d.%02d,%d,", (long long)rows[i].v.total,
                 (long long)rows[i].v.revenue, rows[i].v.attainment_bp / 100,
                 rows[i].v.attainment_bp % 100, rows[i].v.deals_won);
        text_add(&t, num);
        text_csv_field(&t, rows[i].file);
        text_add(&t, "\n");
    }
    int rc = write_text(path, &t);
    free(t.s);
    return rc;
}

static int write_html(const char *path, const Row *rows, int n)
{
    Text t = {0};
    text_add(&t, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                 "<title>Upfront leaderboard</title>\n<style>body{font-family:sans-serif;"
                 "margin:2em}table{border-collapse:collapse}td,th{padding:4px 12px;"
                 "border-bottom:1px solid #ccc;text-align:left}td.n{text-align:right}"
                 "</style></head>\n<body>\n<h1>Upfront leaderboard</h1>\n<table>\n"
                 "<tr><th>rank</th><th>player</th><th>scenario</th><th>score</th>"
                 "<th>revenue</th><th>quota</th><th>deals won</th></tr>\n");
    for (int i = 0; i < n; i++) {
        char num[200];
        snprintf(num, sizeof num, "<tr><td class=\"n\">%d</td><td>", i + 1);
        text_add(&t, num);
        text_html(&t, rows[i].v.player[0] ? rows[i].v.player : "(no name)");
        text_add(&t, "</td><td>");
        text_html(&t, rows[i].v.scenario_id);
        snprintf(num, sizeof num,
                 "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td>"
                 "<td class=\"n\">%d.%d%%</td><td class=\"n\">%d</td></tr>\n",
                 (long long)rows[i].v.total, (long long)rows[i].v.revenue,
                 rows[i].v.attainment_bp / 100, rows[i].v.attainment_bp % 100 / 10,
                 rows[i].v.deals_won);
        text_add(&t, num);
    }
    text_add(&t, "</table>\n</body>\n</html>\n");
    int rc = write_text(path, &t);
    free(t.s);
    return rc;
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
        return cli_usage_error("report", "expected at least one results file");
    }
    Row *rows = calloc((size_t)npos, sizeof *rows);
    if (!rows) {
        free(pos);
        return CLI_FAILURE;
    }
    int n = 0, worst = CLI_OK, failed = 0;
    for (int i = 0; i < npos; i++) {
        rows[n].file = pos[i];
        cli_verify_file("report", pos[i], NULL, &rows[n].v);
        if (rows[n].v.exit_code > worst)
            worst = rows[n].v.exit_code;
        if (rows[n].v.ok)
            n++;
        else
            failed++;
    }
    qsort(rows, (size_t)n, sizeof *rows, cmp_rows);

    printf("%-4s  %-20s  %-20s  %6s  %12s  %7s  %5s\n", "rank", "player", "scenario", "score",
           "revenue", "quota", "deals");
    double sum = 0;
    for (int i = 0; i < n; i++) {
        const CliVerified *v = &rows[i].v;
        printf("%-4d  %-20.20s  %-20.20s  %6lld  %12lld  %5d.%d%%  %5d\n", i + 1,
               v->player[0] ? v->player : "(no name)", v->scenario_id, (long long)v->total,
               (long long)v->revenue, v->attainment_bp / 100, v->attainment_bp % 100 / 10,
               v->deals_won);
        sum += (double)v->total;
    }
    if (n > 0)
        printf("\n%d result%s verified; mean score %.1f, best %lld\n", n, n == 1 ? "" : "s",
               sum / n, (long long)rows[0].v.total);
    else
        printf("\nno verified results\n");
    if (failed)
        cli_error("report", "%d file%s failed verification and %s left out", failed,
                  failed == 1 ? "" : "s", failed == 1 ? "is" : "are");

    if (csv && write_csv(csv, rows, n) != CLI_OK)
        worst = CLI_FAILURE;
    if (html && write_html(html, rows, n) != CLI_OK)
        worst = CLI_FAILURE;
    for (int i = 0; i < npos && i < n; i++)
        cli_verified_free(&rows[i].v);
    free(rows);
    free(pos);
    return cli_finish(worst);
}
