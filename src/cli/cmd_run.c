/* cmd_run — play recorded actions or a built-in strategy without a window, and write a
 * results file atomically. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "upfront/file.h"
#include "upfront/report.h"
#include "upfront/score.h"
#include "upfront/strategy.h"

/* 1 when path holds a results file of a player other than player (never replaced). */
static int other_players_game(const char *path, const char *player)
{
    if (strcmp(path, "-") == 0 || !cli_file_exists(path))
        return 0;
    char *buf = NULL;
    size_t len = 0;
    if (file_read_regular(path, RESULTS_MAX_BYTES, &buf, &len) != FILE_OK)
        return 0;
    DiagList *d = diag_list_new();
    ActionLog hdr;
    memset(&hdr, 0, sizeof hdr);
    int other = 0;
    if (d && results_read_header(buf, len, path, &hdr, d) == 0) {
        char a[RESULTS_MAX_PLAYER * 4 + 8], b[RESULTS_MAX_PLAYER * 4 + 8];
        report_player_key(hdr.player ? hdr.player : "", a, sizeof a);
        report_player_key(player ? player : "", b, sizeof b);
        other = strcmp(a, b) != 0;
    }
    action_log_free(&hdr);
    diag_list_free(d);
    free(buf);
    return other;
}

int cmd_run(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("run");
    const char *actions = NULL, *strategy = NULL, *seed_s = NULL, *player = NULL, *out = NULL;
    const char *results_dir = NULL;
    int rc = CLI_OK;
    const CliOpt opts[] = {
        {"actions", &actions, NULL}, {"strategy", &strategy, NULL}, {"seed", &seed_s, NULL},
        {"player", &player, NULL},   {"out", &out, NULL},           {"results", &results_dir, NULL},
    };
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 6, pos, &rc);
    const char *scenario_path = npos == 1 ? pos[0] : NULL;
    free(pos);
    if (npos < 0)
        return rc;
    if (npos != 1)
        return cli_usage_error("run", npos == 0 ? "expected a scenario file"
                                                : "expected exactly one scenario file");
    if (!actions == !strategy)
        return cli_usage_error("run", "give either --actions FILE or --strategy NAME");
    if (!out == !results_dir)
        return cli_usage_error("run", out ? "give either --out RESULTS.json or --results DIR, not both"
                                          : "missing --out RESULTS.json (or --results DIR)");
    char why[200];
    if (player && results_check_player(player, why, sizeof why) != 0)
        return cli_usage_error("run", "--player: %s", why);
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
        meta.played_by = PLAYED_BY_STRATEGY; /* a strategy's game is never a person's */
        meta.strategy = strategy_name(st);
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
            if (log.is_results) { /* who played it stays with the game */
                meta.played_by = log.played_by;
                meta.strategy = log.strategy[0] ? log.strategy : NULL;
                meta.strategy_weeks = log.strategy_weeks;
                meta.rewound_day = log.rewound_day; /* practice stays practice */
            }
            meta.started = log.is_results ? log.started : cli_start_time();
            if (log.is_results && log.scenario_hash &&
                strcmp(log.scenario_hash, scenario_hash(s)) != 0)
                cli_print_safe(stderr,
                        "%s: warning: recorded on scenario %s (hash %s); replaying on %s (hash "
                        "%s)\n",
                        actions, log.scenario_id ? log.scenario_id : "?", log.scenario_hash,
                        scenario_id(s), scenario_hash(s));
            char model_why[256];
            if (log.is_results && results_model_differs(&log, model_why, sizeof model_why))
                cli_print_safe(stderr,
                        "%s: warning: %s; this program plays its actions by its own model, so "
                        "the game differs from the one recorded\n",
                        actions, model_why);
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
            FileStatus fs;
            char written[4200];
            const char *where = out;
            if (results_dir) {
                char stem[200];
                results_file_stem(stem, sizeof stem, scenario_id(s), meta.started, meta.player,
                                  game_seed(g));
                fs = file_make_folders(results_dir);
                if (fs == FILE_OK)
                    fs = file_write_new(results_dir, stem, ".json", text, strlen(text), written,
                                        sizeof written);
                where = fs == FILE_OK ? written : results_dir;
            } else if (other_players_game(out, meta.player)) {
                fs = FILE_ERR_EXISTS;
            } else {
                fs = file_write_output(out, text, strlen(text));
            }
            if (fs == FILE_ERR_EXISTS && !results_dir) {
                cli_error("run", "%s: holds another player's game; it is not replaced (choose "
                                 "another name, or --results DIR)", out);
                rc = CLI_FAILURE;
            } else if (fs != FILE_OK) {
                cli_error("run", "%s: cannot write: %s", where, file_status_message(fs, errno));
                rc = CLI_FAILURE;
            } else {
                ScoreCard sc;
                score_compute(g, &sc);
                int64_t sum = sc.points[SCORE_RESULTS] + sc.points[SCORE_PROCESS] +
                              sc.points[SCORE_EFFICIENCY] - sc.points[SCORE_PENALTIES];
                FILE *to = strcmp(where, "-") == 0 ? stderr : stdout;
                if (!(to == stderr && cli_quiet))
                    cli_print_safe(to, "%s: score %lld (results %lld, process %lld, efficiency %lld, penalties "
                       "%lld%s), revenue %lld of %lld, %d deal%s won%s\n",
                       strcmp(where, "-") == 0 ? "stdout" : where, (long long)sc.total, (long long)sc.points[SCORE_RESULTS],
                       (long long)sc.points[SCORE_PROCESS], (long long)sc.points[SCORE_EFFICIENCY],
                       -(long long)sc.points[SCORE_PENALTIES],
                       sc.total > sum ? "; floored at 0" : "", (long long)sc.revenue,
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
