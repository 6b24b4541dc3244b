/* cmd_play — play a scenario in a window. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#if defined(UPFRONT_HAVE_UI)
#include "ui.h"
#endif

int cmd_play(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("play");
    const char *seed_s = NULL, *player = NULL, *results = NULL;
    int watch = 0, rc = CLI_OK;
    const CliOpt opts[] = {
        {"seed", &seed_s, NULL},
        {"player", &player, NULL},
        {"results", &results, NULL},
        {"watch", NULL, &watch},
    };
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos) {
        cli_error("play", "out of memory");
        return CLI_FAILURE;
    }
    int npos = cli_parse_options(cmd, argc, argv, opts, 4, pos, &rc);
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
    char *path = NULL;
    if (npos == 1) {
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
    o.has_seed = seed_s != NULL;
    o.player = player;
    o.results_dir = results;
    o.watch = watch;
    rc = ui_run(&o);
#else
    (void)player;
    (void)results;
    (void)watch;
    cli_error("play", "this build has no window (UPFRONT_BUILD_UI=OFF)");
    rc = CLI_FAILURE;
#endif
    free(path);
    return rc;
}
