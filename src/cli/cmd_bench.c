/* cmd_bench — measure, on this machine, how long the default scenario takes to load and how
 * many games per second the simulation plays (one thread, then one per core). Frame time
 * needs the window and is not measured yet: it is reported as null, never invented. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "upfront/sim.h"
#include "upfront/strategy.h"

#define BENCH_LOAD_SECONDS 0.5
#define BENCH_LOAD_MAX 20000
#define BENCH_SIM_SECONDS 1.0
#define BENCH_STRATEGY "sales2"

typedef struct SimBench {
    int threads; /* 0 = one per core */
    int runs;
    double seconds;
    double games_per_second;
} SimBench;

/* Plays batches of games until BENCH_SIM_SECONDS have passed. Returns 0 or -1. */
static int bench_sim(const Scenario *s, const Strategy *st, int threads, SimBench *out)
{
    memset(out, 0, sizeof *out);
    out->threads = threads;
    int batch = 20;
    while (out->seconds < BENCH_SIM_SECONDS) {
        SimStats ss;
        if (sim_run(s, st, batch, (uint64_t)out->runs + 1u, threads, &ss) != 0)
            return -1;
        out->runs += batch;
        out->seconds += ss.seconds;
        if (ss.seconds < BENCH_SIM_SECONDS / 4 && batch < 100000)
            batch *= 2;
    }
    out->games_per_second = out->seconds > 0 ? out->runs / out->seconds : 0.0;
    return 0;
}

int cmd_bench(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("bench");
    int json = 0, rc = CLI_OK;
    const CliOpt opts[] = {{"json", NULL, &json}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 1, pos, &rc);
    free(pos);
    if (npos < 0)
        return rc;
    if (npos > 0)
        return cli_usage_error("bench", "takes no file arguments");

    char *path = cli_default_scenario_path("bench");
    if (!path)
        return CLI_FAILURE;
    size_t len = 0;
    char *buf = cli_read_file("bench", path, SCENARIO_MAX_BYTES, &len);
    if (!buf) {
        free(path);
        return CLI_FAILURE;
    }

    /* scenario load: parse and validate the same bytes again and again */
    int loads = 0;
    double t0 = cli_now(), elapsed = 0;
    Scenario *s = NULL;
    while (loads < BENCH_LOAD_MAX && (elapsed < BENCH_LOAD_SECONDS || loads < 5)) {
        DiagList *d = diag_list_new();
        Scenario *one = d ? scenario_load(buf, len, path, d) : NULL;
        diag_list_free(d);
        if (!one) {
            cli_error("bench", "%s does not load; run 'upfront validate %s'", path, path);
            scenario_free(s);
            free(buf);
            free(path);
            return CLI_INVALID;
        }
        scenario_free(s);
        s = one;
        loads++;
        elapsed = cli_now() - t0;
    }
    double load_ms = elapsed * 1000.0 / loads;

    const Strategy *st = strategy_find(BENCH_STRATEGY);
    SimBench one, all;
    if (!st || bench_sim(s, st, 1, &one) != 0 || bench_sim(s, st, 0, &all) != 0) {
        cli_error("bench", "the simulation failed");
        scenario_free(s);
        free(buf);
        free(path);
        return CLI_FAILURE;
    }

    if (json) {
        cJSON *o = cJSON_CreateObject();
        char num[64];
        int ok = o != NULL;
        ok = ok && cJSON_AddStringToObject(o, "scenario", scenario_id(s));
        ok = ok && cJSON_AddNumberToObject(o, "scenario_bytes", (double)len);
        cli_format_number(num, sizeof num, load_ms, 4);
        ok = ok && cJSON_AddRawToObject(o, "load_ms", num);
        ok = ok && cJSON_AddNumberToObject(o, "load_runs", loads);
        const SimBench *b[2] = {&one, &all};
        const char *names[2] = {"sim_one_thread", "sim_all_cores"};
        for (int i = 0; ok && i < 2; i++) {
            cJSON *so = cJSON_AddObjectToObject(o, names[i]);
            ok = so && cJSON_AddStringToObject(so, "strategy", BENCH_STRATEGY) &&
                 cJSON_AddNumberToObject(so, "runs", b[i]->runs);
            cli_format_number(num, sizeof num, b[i]->games_per_second, 1);
            ok = ok && cJSON_AddRawToObject(so, "games_per_second", num);
        }
        ok = ok && cJSON_AddNullToObject(o, "frame_ms");
        ok = ok && cJSON_AddStringToObject(o, "note",
                                           "frame time is not measured yet (needs the game "
                                           "screens); null means not measured");
        char *text = ok ? cJSON_Print(o) : NULL;
        cJSON_Delete(o);
        if (!text) {
            cli_error("bench", "out of memory");
            rc = CLI_FAILURE;
        } else {
            printf("%s\n", text);
            cJSON_free(text);
            rc = cli_finish(CLI_OK);
        }
    } else {
        printf("scenario load   %.3f ms (%s, %zu bytes, mean of %d loads)\n", load_ms,
               scenario_id(s), len, loads);
        printf("simulation      %.0f games/s on one thread (%s, %d games)\n",
               one.games_per_second, BENCH_STRATEGY, one.runs);
        printf("simulation      %.0f games/s on all cores (%s, %d games)\n",
               all.games_per_second, BENCH_STRATEGY, all.runs);
        printf("frame time      not measured yet (needs the game screens)\n");
        rc = cli_finish(CLI_OK);
    }
    scenario_free(s);
    free(buf);
    free(path);
    return rc;
}
