/* main — the upfront program: opens the game, or runs a subcommand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#if defined(UPFRONT_HAVE_UI)
#include "ui.h"
#endif

static const CliCommand commands[] = {
    {"play",
     "play [SCENARIO] [--seed N] [--player NAME] [--results DIR] [--watch] [--from-week N "
     "[--autoplay NAME]] [--time-limit MINUTES] [--server URL]",
     "play a scenario in a window (default: the shipped scenario); --watch reloads the "
     "scenario file when it changes; --from-week starts at week N with the weeks before "
     "played by a strategy (default sales2); --time-limit ends the round after MINUTES; "
     "--server sends each day's progress and the results to the class server (upfront serve)",
     cmd_play},
    {"validate", "validate FILE... [--json] [--strict] [--lesson]",
     "check scenario files; one line per problem (FILE:LINE:COL: error: POINTER: message), "
     "--json prints them as a JSON array, --strict fails on warnings too, --lesson also "
     "checks that the scenario teaches the lesson (300 games per strategy)",
     cmd_validate},
    {"new", "new FILE [--force]", "write a starting scenario to edit (refuses to replace a file without --force)", cmd_new},
    {"run",
     "run SCENARIO (--actions FILE | --strategy NAME) [--seed N] [--player NAME] (--out "
     "RESULTS.json | --results DIR)",
     "play recorded actions (a JSON action list or a results file) or a built-in strategy "
     "without a window and write a results file (--out - prints it; --results DIR writes a "
     "new file there named after the scenario, time, player and seed, never replacing "
     "another; --out never replaces another player's game); --player: at most 64 characters",
     cmd_run},
    {"simulate",
     "simulate SCENARIO --strategy NAME --runs N [--seed N] [--json] [--threads N]",
     "play N games with a built-in strategy and print statistics", cmd_simulate},
    {"balance", "balance SCENARIO [--runs N] [--seed N] [--json] [--threads N]",
     "play sales1, sales2 and random over many seeds (2000 by default), and a game where "
     "nothing is done, and say whether the scenario teaches the lesson by the checks that "
     "'upfront balance --help' lists; exit 1 when it does not",
     cmd_balance},
    {"strategies", "strategies", "list the built-in strategies", cmd_strategies},
    {"verify", "verify RESULTS.json... [--scenario FILE]",
     "replay results files and check every recorded figure (score, revenue, deals, effort, "
     "days, state); exit 1 on any mismatch or an unfinished game",
     cmd_verify},
    {"whatif", "whatif RESULTS.json [--strategy NAME] [--json] [--scenario FILE]",
     "what a built-in strategy (default sales2) would have scored had it taken over at the "
     "start of each day, after the trainee's own actions before it: a table, or with --json "
     "one object {strategy, seed, score, takeovers: [{day, score, revenue, deals_won}, ...]}, "
     "and the day the gap opened; the file is verified first (exit 1 when it fails)",
     cmd_whatif},
    {"report", "report RESULTS... [--scenario FILE]... [--seed N] [--attempts best|first|all] "
     "[--csv FILE] [--html FILE]",
     "verify results files (or folders of them) by replaying each on the class's scenarios "
     "(--scenario, else the data folder's), rank each trainee once and summarise the class "
     "(effort curves against Sales 1.0 and 2.0, score spread and components, channel use, "
     "commonest mistakes); games that are unfinished, played by a strategy, on another seed "
     "than --seed (default: the commonest) or a player's other attempts are shown but not "
     "ranked; --csv and --html (- for stdout) write a spreadsheet and a self-contained page "
     "for the projector; exit 1 when a file fails verification or is skipped",
     cmd_report},
    {"bench", "bench [--json] [--frames N] [--no-frames | --frames-only] [--save-scenarios DIR]",
     "measure on this machine: each screen's frame time against the floor (offscreen, "
     "1280x720 and 1920x1080), simulation speed, scenario load time per "
     "MB, time to the first frame and peak memory (docs/performance.md)",
     cmd_bench},
    {"paths", "paths [--json]",
     "print where the program finds its data (scenarios, fonts) and keeps your results, "
     "settings and personal bests",
     cmd_paths},
    {"serve", "serve [--host ADDR] [--port N] [--db FILE] [--scenario FILE --seed N] [--web DIR]",
     "the live class server for a workshop LAN: trainees' games (upfront play --server URL) "
     "are verified and stored in an SQLite database as they end; prints the address for the "
     "trainees and the facilitator's dashboard, http://HOST:PORT/dashboard?key=KEY, with the "
     "live leaderboard, who is on which day and the class's effort curve; --web serves the "
     "browser version from /",
     cmd_serve},
};

/* What 'upfront COMMAND --help' shows under "examples:"; every command has some (the CLI
 * tests check). One example per line. */
static const struct {
    const char *name;
    const char *examples;
} examples[] = {
    {"play", "upfront play\n"
             "upfront play scenarios/tutorial.json --player Ana --seed 42\n"
             "upfront play mine.json --watch\n"
             "upfront play mine.json --from-week 3 --autoplay sales2\n"
             "upfront play scenarios/tutorial.json --seed 7 --time-limit 25\n"
             "upfront play scenarios/tutorial.json --seed 7 --server http://192.168.1.20:8080"},
    {"validate", "upfront validate scenarios/*.json\n"
                 "upfront validate --strict mine.json\n"
                 "upfront validate --json mine.json > problems.json"},
    {"new", "upfront new mine.json\n"
            "upfront new mine.json --force"},
    {"run", "upfront run scenarios/tutorial.json --strategy sales2 --seed 7 --out game.json\n"
            "upfront run scenarios/tutorial.json --actions moves.json --out game.json\n"
            "upfront run scenarios/tutorial.json --actions old.json --out again.json\n"
            "upfront run scenarios/tutorial.json --actions moves.json --player Ada --results class/"},
    {"simulate", "upfront simulate scenarios/tutorial.json --strategy sales2 --runs 1000\n"
                 "upfront simulate mine.json --strategy sales1 --runs 500 --seed 3 --json"},
    {"balance", "upfront balance mine.json\n"
                "upfront balance mine.json --runs 500 --json"},
    {"strategies", "upfront strategies"},
    {"verify", "upfront verify results/*.json\n"
               "upfront verify game.json --scenario mine.json"},
    {"whatif", "upfront whatif game.json\n"
               "upfront whatif game.json --strategy sales1\n"
               "upfront whatif game.json --json > whatif.json"},
    {"report", "upfront report results/\n"
               "upfront report results/ --csv class.csv --html class.html\n"
               "upfront report results/ --scenario mine.json --seed 4711 --attempts first\n"
               "upfront report results/ --csv - | column -s, -t"},
    {"bench", "upfront bench\n"
              "upfront bench --json\n"
              "upfront bench --frames 20 --json\n"
              "upfront bench --no-frames --save-scenarios /tmp"},
    {"paths", "upfront paths\n"
              "upfront paths --json"},
    {"serve", "upfront serve\n"
              "upfront serve --scenario scenarios/tutorial.json --seed 4711 --db class.db\n"
              "upfront serve --host 127.0.0.1 --port 8090 --web build-web/dist"},
};

/* More for 'upfront COMMAND --help' where a command checks figures against bounds: what
 * each check is and why (the manual page says the same). */
static const struct {
    const char *name;
    const char *details;
} details[] = {
    {"balance",
     "checks (each named in the output; the figures over --runs games per strategy):\n"
     "  sales1_curve          sales1's share of time per stage is within 10 points of the\n"
     "                        scenario's Sales 1.0 curve on every stage: the debrief draws\n"
     "                        that curve as old-school selling, so sales1 must play it\n"
     "  sales2_curve          sales2's is within 10 points of the Sales 2.0 curve, for the\n"
     "                        same reason\n"
     "  sales1_quota          sales1 reaches 15-45% of quota on average: old-school reps do\n"
     "                        close deals (fewer, later); less is a straw man, more no lesson\n"
     "  sales2_quota          sales2 reaches 70-115%: best-practice reps make quota; less is\n"
     "                        too hard to show the win, more makes the quota meaningless\n"
     "  buyers_ask_to_sign    buyers ask to sign at least 60% of sales2's won deals: with\n"
     "                        the work done up front, closing is the easy step\n"
     "  sales1_loses_more     sales1 loses more deals to pressure or no decision per deal\n"
     "                        won than sales2: closing techniques cost deals\n"
     "  sales2_mean_vs_sales1 sales2's mean score is 1.5-8 x sales1's: a clear win, but not\n"
     "                        one so lopsided that a trainer stops believing the game\n"
     "  random_below_sales2   random's mean score is below sales2's: the method wins, not\n"
     "                        activity or luck\n"
     "  nothing_below_sales1  a game where every day is ended at once (20 seeds) scores\n"
     "                        below sales1's mean: doing nothing never beats working\n"
     "  sales1_time_used      sales1 uses at least 80% of the available hours, and\n"
     "  sales2_time_used      so does sales2: time must bind, or there is no choice of where\n"
     "                        the hours go\n"
     "  sales2_p10_vs_p50     sales2's 10th percentile score is at least 0.6 x its median:\n"
     "                        luck must not decide, so classes on different seeds compare\n"
     "exit 0 when every check passes, 1 when any fails (the lesson is not taught)."},
    {"validate",
     "--lesson plays 300 games per strategy (seed 1) and judges the checks of 'upfront\n"
     "balance' (see 'upfront balance --help'): each failed check is a warning at line 1 with\n"
     "the figure measured and its bound, e.g. \"sales2 reaches 64.0% of quota on average\n"
     "(must be 70-115%)\", and every figure judged is printed after the file's ok line."},
    {"verify",
     "a results file records the model it was made with; one made by another model (a file\n"
     "of upfront 0.1.0 has none) is neither ok nor a mismatch: \"made by an older model\n"
     "(upfront 0.1.0): replay it with upfront 0.1.0\", exit 1."},
    {"report",
     "each trainee's score reads against the seed's par (what the sales2 strategy scores on\n"
     "it) and the most points the scenario allows: \"412 of 1,250, par 780\"; the CSV ends\n"
     "with the columns par and max_score. A file made by another model is left out with\n"
     "that verdict (see 'upfront verify --help')."},
};

static const char *command_details(const char *name)
{
    for (size_t i = 0; i < sizeof details / sizeof details[0]; i++)
        if (strcmp(details[i].name, name) == 0)
            return details[i].details;
    return NULL;
}

const char *cli_command_examples(const char *name)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        if (strcmp(examples[i].name, name) == 0)
            return examples[i].examples;
    return NULL;
}

void cli_print_command_help(const CliCommand *cmd)
{
    printf("usage: %s %s\n  %s\n", cli_program, cmd->usage, cmd->summary);
    const char *more = command_details(cmd->name);
    if (more)
        printf("\n%s\n", more);
    const char *ex = cli_command_examples(cmd->name);
    if (ex) {
        printf("\nexamples:\n");
        while (*ex) {
            const char *nl = strchr(ex, '\n');
            int n = nl ? (int)(nl - ex) : (int)strlen(ex);
            printf("  %.*s\n", n, ex);
            ex += n + (nl ? 1 : 0);
        }
    }
    printf("\noptions of every command: -h, --help (this text); -q, --quiet (no progress, only "
           "problems).\nexit codes: 0 success; 1 invalid input or a failed check; 2 usage error "
           "or failure.\nSee also: upfront --help, man upfront.\n");
}

const CliCommand *cli_commands(int *count)
{
    *count = (int)(sizeof commands / sizeof commands[0]);
    return commands;
}

const CliCommand *cli_command_find(const char *name)
{
    int n;
    const CliCommand *c = cli_commands(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(c[i].name, name) == 0)
            return &c[i];
    return NULL;
}

static int print_help(void)
{
    int n;
    const CliCommand *c = cli_commands(&n);
    printf("Upfront %s: a sales-training simulator. Put the effort in up front.\n\n"
           "usage: upfront                 open the game on the default scenario\n"
           "       upfront [--quiet] COMMAND [ARGS]\n"
           "       upfront --help | --version\n\ncommands:\n",
           UPFRONT_VERSION);
    for (int i = 0; i < n; i++)
        printf("  upfront %s\n      %s\n", c[i].usage, c[i].summary);
    printf("\noptions: -q, --quiet   no progress meters and no \"ok\" lines; problems only\n"
           "         -h, --help    this text (after a command: that command's help)\n"
           "         -V, --version the version\n"
           "\nexamples:\n"
           "  upfront                                    play the default scenario\n"
           "  upfront validate scenarios/*.json          check scenario files\n"
           "  upfront simulate scenarios/tutorial.json --strategy sales2 --runs 1000\n"
           "  upfront verify results/*.json              check recorded games\n"
           "  upfront paths                              where data and results live\n"
           "\nexit codes: 0 success; 1 the input was read but is invalid or a check failed;\n"
           "            2 usage error, unreadable file or other failure.\n"
           "environment: UPFRONT_DATA_DIR (the folder holding scenarios/ and assets/),\n"
           "             NO_COLOR (no coloured diagnostics), SOURCE_DATE_EPOCH (start time\n"
           "             recorded by 'run').\n"
           "Run 'upfront COMMAND --help' for one command, 'man upfront' for the manual.\n");
    return cli_finish(CLI_OK);
}

static int open_default_game(void)
{
#if defined(UPFRONT_HAVE_UI)
    if (cli_check_user_dir(NULL) != CLI_OK)
        return CLI_FAILURE;
    char *path = cli_default_scenario_path(NULL);
    if (!path)
        return CLI_FAILURE;
    UiOptions opts;
    memset(&opts, 0, sizeof opts);
    opts.scenario_path = path;
    int rc = ui_run(&opts);
    free(path);
    return rc;
#else
    cli_error(NULL, "this build has no window (UPFRONT_BUILD_UI=OFF); see 'upfront --help'");
    return CLI_FAILURE;
#endif
}

int main(int argc, char **argv)
{
    cli_argv0 = argc > 0 ? argv[0] : NULL;
    /* Global options before the command: --quiet. */
    while (argc >= 2 && (strcmp(argv[1], "--quiet") == 0 || strcmp(argv[1], "-q") == 0)) {
        cli_quiet = 1;
        argv[1] = argv[0];
        argc--;
        argv++;
    }
    if (argc < 2)
        return open_default_game();
    const char *a = argv[1];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "help") == 0) {
        if (argc > 2 && strcmp(a, "help") == 0) {
            const CliCommand *c = cli_command_find(argv[2]);
            if (!c)
                return cli_usage_error(NULL, "unknown command '%s'", argv[2]);
            cli_print_command_help(c);
            return cli_finish(CLI_OK);
        }
        return print_help();
    }
    if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
        printf("upfront %s\n", UPFRONT_VERSION);
        return cli_finish(CLI_OK);
    }
    if (a[0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'", a);
    const CliCommand *c = cli_command_find(a);
    if (!c)
        return cli_usage_error(NULL, "unknown command '%s'", a);
    return c->run(argc - 1, argv + 1);
}
