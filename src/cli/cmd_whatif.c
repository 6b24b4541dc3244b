/* cmd_whatif — what a built-in strategy would have made of a results file's game had it
 * taken over at the start of each day: a table, or one JSON object. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "upfront/score.h"
#include "upfront/strategy.h"
#include "upfront/whatif.h"

typedef struct WhatIfRun {
    const Strategy *st;
    int json;
    int rc;
} WhatIfRun;

static void print_table(const WhatIf *w, const Game *g, const CliVerified *v)
{
    const Scenario *s = game_scenario(g);
    const char *cur = scenario_currency(s);
    int per_week = scenario_calendar(s)->days_per_week;
    char m[64];
    score_format_money(m, sizeof m, whatif_revenue(w), cur);
    cli_print_safe(stdout, "%s, seed %llu%s%s: %lld points, %s, %d won%s\n", scenario_id(s),
                   (unsigned long long)whatif_seed(w), v->player && v->player[0] ? ", " : "",
                   v->player ? v->player : "", (long long)whatif_score(w), m, whatif_deals_won(w),
                   whatif_finished(w) ? "" : " (unfinished)");
    printf("If %s (%s) had taken over at the start of each day, after your actions before it:\n\n",
           whatif_strategy(w), whatif_strategy_label(whatif_strategy(w)));
    const WhatIfTurn *t = whatif_turn(w);
    printf("%4s %5s %7s %9s %20s %6s\n", "day", "week", "score", "vs yours", "revenue", "won");
    for (int i = 0; i < whatif_count(w); i++) {
        const WhatIfTakeover *k = whatif_takeover(w, i);
        score_format_money(m, sizeof m, k->revenue, cur);
        long long gap = (long long)(k->score - whatif_score(w));
        char gs[24];
        snprintf(gs, sizeof gs, "%s%lld", gap > 0 ? "+" : "", gap);
        printf("%4d %5d %7lld %9s %20s %6d%s\n", k->day, (k->day - 1) / per_week + 1, (long long)k->score, gs, m,
               k->deals_won, t->day == k->day ? "  <- the gap opened" : "");
    }
    char sentence[700];
    whatif_sentence(w, s, sentence, sizeof sentence);
    putchar('\n');
    cli_print_safe(stdout, "%s", sentence);
    putchar('\n');
}

static void visit(void *ctx, const Game *g, const CliVerified *v)
{
    WhatIfRun *run = ctx;
    WhatIf *w = whatif_compute(g, run->st);
    if (!w) {
        cli_error("whatif", "out of memory, or %s made an illegal move (a bug)", strategy_name(run->st));
        run->rc = CLI_FAILURE;
        return;
    }
    if (run->json) {
        char *text = whatif_to_json(w, game_scenario(g));
        if (!text) {
            cli_error("whatif", "out of memory");
            run->rc = CLI_FAILURE;
        } else {
            fputs(text, stdout);
            free(text);
        }
    } else {
        print_table(w, g, v);
    }
    whatif_free(w);
}

int cmd_whatif(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("whatif");
    const char *strategy = "sales2", *scenario = NULL;
    int json = 0, rc = CLI_OK;
    const CliOpt opts[] = {{"strategy", &strategy, NULL}, {"json", NULL, &json}, {"scenario", &scenario, NULL}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 3, pos, &rc);
    const char *path = npos == 1 ? pos[0] : NULL;
    free(pos);
    if (npos < 0)
        return rc;
    if (npos != 1)
        return cli_usage_error("whatif", npos == 0 ? "expected a results file" : "expected exactly one results file");
    WhatIfRun run = {cli_find_strategy("whatif", strategy), json, CLI_OK};
    if (!run.st)
        return CLI_FAILURE;
    CliVerifyOpts vo;
    memset(&vo, 0, sizeof vo);
    vo.scenario_path = scenario;
    vo.visit = visit;
    vo.ctx = &run;
    CliVerified v;
    cli_verify_with(path, &vo, &v);
    int code = v.ok ? run.rc : v.exit_code;
    cli_verified_free(&v);
    return cli_finish(code);
}
