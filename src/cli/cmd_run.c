/* cmd_run — play recorded actions or a built-in strategy without a window, and write a
 * results file atomically. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "upfront/file.h"
#include "upfront/score.h"
#include "upfront/strategy.h"

int cmd_run(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("run");
    const char *actions = NULL, *strategy = NULL, *seed_s = NULL, *player = NULL, *out = NULL;
    int rc = CLI_OK;
    const CliOpt opts[] = {
        {"actions", &actions, NULL}, {"strategy", &strategy, NULL}, {"seed", &seed_s, NULL},
        {"player", &player, NULL},   {"out", &out, NULL},
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
        return cli_usage_error("run", npos == 0 ? "expected a scenario file"
                                                : "expected exactly one scenario file");
    if (!actions == !strategy)
        return cli_usage_error("run", "give either --actions FILE or --strategy NAME");
    if (!out)
        return cli_usage_error("run", "missing --out RESULTS.json");
    uint64_t seed = 1;
    if (cli_opt_seed("run", seed_s, &seed))
        return CLI_FAILURE;
    const Strategy *st = NULL;
    if (strategy && !(st = cli_find_strategy("run", strategy)))
        return CLI_FAILURE;

    Scenario *s = cli_load_scenario("run", scenario_path, &rc);
    if (!s)
        return rc;

    Game *g = NULL;
    ActionLog log;
    memset(&log, 0, sizeof log);
    ResultsMeta meta = {.player = player, .scenario_path = scenario_path};
    if (st) {
        g = game_new(s, seed);
        if (!g) {
            cli_error("run", "out of memory");
            rc = CLI_FAILURE;
        } else if (strategy_play(st, g, seed) != 0) {
            cli_error("run", "strategy %s made an illegal move (a bug)", strategy_name(st));
            rc = CLI_FAILURE;
        }
        meta.started = cli_start_time();
    } else {
        size_t len = 0;
        char *buf = cli_read_file("run", actions, RESULTS_MAX_BYTES, &len);
        DiagList *diags = diag_list_new();
        if (!buf || !diags) {
            rc = CLI_FAILURE;
            if (buf && !diags)
                cli_error("run", "out of memory");
        } else if (results_read_actions(buf, len, actions, s, &log, diags) != 0) {
            rc = CLI_INVALID;
        } else {
            if (!seed_s && log.has_seed)
                seed = log.seed;
            if (!player && log.player)
                meta.player = log.player;
            meta.started = log.is_results ? log.started : cli_start_time();
            if (log.is_results && log.scenario_hash &&
                strcmp(log.scenario_hash, scenario_hash(s)) != 0)
                fprintf(stderr,
                        "%s: warning: recorded on scenario %s (hash %s); replaying on %s (hash "
                        "%s)\n",
                        actions, log.scenario_id ? log.scenario_id : "?", log.scenario_hash,
                        scenario_id(s), scenario_hash(s));
            char why[256];
            if (log.is_results && results_model_differs(&log, why, sizeof why))
                fprintf(stderr,
                        "%s: warning: %s; this program plays its actions by its own model, so "
                        "the game differs from the one recorded\n",
                        actions, why);
            g = results_replay(s, seed, &log, actions, diags);
            if (!g)
                rc = CLI_INVALID;
        }
        if (diags) {
            diag_sort(diags);
            cli_print_diags(actions, diags);
        }
        diag_list_free(diags);
        free(buf);
    }

    if (rc == CLI_OK && g) {
        char *text = results_to_json(g, &meta);
        if (!text) {
            cli_error("run", "out of memory");
            rc = CLI_FAILURE;
        } else {
            errno = 0;
            FileStatus fs = file_write_atomic(out, text, strlen(text));
            if (fs != FILE_OK) {
                cli_error("run", "%s: cannot write: %s", out, file_status_message(fs, errno));
                rc = CLI_FAILURE;
            } else {
                ScoreCard sc;
                score_compute(g, &sc);
                printf("%s: score %lld (results %lld, process %lld, efficiency %lld, penalties "
                       "%lld), revenue %lld of %lld, %d deal%s won%s\n",
                       out, (long long)sc.total, (long long)sc.points[SCORE_RESULTS],
                       (long long)sc.points[SCORE_PROCESS], (long long)sc.points[SCORE_EFFICIENCY],
                       -(long long)sc.points[SCORE_PENALTIES], (long long)sc.revenue,
                       (long long)sc.quota, sc.deals_won, sc.deals_won == 1 ? "" : "s",
                       game_over(g) ? "" : " (the game is not finished)");
                rc = cli_finish(CLI_OK);
            }
            free(text);
        }
    }
    game_free(g);
    action_log_free(&log);
    scenario_free(s);
    return rc;
}
