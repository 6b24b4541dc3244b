/* cmd_balance — tells a scenario author whether the scenario teaches the lesson: plays
 * sales1, sales2 and random over many seeds, prints the figures and a verdict, and exits
 * 1 when any check fails. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "upfront/balance.h"

#define BALANCE_DEFAULT_RUNS 2000L
#define BALANCE_MAX_RUNS 200000L

static int add_num(cJSON *o, const char *key, double v, int decimals)
{
    char num[64];
    cli_format_number(num, sizeof num, v, decimals);
    return cJSON_AddRawToObject(o, key, num) != NULL;
}

static int add_stats(cJSON *o, const char *key, const SimStats *ss)
{
    cJSON *m = cJSON_AddObjectToObject(o, key);
    int ok = m && add_num(m, "score_mean", ss->score_mean, 3) &&
             add_num(m, "score_p10", ss->score_p10, 0) && add_num(m, "score_p50", ss->score_p50, 0) &&
             add_num(m, "score_p90", ss->score_p90, 0) &&
             add_num(m, "quota_attainment", ss->attainment_mean, 6) &&
             add_num(m, "deals_won", ss->deals_won_mean, 4) &&
             add_num(m, "buyer_initiated_close_rate", ss->buyer_initiated_close_rate, 6) &&
             add_num(m, "time_used_share", ss->time_used_mean, 6) &&
             add_num(m, "front_loading", ss->front_loading_mean, 6) &&
             add_num(m, "deals_lost", ss->deals_lost_mean, 4) &&
             add_num(m, "deals_no_decision", ss->deals_no_decision_mean, 4) &&
             add_num(m, "lost_to_pressure", ss->lost_to_pressure_mean, 4);
    cJSON *eff = ok ? cJSON_AddObjectToObject(m, "effort_share") : NULL;
    for (int i = 0; ok && i < STAGE_COUNT; i++)
        ok = eff && add_num(eff, stage_name((Stage)i), ss->effort_share[i], 6);
    return ok;
}

static int print_json(const Scenario *s, const BalanceReport *r, long runs, uint64_t seed)
{
    cJSON *o = cJSON_CreateObject();
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)seed);
    int ok = o && cJSON_AddStringToObject(o, "scenario", scenario_id(s)) &&
             add_num(o, "runs", (double)runs, 0) && cJSON_AddRawToObject(o, "seed", num) &&
             cJSON_AddBoolToObject(o, "teaches", r->teaches) &&
             add_stats(o, "sales1", &r->sales1) && add_stats(o, "sales2", &r->sales2) &&
             add_stats(o, "random", &r->random);
    cJSON *nothing = ok ? cJSON_AddObjectToObject(o, "nothing") : NULL;
    ok = ok && nothing && add_num(nothing, "score_mean", r->nothing_mean, 3) &&
         add_num(nothing, "games", (double)r->nothing_games, 0);
    cJSON *checks = ok ? cJSON_AddArrayToObject(o, "checks") : NULL;
    for (int i = 0; ok && i < r->check_count; i++) {
        cJSON *c = cJSON_CreateObject();
        ok = c && cJSON_AddStringToObject(c, "name", r->checks[i].name) &&
             cJSON_AddBoolToObject(c, "passed", r->checks[i].passed) &&
             cJSON_AddStringToObject(c, "text", r->checks[i].text);
        if (c && (!checks || !cJSON_AddItemToArray(checks, c))) {
            cJSON_Delete(c);
            ok = 0;
        }
    }
    char *text = ok ? cJSON_Print(o) : NULL;
    cJSON_Delete(o);
    if (!text) {
        cli_error("balance", "out of memory");
        return CLI_FAILURE;
    }
    fputs(text, stdout);
    fputc('\n', stdout);
    cJSON_free(text);
    return cli_finish(r->teaches ? CLI_OK : CLI_INVALID);
}

static void print_row(const char *name, const SimStats *ss)
{
    printf("%-8s %8.1f %6.0f %6.0f %6.0f %8.1f%% %7.2f %6.2f %7.0f%% %6.0f%%   "
           "%4.1f/%4.1f/%4.1f/%4.1f\n",
           name, ss->score_mean, ss->score_p10, ss->score_p50, ss->score_p90,
           ss->attainment_mean * 100.0, ss->deals_won_mean,
           ss->lost_to_pressure_mean + ss->deals_no_decision_mean,
           ss->buyer_initiated_close_rate * 100.0, ss->time_used_mean * 100.0,
           ss->effort_share[STAGE_PREPARE] * 100.0, ss->effort_share[STAGE_PROSPECT] * 100.0,
           ss->effort_share[STAGE_PROGRESS] * 100.0, ss->effort_share[STAGE_CLOSE] * 100.0);
}

static int print_table(const Scenario *s, const BalanceReport *r, long runs, uint64_t seed)
{
    printf("%s: %ld games per strategy from seed %llu\n\n", scenario_id(s), runs,
           (unsigned long long)seed);
    printf("strategy     mean    p10    p50    p90    quota    deals   lost   buyer   hours   "
           "effort %% prep/prosp/progr/close\n");
    print_row("sales1", &r->sales1);
    print_row("sales2", &r->sales2);
    print_row("random", &r->random);
    printf("nothing  %8.1f  (every day ended at once, %d games)\n", r->nothing_mean,
           r->nothing_games);
    printf("\n(lost: deals lost to pressure or no decision per game; buyer: won deals the buyer "
           "asked to sign; hours: share of the available hours used)\n\n");
    for (int i = 0; i < r->check_count; i++)
        printf("  %s  %-22s %s\n", r->checks[i].passed ? "pass" : "FAIL", r->checks[i].name,
               r->checks[i].text);
    printf("\n%s\n", r->teaches ? "Verdict: this scenario teaches the lesson."
                                : "Verdict: this scenario does NOT teach the lesson (see FAIL above).");
    return cli_finish(r->teaches ? CLI_OK : CLI_INVALID);
}

static void show_progress(void *user, long done, long total)
{
    (void)user;
    cli_progress("balance", "games", done, total);
}

int cmd_balance(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("balance");
    const char *runs_s = NULL, *seed_s = NULL, *threads_s = NULL;
    int json = 0, rc = CLI_OK;
    const CliOpt opts[] = {
        {"runs", &runs_s, NULL},
        {"seed", &seed_s, NULL},
        {"threads", &threads_s, NULL},
        {"json", NULL, &json},
    };
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 4, pos, &rc);
    const char *scenario_path = npos == 1 ? pos[0] : NULL;
    free(pos);
    if (npos < 0)
        return rc;
    if (npos != 1)
        return cli_usage_error("balance", npos == 0 ? "expected a scenario file"
                                                    : "expected exactly one scenario file");
    long runs = BALANCE_DEFAULT_RUNS, threads = 0;
    if (runs_s && cli_parse_long(runs_s, 1, BALANCE_MAX_RUNS, &runs) != 0)
        return cli_usage_error("balance", "--runs: expected a whole number from 1 to %ld, got \"%s\"",
                               BALANCE_MAX_RUNS, runs_s);
    uint64_t seed = 1;
    if (cli_opt_threads("balance", threads_s, &threads) || cli_opt_seed("balance", seed_s, &seed))
        return CLI_FAILURE;
    Scenario *s = cli_load_scenario("balance", scenario_path, &rc);
    if (!s)
        return rc;
    BalanceReport r;
    const SimProgress progress = {show_progress, NULL};
    int failed = balance_check_progress(s, (int)runs, seed, (int)threads, &progress, &r) != 0;
    cli_progress_end();
    if (failed) {
        cli_error("balance", "the simulation failed (out of memory, or a strategy made an illegal move)");
        scenario_free(s);
        return CLI_FAILURE;
    }
    rc = json ? print_json(s, &r, runs, seed) : print_table(s, &r, runs, seed);
    scenario_free(s);
    return rc;
}
