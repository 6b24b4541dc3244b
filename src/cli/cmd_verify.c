/* cmd_verify — replay results files and check the recorded score and state. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "upfront/file.h"

/* Prints "FILE: error: MESSAGE" to stderr. */
static void verr(const char *file, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void verr(const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: error: ", file);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
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

/* 1 when id is a safe file name part ([a-z0-9_-]+). */
static int safe_id(const char *id)
{
    if (!id || !*id || strlen(id) > 200)
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

#define MAX_CANDIDATES 4

/* Finds and loads the scenario a results file was recorded on. Returns it, or NULL with
 * *code set (and the reason printed). *used receives the path chosen (owned). */
static Scenario *find_scenario(const char *file, const char *override, const ActionLog *hdr,
                               int *code, char **used)
{
    char *cand[MAX_CANDIDATES] = {0};
    int n = 0;
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
        if (safe_id(hdr->scenario_id)) {
            const char *data = cli_data_dir(NULL, 0);
            if (data) {
                char *rel = cli_join("scenarios", hdr->scenario_id);
                char *name = rel ? malloc(strlen(rel) + 6) : NULL;
                if (name) {
                    snprintf(name, strlen(rel) + 6, "%s.json", rel);
                    cand[n++] = cli_join(data, name);
                }
                free(name);
                free(rel);
            }
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
    if (best) {
        scenario_free(first);
        out = best;
        *used = cand[best_idx];
        cand[best_idx] = NULL;
    } else if (first) {
        verr(file,
             "scenario hash mismatch: recorded on %s (hash %s), but %s has hash %s",
             hdr->scenario_id ? hdr->scenario_id : "?",
             hdr->scenario_hash ? hdr->scenario_hash : "?", cand[first_idx], scenario_hash(first));
        scenario_free(first);
        *code = CLI_INVALID;
    } else if (invalid_idx >= 0) {
        verr(file, "the scenario %s is invalid", cand[invalid_idx]);
        *code = CLI_INVALID;
    } else {
        fprintf(stderr, "%s: error: cannot find scenario \"%s\"; tried:", file,
                hdr->scenario_id ? hdr->scenario_id : "?");
        for (int i = 0; i < n; i++)
            if (cand[i])
                fprintf(stderr, " %s", cand[i]);
        if (n == 0)
            fprintf(stderr, " nothing (no recorded path, and no data folder)");
        fprintf(stderr, " (give it with --scenario FILE)\n");
        *code = CLI_FAILURE;
    }
    for (int i = 0; i < n; i++)
        free(cand[i]);
    return out;
}

/* Looks up "a.b" in a parsed results file. */
static const cJSON *lookup(const cJSON *root, const char *outer, const char *inner)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, outer);
    return inner ? cJSON_GetObjectItemCaseSensitive(v, inner) : v;
}

/* Compares one recorded figure with the replayed one; prints and returns 1 on mismatch. */
static int differs(const char *file, const cJSON *rec, const cJSON *gen, const char *outer,
                   const char *inner)
{
    const cJSON *a = lookup(rec, outer, inner), *b = lookup(gen, outer, inner);
    char name[64];
    snprintf(name, sizeof name, "%s%s%s", outer, inner ? "." : "", inner ? inner : "");
    if (!b)
        return 0;
    if (!a) {
        verr(file, "%s is missing from the file", name);
        return 1;
    }
    if (cJSON_IsNumber(b)) {
        if (!cJSON_IsNumber(a) || a->valuedouble != b->valuedouble) {
            if (cJSON_IsNumber(a))
                verr(file, "%s: the file says %.0f, the replay gives %.0f", name, a->valuedouble,
                     b->valuedouble);
            else
                verr(file, "%s: the file does not hold a number", name);
            return 1;
        }
        return 0;
    }
    if (cJSON_IsString(b)) {
        if (!cJSON_IsString(a) || strcmp(a->valuestring, b->valuestring) != 0) {
            verr(file, "%s: the file says \"%s\", the replay gives \"%s\"", name,
                 cJSON_IsString(a) ? a->valuestring : "(not a string)", b->valuestring);
            return 1;
        }
    }
    return 0;
}

static int64_t int_at(const cJSON *root, const char *outer, const char *inner)
{
    const cJSON *v = lookup(root, outer, inner);
    return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
}

void cli_verify_file(const char *cmd, const char *path, const char *scenario_path,
                     CliVerified *out)
{
    cli_verify_file_visit(cmd, path, scenario_path, out, NULL, NULL);
}

void cli_verify_file_visit(const char *cmd, const char *path, const char *scenario_path,
                           CliVerified *out, void (*visit)(void *ctx, const Game *g),
                           void *ctx)
{
    (void)cmd;
    memset(out, 0, sizeof *out);
    out->exit_code = CLI_FAILURE;
    char *buf = NULL;
    size_t len = 0;
    errno = 0;
    FileStatus fs = file_read_all(path, RESULTS_MAX_BYTES, &buf, &len);
    if (fs == FILE_ERR_TOO_BIG) {
        /* read, but invalid, as a scenario past its cap: refused at its first byte */
        fprintf(stderr, "%s:1:1: error: expected a results file of at most %u bytes (16 MiB), found a larger file\n",
                path, RESULTS_MAX_BYTES);
        out->exit_code = CLI_INVALID;
        return;
    }
    if (fs != FILE_OK) {
        verr(path, "cannot read: %s", file_status_message(fs, errno));
        return;
    }
    DiagList *diags = diag_list_new();
    ActionLog hdr, log;
    memset(&hdr, 0, sizeof hdr);
    memset(&log, 0, sizeof log);
    Scenario *s = NULL;
    Game *g = NULL;
    char *used = NULL, *text = NULL;
    cJSON *rec = NULL, *gen = NULL;
    if (!diags) {
        verr(path, "out of memory");
        goto done;
    }
    if (results_read_header(buf, len, path, &hdr, diags) != 0) {
        diag_sort(diags);
        cli_print_diags(path, diags);
        verr(path, "not a valid results file");
        out->exit_code = CLI_INVALID;
        goto done;
    }
    if (results_model_differs(&hdr, out->model_verdict, sizeof out->model_verdict)) {
        /* its figures come from another model: neither "ok" nor a mismatch */
        verr(path, "%s", out->model_verdict);
        out->exit_code = CLI_INVALID;
        out->older_model = 1;
        goto done;
    }
    s = find_scenario(path, scenario_path, &hdr, &out->exit_code, &used);
    if (!s)
        goto done;
    if (!hdr.scenario_hash || strcmp(hdr.scenario_hash, scenario_hash(s)) != 0) {
        verr(path, "scenario hash mismatch: recorded %s, %s has %s",
             hdr.scenario_hash ? hdr.scenario_hash : "(none)", used, scenario_hash(s));
        out->exit_code = CLI_INVALID;
        goto done;
    }
    if (results_read_actions(buf, len, path, s, &log, diags) != 0) {
        diag_sort(diags);
        cli_print_diags(path, diags);
        verr(path, "the action log does not fit scenario %s", used);
        out->exit_code = CLI_INVALID;
        goto done;
    }
    g = results_replay(s, log.seed, &log, path, diags);
    if (!g) {
        diag_sort(diags);
        cli_print_diags(path, diags);
        verr(path, "the replay failed");
        out->exit_code = CLI_INVALID;
        goto done;
    }
    ResultsMeta meta = {.player = log.player, .scenario_path = log.scenario_path, .started = log.started};
    text = results_to_json(g, &meta);
    if (text) {
        rec = cJSON_ParseWithLength(buf, len);
        gen = cJSON_Parse(text);
    }
    if (!text || !rec || !gen) {
        verr(path, "out of memory");
        goto done;
    }
    int bad = differs(path, rec, gen, "score", "total");
    bad += differs(path, rec, gen, "score", "results");
    bad += differs(path, rec, gen, "score", "process");
    bad += differs(path, rec, gen, "score", "efficiency");
    bad += differs(path, rec, gen, "score", "penalties");
    bad += differs(path, rec, gen, "state_hash", NULL);
    if (bad) {
        out->exit_code = CLI_INVALID;
        goto done;
    }
    out->ok = 1;
    out->exit_code = CLI_OK;
    out->player = dup_str(log.player ? log.player : "");
    out->scenario_id = dup_str(scenario_id(s));
    out->total = int_at(gen, "score", "total");
    out->revenue = int_at(gen, "score", "revenue");
    out->attainment_bp = (int)int_at(gen, "score", "attainment_bp");
    out->deals_won = (int)int_at(gen, "score", "deals_won");
    out->started = log.started;
    if (!out->player || !out->scenario_id) {
        cli_verified_free(out);
        out->exit_code = CLI_FAILURE;
        verr(path, "out of memory");
    } else if (visit) {
        visit(ctx, g);
    }
done:
    cJSON_Delete(rec);
    cJSON_Delete(gen);
    free(text);
    game_free(g);
    scenario_free(s);
    free(used);
    action_log_free(&hdr);
    action_log_free(&log);
    diag_list_free(diags);
    free(buf);
}

void cli_verified_free(CliVerified *v)
{
    free(v->player);
    free(v->scenario_id);
    v->player = NULL;
    v->scenario_id = NULL;
    v->ok = 0;
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
        if (v.ok)
            printf("%s: ok (score %lld)\n", pos[i], (long long)v.total);
        if (v.exit_code > worst)
            worst = v.exit_code;
        cli_verified_free(&v);
    }
    free(pos);
    return cli_finish(worst);
}
