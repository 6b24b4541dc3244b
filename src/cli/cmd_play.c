/* cmd_play — play a scenario in a window. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "upfront/file.h"
#include "upfront/strategy.h"

#if defined(UPFRONT_HAVE_UI)
#include "ui.h"
#endif
#if defined(UPFRONT_HAVE_CLIENT)
#include "client.h"
#endif

#if defined(UPFRONT_HAVE_CLIENT)
/* --server without a scenario or a seed: the class's game, as the class server says
 * (GET /api/class), so that `upfront play --server URL` plays what the class plays. Sets
 * *path (owned) to the shipped copy of its scenario, checked by hash, and *seed. */
static int class_game(const char *server, char **path, uint64_t *seed, int *has_seed)
{
    ClientClass cc;
    char err[300];
    if (client_get_class(server, &cc, err, sizeof err) != 0) {
        cli_error("play", "--server %s: cannot ask the class server which game the class plays: "
                          "%s (or give the scenario and --seed your instructor wrote on the board)",
                  server, err);
        return CLI_FAILURE;
    }
    if (cc.seed[0]) {
        if (cli_parse_u64(cc.seed, seed) != 0) {
            cli_error("play", "--server %s: the class server names the seed \"%s\"", server, cc.seed);
            return CLI_FAILURE;
        }
        *has_seed = 1;
    }
    if (!cc.scenario[0])
        return CLI_OK; /* any scenario: the default one, or the one chosen in the window */
    char *file = cli_shipped_scenario_path(cc.scenario);
    int here = file && cli_file_exists(file);
    DiagList *d = diag_list_new();
    Scenario *s = here && d ? scenario_load_file(file, d, NULL) : NULL;
    int same = s && (!cc.hash[0] || strcmp(scenario_hash(s), cc.hash) == 0);
    scenario_free(s);
    diag_list_free(d);
    if (!same) {
        cli_print_safe(stderr, "upfront play: error: --server %s: the class plays \"%s\" (%s), %s: "
                               "ask your instructor for the scenario file and give it: upfront play "
                               "FILE --seed %s --server %s\n",
                       server, cc.title[0] ? cc.title : cc.scenario, cc.scenario,
                       here ? "and this computer's copy differs from the class's"
                            : "which is not on this computer",
                       cc.seed[0] ? cc.seed : "N", server);
        free(file);
        return CLI_INVALID;
    }
    *path = file;
    cli_print_safe(stdout, "Playing the class's game: %s, game %s.\n", cc.title[0] ? cc.title : cc.scenario,
                   cc.seed[0] ? cc.seed : "of your own");
    return CLI_OK;
}
#endif

int cmd_play(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("play");
    const char *seed_s = NULL, *player = NULL, *results = NULL;
    const char *from_s = NULL, *autoplay = NULL, *limit_s = NULL, *server = NULL;
    int watch = 0, rc = CLI_OK;
    const CliOpt opts[] = {
        {"seed", &seed_s, NULL},
        {"player", &player, NULL},
        {"results", &results, NULL},
        {"watch", NULL, &watch},
        {"from-week", &from_s, NULL},
        {"autoplay", &autoplay, NULL},
        {"time-limit", &limit_s, NULL},
        {"server", &server, NULL},
    };
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos) {
        cli_error("play", "out of memory");
        return CLI_FAILURE;
    }
    int npos = cli_parse_options(cmd, argc, argv, opts, (int)(sizeof opts / sizeof opts[0]), pos, &rc);
    if (npos < 0) {
        free(pos);
        return rc;
    }
    if (npos > 1) {
        free(pos);
        return cli_usage_error("play", "expected at most one scenario, got %d", npos);
    }
    uint64_t seed = 0;
    if (seed_s && cli_parse_u64(seed_s, &seed) != 0) {
        free(pos);
        return cli_usage_error("play", "--seed: expected a whole number 0..18446744073709551615, got \"%s\"",
                               seed_s);
    }
    long from_week = 1, limit = 0;
    if (from_s && cli_parse_long(from_s, 1, 1000, &from_week) != 0) {
        free(pos);
        return cli_usage_error("play", "--from-week: expected a week number 1..1000, got \"%s\"", from_s);
    }
    if (autoplay && !strategy_find(autoplay)) {
        free(pos);
        return cli_usage_error("play", "--autoplay: no strategy named \"%s\" (see 'upfront strategies')",
                               autoplay);
    }
    if (autoplay && !from_s) {
        free(pos);
        return cli_usage_error("play", "--autoplay needs --from-week N (the week the strategy hands over)");
    }
    if (limit_s && cli_parse_long(limit_s, 1, 24 * 60, &limit) != 0) {
        free(pos);
        return cli_usage_error("play", "--time-limit: expected whole minutes 1..1440, got \"%s\"", limit_s);
    }
    if (server && strncmp(server, "http://", 7) != 0 && strncmp(server, "https://", 8) != 0) {
        free(pos);
        return cli_usage_error("play", "--server: expected the class server's address, like "
                                       "http://192.168.1.20:8080, got \"%s\"", server);
    }
#if !defined(UPFRONT_HAVE_CLIENT)
    if (server) {
        free(pos);
        cli_error("play", "--server: this upfront was built without the class client (libcurl)");
        return CLI_FAILURE;
    }
#endif
    char why[200];
    if (player && results_check_player(player, why, sizeof why) != 0) {
        free(pos);
        return cli_usage_error("play", "--player: %s", why);
    }
    if (results && *results) {
        /* the folder is made now, or the game is refused now: not after an hour's play */
        errno = 0;
        FileStatus fs = file_make_folders(results);
        if (fs != FILE_OK || !cli_folder_writable(results)) {
            cli_error("play", "%s: cannot save results there: %s", results,
                      fs != FILE_OK ? file_status_message(fs, errno)
                                    : "the folder cannot be written");
            free(pos);
            return CLI_FAILURE;
        }
    }
    if (!results || !*results) {
        /* the per-user folder, as 'upfront paths' names it: refused now if unusable */
        if (cli_check_user_dir("play") != CLI_OK) {
            free(pos);
            return CLI_FAILURE;
        }
    }
    char *path = NULL;
    int has_seed = seed_s != NULL;
#if defined(UPFRONT_HAVE_CLIENT)
    if (server && npos == 0 && !seed_s) {
        rc = class_game(server, &path, &seed, &has_seed);
        if (rc != CLI_OK) {
            free(pos);
            return rc;
        }
    }
#endif
    if (path) {
        /* the class's scenario */
    } else if (npos == 1) {
        if (!cli_file_exists(pos[0])) {
            cli_error("play", "%s: cannot read the scenario file", pos[0]);
            free(pos);
            return CLI_FAILURE;
        }
        path = cli_join("", pos[0]);
    } else {
        path = cli_default_scenario_path("play");
        if (!path) {
            free(pos);
            return CLI_FAILURE;
        }
    }
    free(pos);
    if (!path) {
        cli_error("play", "out of memory");
        return CLI_FAILURE;
    }
#if defined(UPFRONT_HAVE_UI)
    UiOptions o;
    memset(&o, 0, sizeof o);
    o.scenario_path = path;
    o.seed = seed;
    o.has_seed = has_seed;
    o.player = player;
    o.results_dir = results;
    o.watch = watch;
    o.from_week = (int)from_week;
    o.autoplay = autoplay;
    o.time_limit_min = (int)limit;
    o.server = server;
    rc = ui_run(&o);
#else
    (void)player;
    (void)has_seed;
    (void)results;
    (void)watch;
    (void)from_week;
    (void)limit;
    cli_error("play", "this build has no window (UPFRONT_BUILD_UI=OFF)");
    rc = CLI_FAILURE;
#endif
    free(path);
    return rc;
}
