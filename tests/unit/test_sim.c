/* Simulation statistics on tests/fixtures/tiny.json. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "upfront/score.h"
#include "upfront/sim.h"

#define TINY "tests/fixtures/tiny.json"

static Scenario *load_tiny(void)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(TINY, d, NULL);
    if (!s)
        diag_print(stderr, TINY, d);
    diag_list_free(d);
    return s;
}

static int same_stats(const SimStats *a, const SimStats *b)
{
    if (a->runs != b->runs || a->seed != b->seed || a->score_mean != b->score_mean ||
        a->score_p10 != b->score_p10 || a->score_p50 != b->score_p50 ||
        a->score_p90 != b->score_p90 || a->revenue_mean != b->revenue_mean ||
        a->attainment_mean != b->attainment_mean || a->deals_won_mean != b->deals_won_mean ||
        a->buyer_initiated_close_rate != b->buyer_initiated_close_rate)
        return 0;
    for (int i = 0; i < STAGE_COUNT; i++)
        if (a->effort_share[i] != b->effort_share[i])
            return 0;
    return 1;
}

static void sim_should_not_depend_on_the_thread_count(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    for (int k = 0; k < strategy_count(); k++) {
        const Strategy *st = strategy_get(k);
        SimStats one, three, all;
        CHECK_EQ_INT(sim_run(s, st, 37, 7, 1, &one), 0);
        CHECK_EQ_INT(sim_run(s, st, 37, 7, 3, &three), 0);
        CHECK_EQ_INT(sim_run(s, st, 37, 7, 0, &all), 0);
        CHECK(same_stats(&one, &three));
        CHECK(same_stats(&one, &all));
    }
    scenario_free(s);
}

static void sim_should_summarise_consistently(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    SimStats ss;
    CHECK_EQ_INT(sim_run(s, strategy_find("sales2"), 50, 3, 2, &ss), 0);
    CHECK_EQ_INT(ss.runs, 50);
    CHECK_EQ_INT(ss.seed, 3);
    CHECK(ss.score_p10 <= ss.score_p50 && ss.score_p50 <= ss.score_p90);
    CHECK(ss.score_mean >= ss.score_p10 - 1e-9 || ss.score_mean >= 0);
    double sum = 0;
    for (int i = 0; i < STAGE_COUNT; i++) {
        CHECK(ss.effort_share[i] >= 0 && ss.effort_share[i] <= 1);
        sum += ss.effort_share[i];
    }
    CHECK(sum > 0.999999 && sum < 1.000001);
    CHECK(ss.buyer_initiated_close_rate >= 0 && ss.buyer_initiated_close_rate <= 1);
    CHECK(ss.seconds >= 0);
    scenario_free(s);
}

static void sim_game_should_equal_a_single_game_with_its_seed(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    const Strategy *st = strategy_find("sales2");
    uint64_t gs = sim_game_seed(11, 0);
    Game *g = game_new(s, gs);
    CHECK(g && strategy_play(st, g, gs) == 0);
    ScoreCard sc;
    if (g)
        score_compute(g, &sc);
    SimStats ss;
    CHECK_EQ_INT(sim_run(s, st, 1, 11, 1, &ss), 0);
    if (g)
        CHECK(ss.score_mean == (double)sc.total && ss.score_p50 == (double)sc.total);
    game_free(g);
    scenario_free(s);
}

static void sim_game_seeds_should_differ_and_be_stable(void)
{
    CHECK(sim_game_seed(1, 0) != sim_game_seed(1, 1));
    CHECK(sim_game_seed(1, 0) != sim_game_seed(2, 0));
    CHECK(sim_game_seed(1, 0) == sim_game_seed(1, 0));
}

static void sim_should_refuse_no_runs(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    SimStats ss;
    CHECK_EQ_INT(sim_run(s, strategy_find("random"), 0, 1, 1, &ss), -1);
    scenario_free(s);
}

int main(void)
{
    RUN(sim_should_not_depend_on_the_thread_count);
    RUN(sim_should_summarise_consistently);
    RUN(sim_game_should_equal_a_single_game_with_its_seed);
    RUN(sim_game_seeds_should_differ_and_be_stable);
    RUN(sim_should_refuse_no_runs);
    return check_done();
}
