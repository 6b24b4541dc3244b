/* cmd_validate — check scenario files and print every problem, positioned: the loader's
 * errors and warnings, then the authoring warnings of lint (a quota out of reach is
 * simulated over LINT_QUOTA_RUNS sales2 games; --lesson adds balance_check over
 * LINT_LESSON_RUNS games per strategy). */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "upfront/balance.h"
#include "upfront/file.h"
#include "upfront/lint.h"

/* Appends the diagnostics of one file to a JSON array, with the keys of diag_print_json
 * (one array for all the files). Returns 0 or -1 (out of memory). */
static int add_json_diags(cJSON *arr, const char *file, const DiagList *diags)
{
    for (int i = 0; i < diag_count(diags); i++) {
        const Diag *d = diag_get(diags, i);
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            return -1;
        }
        if (!cJSON_AddStringToObject(o, "file", file) ||
            !cJSON_AddNumberToObject(o, "line", d->line) ||
            !cJSON_AddNumberToObject(o, "column", d->col) ||
            !cJSON_AddStringToObject(o, "pointer", d->pointer ? d->pointer : "") ||
            !cJSON_AddStringToObject(o, "severity",
                                     d->severity == DIAG_WARNING ? "warning" : "error") ||
            !cJSON_AddStringToObject(o, "message", d->message ? d->message : ""))
            return -1;
    }
    return 0;
}

/* 1 when the file is a JSON Schema document (its "$schema" names a json-schema.org
 * meta-schema), such as scenarios/scenario.schema.json: not a scenario, so validate skips
 * it, and validating every .json file of scenarios/ checks just the scenarios. */
static int is_json_schema(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (file_read_all(path, SCENARIO_MAX_BYTES, &buf, &len) != FILE_OK)
        return 0;
    cJSON *root = cJSON_ParseWithLength(buf, len);
    free(buf);
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "$schema");
    int yes = cJSON_IsString(meta) &&
              (strncmp(meta->valuestring, "https://json-schema.org/", 24) == 0 ||
               strncmp(meta->valuestring, "http://json-schema.org/", 23) == 0);
    cJSON_Delete(root);
    return yes;
}

/* Prints the figures the lesson check judged, one line per check, after a file's "ok"
 * line (its failed checks are warnings too). */
static void print_lesson(const char *file, const BalanceReport *r)
{
    int passed = 0;
    for (int i = 0; i < r->check_count; i++)
        passed += r->checks[i].passed;
    printf("%s: lesson, %d games per strategy (seed %d): %d of %d checks pass "
           "('upfront balance' gives the verdict)\n",
           file, LINT_LESSON_RUNS, LINT_SEED, passed, r->check_count);
    for (int i = 0; i < r->check_count; i++)
        printf("  %s  %-22s %s\n", r->checks[i].passed ? "pass" : "FAIL", r->checks[i].name,
               r->checks[i].text);
}

/* Loads one file and, when it loaded, adds lint's warnings (positioned in the same bytes).
 * A file that cannot be read is left to scenario_load_file, which says why. Returns the
 * scenario or NULL; *oom is set when linting ran out of memory. */
static Scenario *load_and_lint(const char *file, BalanceReport *lesson, DiagList *diags,
                               int *unreadable, int *oom)
{
    char *buf = NULL;
    size_t len = 0;
    if (file_read_all(file, SCENARIO_MAX_BYTES, &buf, &len) != FILE_OK) {
        free(buf);
        return scenario_load_file(file, diags, unreadable);
    }
    *unreadable = 0;
    Scenario *s = scenario_load(buf, len, file, diags);
    if (s) {
        LintOptions o = lint_defaults();
        if (lesson) {
            o.lesson_runs = LINT_LESSON_RUNS;
            o.lesson_report = lesson;
        }
        if (lint_scenario(s, buf, len, &o, diags) < 0)
            *oom = 1;
    }
    free(buf);
    return s;
}

int cmd_validate(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("validate");
    int json = 0, strict = 0, lesson = 0, rc = CLI_OK;
    const CliOpt opts[] = {{"json", NULL, &json}, {"strict", NULL, &strict}, {"lesson", NULL, &lesson}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 3, pos, &rc);
    if (npos < 0) {
        free(pos);
        return rc;
    }
    if (npos == 0) {
        free(pos);
        return cli_usage_error("validate", "expected at least one scenario file");
    }

    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    if (json && !arr) {
        free(pos);
        cli_error("validate", "out of memory");
        return CLI_FAILURE;
    }
    int any_invalid = 0, any_unreadable = 0, oom = 0;
    for (int i = 0; i < npos && !oom; i++) {
        const char *file = pos[i];
        if (is_json_schema(file)) {
            if (!json)
                printf("%s: skipped (a JSON Schema, not a scenario)\n", file);
            continue;
        }
        DiagList *diags = diag_list_new();
        if (!diags) {
            oom = 1;
            break;
        }
        int unreadable = 0;
        BalanceReport judged;
        judged.check_count = -1; /* set when the lesson check ran */
        Scenario *s = load_and_lint(file, lesson ? &judged : NULL, diags, &unreadable, &oom);
        diag_sort(diags);
        int invalid = !s || (strict && diag_warning_count(diags) > 0);
        if (unreadable)
            any_unreadable = 1;
        else if (invalid)
            any_invalid = 1;
        if (json) {
            if (add_json_diags(arr, file, diags) != 0)
                oom = 1;
        } else {
            cli_print_diags(file, diags);
            if (!invalid && !unreadable && !cli_quiet) { /* --quiet: problems only */
                int w = diag_warning_count(diags);
                if (w > 0)
                    printf("%s: ok (%d warning%s)\n", file, w, w == 1 ? "" : "s");
                else
                    printf("%s: ok\n", file);
            }
            if (s && lesson && judged.check_count >= 0 && !cli_quiet)
                print_lesson(file, &judged);
        }
        scenario_free(s);
        diag_list_free(diags);
    }
    free(pos);
    if (json && !oom) {
        char *text = cJSON_Print(arr);
        if (!text)
            oom = 1;
        else {
            fputs(text, stdout);
            fputc('\n', stdout);
            cJSON_free(text);
        }
    }
    cJSON_Delete(arr);
    if (oom) {
        cli_error("validate", "out of memory");
        return CLI_FAILURE;
    }
    return cli_finish(any_unreadable ? CLI_FAILURE : any_invalid ? CLI_INVALID : CLI_OK);
}
