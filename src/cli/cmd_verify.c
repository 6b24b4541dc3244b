/* cmd_verify — replay results files and check the recorded score and state. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "upfront/file.h"
#include "upfront/score.h"

/* Prints "FILE: error: MESSAGE" to stderr (unless the caller prints the reasons itself)
 * and keeps the first message as the reason. */
static void verr(CliVerified *v, const char *file, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* set while cli_verify_with runs with quiet_errors; per thread: the class server verifies
 * games on several threads at once */
static _Thread_local int verr_quiet;

static void verr(CliVerified *v, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (v && !v->why[0]) {
        va_list again;
        va_copy(again, ap);
        vsnprintf(v->why, sizeof v->why, fmt, again);
        va_end(again);
    }
    if (!verr_quiet) {
        cli_print_safe(stderr, "%s: error: ", file);
        cli_vprint_safe(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    va_end(ap);
}

/* Prints diagnostics unless quiet, and keeps the first error as the reason. */
static void vdiags(CliVerified *v, const char *file, DiagList *diags)
{
    diag_sort(diags);
    if (!verr_quiet)
        cli_print_diags(file, diags);
    for (int i = 0; v && !v->why[0] && i < diag_count(diags); i++) {
        const Diag *d = diag_get(diags, i);
        if (d && d->severity == DIAG_ERROR)
            snprintf(v->why, sizeof v->why, "%s%s%s", d->pointer, d->pointer[0] ? ": " : "",
                     d->message);
    }
}

static char *dup_str(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

#define MAX_CANDIDATES 4

/* Finds and loads the scenario a results file was recorded on. Returns it, or NULL with
 * v->exit_code set (and the reason given). *used receives the path chosen (owned). */
static Scenario *find_scenario(const char *file, const char *override, const ActionLog *hdr,
                               CliVerified *v, char **used)
{
    char *cand[MAX_CANDIDATES] = {0};
    int n = 0, data_idx = -1;
    *used = NULL;
    if (override) {
        cand[n++] = dup_str(override);
    } else {
        if (hdr->scenario_path) {
            cand[n++] = dup_str(hdr->scenario_path);
            if (!cli_path_is_absolute(hdr->scenario_path)) {
                char *dir = cli_dirname(file);
                if (dir)
                    cand[n++] = cli_join(dir, hdr->scenario_path);
                free(dir);
            }
        }
        char *shipped = cli_shipped_scenario_path(hdr->scenario_id);
        if (shipped) {
            data_idx = n;
            cand[n++] = shipped;
        }
    }

    Scenario *best = NULL, *first = NULL;
    int first_idx = -1, best_idx = -1, invalid_idx = -1;
    for (int i = 0; i < n && !best; i++) {
        if (!cand[i] || !cli_file_exists(cand[i]))
            continue;
        DiagList *d = diag_list_new();
        if (!d)
            break;
        int unreadable = 0;
        Scenario *s = scenario_load_file(cand[i], d, &unreadable);
        if (!s) {
            if (invalid_idx < 0) {
                invalid_idx = i;
                diag_sort(d);
                if (!verr_quiet)
                    cli_print_diags(cand[i], d);
            }
        } else if (hdr->scenario_hash && strcmp(scenario_hash(s), hdr->scenario_hash) == 0) {
            best = s;
            best_idx = i;
        } else if (!first) {
            first = s;
            first_idx = i;
        } else {
            scenario_free(s);
        }
        diag_list_free(d);
    }

    Scenario *out = NULL;
    if (best && data_idx > best_idx && cand[data_idx] && cli_file_exists(cand[data_idx]) &&
        !verr_quiet) {
        /* replayed on the copy the file points at: say so when the shipped one differs */
        DiagList *d = diag_list_new();
        Scenario *shipped = d ? scenario_load_file(cand[data_idx], d, NULL) : NULL;
        if (shipped && strcmp(scenario_hash(shipped), scenario_hash(best)) != 0)
            cli_print_safe(stderr, "%s: warning: replayed on %s, which is not the shipped "
                                   "scenario %s (%s, hash %s): 'upfront report' ranks only "
                                   "games of the class's scenarios\n", file, cand[best_idx],
                           scenario_id(best), cand[data_idx], scenario_hash(shipped));
        scenario_free(shipped);
        diag_list_free(d);
    }
    if (best) {
        scenario_free(first);
        out = best;
        *used = cand[best_idx];
        cand[best_idx] = NULL;
    } else if (first) {
        verr(v, file, "scenario hash mismatch: recorded on %s (hash %s), but %s has hash %s",
             hdr->scenario_id ? hdr->scenario_id : "?",
             hdr->scenario_hash ? hdr->scenario_hash : "?", cand[first_idx], scenario_hash(first));
        scenario_free(first);
        v->exit_code = CLI_INVALID;
    } else if (invalid_idx >= 0) {
        verr(v, file, "the scenario %s is invalid", cand[invalid_idx]);
        v->exit_code = CLI_INVALID;
    } else {
        char tried[2048] = "";
        size_t k = 0;
        for (int i = 0; i < n; i++)
            if (cand[i] && k < sizeof tried)
                k += (size_t)snprintf(tried + k, sizeof tried - k, " %s", cand[i]);
        verr(v, file, "cannot find scenario \"%s\"; tried:%s (give it with --scenario FILE)",
             hdr->scenario_id ? hdr->scenario_id : "?",
             n ? tried : " nothing (no recorded path, and no data folder)");
        v->exit_code = CLI_FAILURE;
    }
    for (int i = 0; i < n; i++)
        free(cand[i]);
    return out;
}

/* The trusted scenario with the recorded hash (report), or NULL with the reason given. */
static const Scenario *find_trusted_by_path(const CliTrusted *t, const char *path)
{
    for (int i = 0; i < t->count; i++)
        if (t->paths[i] == path)
            return t->scenarios[i];
    return t->count ? t->scenarios[0] : NULL;
}

static const Scenario *find_trusted(const char *file, const CliTrusted *t, const ActionLog *hdr,
                                    CliVerified *v)
{
    for (int i = 0; i < t->count; i++)
        if (hdr->scenario_hash && strcmp(scenario_hash(t->scenarios[i]), hdr->scenario_hash) == 0)
            return t->scenarios[i];
    const char *same_id = NULL;
    for (int i = 0; i < t->count && !same_id; i++)
        if (hdr->scenario_id && strcmp(scenario_id(t->scenarios[i]), hdr->scenario_id) == 0)
            same_id = t->paths[i];
    if (same_id)
        verr(v, file, "played on an edited copy of scenario %s (hash %s; %s has hash %s): not "
                      "the class's scenario", hdr->scenario_id,
             hdr->scenario_hash ? hdr->scenario_hash : "(none)", same_id,
             scenario_hash(find_trusted_by_path(t, same_id)));
    else
        verr(v, file, "played on scenario %s (hash %s), which is none of %s: give the class's "
                      "scenario with --scenario FILE",
             hdr->scenario_id ? hdr->scenario_id : "?",
             hdr->scenario_hash ? hdr->scenario_hash : "(none)", t->origin);
    v->exit_code = CLI_INVALID;
    return NULL;
}

/* --- reporting the figures that differ ------------------------------------------------ */

typedef struct Compare {
    CliVerified *v;
    const char *file;
    int bad;
} Compare;

static void mismatch(void *ctx, const char *where, const char *rec, const char *gen)
{
    Compare *c = ctx;
    c->bad++;
    if (c->bad > 6)
        return;
    if (c->bad == 6)
        verr(c->v, c->file, "and more figures differ");
    else if (!rec)
        verr(c->v, c->file, "%s is missing from the file (the replay gives %s)", where, gen);
    else if (!gen)
        verr(c->v, c->file, "%s: the file holds %s, which no game has", where, rec);
    else
        verr(c->v, c->file, "%s: the file says %s, the replay gives %s", where, rec, gen);
}

void cli_verify_file(const char *cmd, const char *path, const char *scenario_path,
                     CliVerified *out)
{
    (void)cmd;
    CliVerifyOpts o;
    memset(&o, 0, sizeof o);
    o.scenario_path = scenario_path;
    cli_verify_with(path, &o, out);
}

void cli_verify_with(const char *path, const CliVerifyOpts *opts, CliVerified *out)
{
    memset(out, 0, sizeof *out);
    out->exit_code = CLI_FAILURE;
    verr_quiet = opts->quiet_errors;
    char *buf = NULL;
    size_t len = 0;
    errno = 0;
    FileStatus fs = opts->regular_only ? file_read_regular(path, RESULTS_MAX_BYTES, &buf, &len)
                                       : file_read_all(path, RESULTS_MAX_BYTES, &buf, &len);
    if (fs == FILE_ERR_TOO_BIG) {
        /* read, but invalid, as a scenario past its cap: refused at its first byte */
        snprintf(out->why, sizeof out->why, "larger than a results file can be (16 MiB)");
        if (!verr_quiet)
            cli_print_safe(stderr, "%s:1:1: error: expected a results file of at most %u bytes "
                                   "(16 MiB), found a larger file\n", path, RESULTS_MAX_BYTES);
        out->exit_code = CLI_INVALID;
        verr_quiet = 0;
        return;
    }
    if (fs != FILE_OK) {
        out->not_regular = fs == FILE_ERR_NOT_REGULAR;
        verr(out, path, "cannot read: %s", file_status_message(fs, errno));
        verr_quiet = 0;
        return;
    }
    cli_verify_buffer(path, buf, len, opts, out);
    free(buf);
}

void cli_verify_buffer(const char *path, const char *buf, size_t len, const CliVerifyOpts *opts,
                       CliVerified *out)
{
    memset(out, 0, sizeof *out);
    out->exit_code = CLI_FAILURE;
    verr_quiet = opts->quiet_errors;
    DiagList *diags = diag_list_new();
    ActionLog hdr, log;
    memset(&hdr, 0, sizeof hdr);
    memset(&log, 0, sizeof log);
    Scenario *owned = NULL;
    const Scenario *s = NULL;
    Game *g = NULL;
    char *used = NULL;
    ResultsDoc *doc = NULL;
    if (!diags) {
        verr(out, path, "out of memory");
        goto done;
    }
    /* parsed once: its facts name the scenario, which its actions are read against */
    doc = results_doc_parse(buf, len, diags);
    if (!doc || results_doc_header(doc, path, &hdr, diags) != 0) {
        vdiags(out, path, diags);
        char first[sizeof out->why];
        snprintf(first, sizeof first, "%s", out->why);
        out->why[0] = '\0';
        verr(out, path, "not a valid results file%s%s", first[0] ? ": " : "", first);
        out->exit_code = CLI_INVALID;
        goto done;
    }
    if (results_model_differs(&hdr, out->model_verdict, sizeof out->model_verdict)) {
        /* its figures come from another model: neither "ok" nor a mismatch */
        verr(out, path, "%s", out->model_verdict);
        out->exit_code = CLI_INVALID;
        out->older_model = 1;
        goto done;
    }
    if (opts->trusted) {
        s = find_trusted(path, opts->trusted, &hdr, out);
        if (!s)
            goto done;
    } else {
        owned = find_scenario(path, opts->scenario_path, &hdr, out, &used);
        s = owned;
        if (!s)
            goto done;
        if (!hdr.scenario_hash || strcmp(hdr.scenario_hash, scenario_hash(s)) != 0) {
            verr(out, path, "scenario hash mismatch: recorded %s, %s has %s",
                 hdr.scenario_hash ? hdr.scenario_hash : "(none)", used, scenario_hash(s));
            out->exit_code = CLI_INVALID;
            goto done;
        }
    }
    if (results_doc_actions(doc, path, s, &log, diags) != 0) {
        vdiags(out, path, diags);
        verr(out, path, "the action log does not fit scenario %s", scenario_id(s));
        out->exit_code = CLI_INVALID;
        goto done;
    }
    g = results_replay(s, log.seed, &log, path, diags);
    if (!g) {
        vdiags(out, path, diags);
        verr(out, path, "the replay failed");
        out->exit_code = CLI_INVALID;
        goto done;
    }
    Compare cmp = {out, path, 0};
    if (results_doc_compare(doc, g, mismatch, &cmp) < 0) {
        verr(out, path, "out of memory");
        goto done;
    }
    if (cmp.bad) {
        out->exit_code = CLI_INVALID;
        goto done;
    }
    out->ok = 1;
    out->exit_code = CLI_OK;
    out->unfinished = !game_over(g);
    out->days = scenario_day_count(s);
    out->days_played = game_over(g) ? out->days : game_day(g) - 1;
    out->player = dup_str(log.player ? log.player : "");
    out->scenario_id = dup_str(scenario_id(s));
    ScoreCard sc;
    score_compute(g, &sc);
    out->total = sc.total;
    out->revenue = sc.revenue;
    out->attainment_bp = sc.attainment_bp;
    out->deals_won = sc.deals_won;
    out->started = log.started;
    out->played_by = log.played_by;
    snprintf(out->strategy, sizeof out->strategy, "%s", log.strategy);
    out->strategy_weeks = log.strategy_weeks;
    out->rewound_day = log.rewound_day;
    if (!out->player || !out->scenario_id) {
        cli_verified_free(out);
        out->exit_code = CLI_FAILURE;
        verr(out, path, "out of memory");
    } else if (opts->visit) {
        opts->visit(opts->ctx, g, out);
    }
done:
    results_doc_free(doc);
    game_free(g);
    scenario_free(owned);
    free(used);
    action_log_free(&hdr);
    action_log_free(&log);
    diag_list_free(diags);
    verr_quiet = 0;
}

void cli_verified_free(CliVerified *v)
{
    free(v->player);
    free(v->scenario_id);
    v->player = NULL;
    v->scenario_id = NULL;
    v->ok = 0;
}

void cli_trusted_free(CliTrusted *t)
{
    for (int i = 0; i < t->count; i++) {
        scenario_free(t->scenarios[i]);
        free(t->paths[i]);
    }
    free(t->scenarios);
    free(t->paths);
    memset(t, 0, sizeof *t);
}

int cmd_verify(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("verify");
    const char *scenario = NULL;
    int rc = CLI_OK;
    const CliOpt opts[] = {{"scenario", &scenario, NULL}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 1, pos, &rc);
    if (npos < 0) {
        free(pos);
        return rc;
    }
    if (npos == 0) {
        free(pos);
        return cli_usage_error("verify", "expected at least one results file");
    }
    int worst = CLI_OK;
    for (int i = 0; i < npos; i++) {
        CliVerified v;
        cli_verify_file("verify", pos[i], scenario, &v);
        if (v.ok && v.unfinished) {
            /* its figures are right, but it is not a result: stopping early is no game */
            verr(&v, pos[i], "the game is not finished (%d of %d days played): an unfinished "
                             "game is not a result", v.days_played, v.days);
            v.exit_code = CLI_INVALID;
        } else if (v.ok && !cli_quiet) {
            cli_print_safe(stdout, "%s: ok (score %lld)\n", pos[i], (long long)v.total);
        }
        if (v.exit_code > worst)
            worst = v.exit_code;
        cli_verified_free(&v);
    }
    free(pos);
    return cli_finish(worst);
}
