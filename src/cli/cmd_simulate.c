/* cmd_simulate — play N games with a built-in strategy and print statistics (a table, or
 * with --json the object of DESIGN.md §5). */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "upfront/sim.h"
#include "upfront/strategy.h"

#define SIM_MAX_RUNS 1000000L /* 80 MB of per-game figures */

/* Shares as parts per million that add up to exactly 1000000 (largest remainder). */
static void shares_ppm(const double *share, int n, long *ppm)
{
    long sum = 0;
    double rem[16];
    double total = 0;
    for (int i = 0; i < n; i++)
        total += share[i];
    for (int i = 0; i < n; i++) {
        double exact = total > 0 ? share[i] / total * 1e6 : 0.0;
        ppm[i] = (long)exact;
        rem[i] = exact - (double)ppm[i];
        sum += ppm[i];
    }
    if (total <= 0)
        return;
    while (sum < 1000000) {
        int best = 0;
        for (int i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        ppm[best]++;
        rem[best] = -1.0;
        sum++;
    }
}

static int add_num(cJSON *o, const char *key, double v, int decimals)
{
    char num[64];
    cli_format_number(num, sizeof num, v, decimals);
    return cJSON_AddRawToObject(o, key, num) != NULL;
}

static int add_mean(cJSON *o, const char *key, double v, int decimals)
{
    cJSON *m = cJSON_AddObjectToObject(o, key);
    return m && add_num(m, "mean", v, decimals);
}

static const char *stage_name_i(int i) { return stage_name((Stage)i); }
static const char *channel_name_i(int i) { return channel_name((Channel)i); }

/* Adds key: {name(i): share i, ...}, the shares rounded to millionths that sum to 1. */
static int add_shares(cJSON *o, const char *key, const double *share, int n,
                      const char *(*name)(int))
{
    cJSON *m = cJSON_AddObjectToObject(o, key);
    long ppm[16];
    shares_ppm(share, n, ppm);
    for (int i = 0; m && i < n; i++) {
        char sh[32];
        cli_format_number(sh, sizeof sh, (double)ppm[i] / 1e6, 6);
        if (!cJSON_AddRawToObject(m, name(i), sh))
            return 0;
    }
    return m != NULL;
}

static int print_json(const Scenario *s, const Strategy *st, const SimStats *ss)
{
    cJSON *o = cJSON_CreateObject();
    int ok = o != NULL;
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)ss->seed);
    ok = ok && cJSON_AddStringToObject(o, "scenario", scenario_id(s));
    ok = ok && cJSON_AddStringToObject(o, "strategy", strategy_name(st));
    ok = ok && add_num(o, "runs", ss->runs, 0);
    ok = ok && cJSON_AddRawToObject(o, "seed", num);
    cJSON *score = ok ? cJSON_AddObjectToObject(o, "score") : NULL;
    ok = ok && score && add_num(score, "mean", ss->score_mean, 3) &&
         add_num(score, "p10", ss->score_p10, 0) && add_num(score, "p50", ss->score_p50, 0) &&
         add_num(score, "p90", ss->score_p90, 0);
    ok = ok && add_mean(o, "revenue", ss->revenue_mean, 2);
    ok = ok && add_mean(o, "quota_attainment", ss->attainment_mean, 6);
    ok = ok && add_mean(o, "deals_won", ss->deals_won_mean, 4);
    ok = ok && add_shares(o, "effort_share", ss->effort_share, STAGE_COUNT, stage_name_i);
    ok = ok && add_mean(o, "time_used_share", ss->time_used_mean, 6);
    ok = ok && add_mean(o, "front_loading", ss->front_loading_mean, 6);
    ok = ok && add_shares(o, "channel_share", ss->channel_share, CHANNEL_COUNT, channel_name_i);
    ok = ok && add_mean(o, "meetings", ss->meetings_mean, 4);
    ok = ok && add_mean(o, "deals_lost", ss->deals_lost_mean, 4);
    ok = ok && add_mean(o, "deals_no_decision", ss->deals_no_decision_mean, 4);
    ok = ok && add_mean(o, "lost_to_pressure", ss->lost_to_pressure_mean, 4);
    ok = ok && add_num(o, "buyer_initiated_close_rate", ss->buyer_initiated_close_rate, 6);
    double gps = ss->seconds > 0 ? ss->runs / ss->seconds : 0.0;
    ok = ok && add_num(o, "games_per_second", gps, 1);
    char *text = ok ? cJSON_Print(o) : NULL;
    cJSON_Delete(o);
    if (!text) {
        cli_error("simulate", "out of memory");
        return CLI_FAILURE;
    }
    fputs(text, stdout);
    fputc('\n', stdout);
    cJSON_free(text);
    return cli_finish(CLI_OK);
}

static int print_table(const Scenario *s, const Strategy *st, const SimStats *ss)
{
    double gps = ss->seconds > 0 ? ss->runs / ss->seconds : 0.0;
    printf("scenario   %s\nstrategy   %s\nruns       %d (seed %llu)\n\n", scenario_id(s),
           strategy_name(st), ss->runs, (unsigned long long)ss->seed);
    printf("score      mean %.1f   p10 %.0f   p50 %.0f   p90 %.0f\n", ss->score_mean,
           ss->score_p10, ss->score_p50, ss->score_p90);
    printf("revenue    mean %.0f %s (%.1f%% of quota)\n", ss->revenue_mean, scenario_currency(s),
           ss->attainment_mean * 100.0);
    printf("deals won  mean %.2f, %.1f%% of them asked for by the buyer\n", ss->deals_won_mean,
           ss->buyer_initiated_close_rate * 100.0);
    printf("effort     ");
    for (int i = 0; i < STAGE_COUNT; i++)
        printf("%s %.1f%%%s", stage_label((Stage)i), ss->effort_share[i] * 100.0,
               i + 1 < STAGE_COUNT ? "   " : "\n");
    printf("time used  %.1f%% of the period's hours; front-loading %.0f%% (0 = Sales 1.0, 100 = Sales 2.0)\n",
           ss->time_used_mean * 100.0, ss->front_loading_mean * 100.0);
    printf("channels   ");
    for (int i = 0; i < CHANNEL_COUNT; i++)
        printf("%s %.1f%%%s", channel_name((Channel)i), ss->channel_share[i] * 100.0,
               i + 1 < CHANNEL_COUNT ? "   " : "\n");
    printf("deals      %.2f meetings, %.2f won, %.2f lost (%.2f to pressure), %.2f no decision\n",
           ss->meetings_mean, ss->deals_won_mean, ss->deals_lost_mean, ss->lost_to_pressure_mean,
           ss->deals_no_decision_mean);
    printf("speed      %.0f games per second\n", gps);
    return cli_finish(CLI_OK);
}

static void show_progress(void *user, long done, long total)
{
    (void)user;
    cli_progress("simulate", "games", done, total);
}

int cmd_simulate(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("simulate");
    const char *strategy = NULL, *runs_s = NULL, *seed_s = NULL, *threads_s = NULL;
    int json = 0, rc = CLI_OK;
    const CliOpt opts[] = {
        {"strategy", &strategy, NULL}, {"runs", &runs_s, NULL},       {"seed", &seed_s, NULL},
        {"json", NULL, &json},         {"threads", &threads_s, NULL},
    };
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 5, pos, &rc);
    const char *scenario_path = npos == 1 ? pos[0] : NULL;
    free(pos);
    if (npos < 0)
        return rc;
    if (npos != 1)
        return cli_usage_error("simulate", npos == 0 ? "expected a scenario file"
                                                     : "expected exactly one scenario file");
    if (!strategy)
        return cli_usage_error("simulate", "missing --strategy NAME");
    if (!runs_s)
        return cli_usage_error("simulate", "missing --runs N");
    long runs = 0, threads = 0;
    if (cli_parse_long(runs_s, 1, SIM_MAX_RUNS, &runs) != 0)
        return cli_usage_error("simulate", "--runs: expected a whole number from 1 to %ld, got \"%s\"",
                               SIM_MAX_RUNS, runs_s);
    uint64_t seed = 1;
    if (cli_opt_threads("simulate", threads_s, &threads) || cli_opt_seed("simulate", seed_s, &seed))
        return CLI_FAILURE;
    const Strategy *st = cli_find_strategy("simulate", strategy);
    if (!st)
        return CLI_FAILURE;
    Scenario *s = cli_load_scenario("simulate", scenario_path, &rc);
    if (!s)
        return rc;
    SimStats ss;
    const SimProgress progress = {show_progress, NULL};
    int failed = sim_run_progress(s, st, (int)runs, seed, (int)threads, &progress, &ss) != 0;
    cli_progress_end();
    if (failed) {
        cli_error("simulate", "the simulation failed (out of memory, or strategy %s made an "
                              "illegal move)",
                  strategy_name(st));
        scenario_free(s);
        return CLI_FAILURE;
    }
    rc = json ? print_json(s, st, &ss) : print_table(s, st, &ss);
    scenario_free(s);
    return rc;
}
