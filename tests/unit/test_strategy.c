/* The built-in strategies on the default scenario: they play whole games legally, and
 * front-loading (sales2) beats old-school selling (sales1) for believable reasons. */
#include <stdlib.h>

#include "check.h"
#include "upfront/game.h"
#include "upfront/score.h"
#include "upfront/sim.h"
#include "upfront/strategy.h"

#define DEFAULT_SCENARIO "scenarios/midmarket-quarter.json"

static Scenario *load_default(void)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(DEFAULT_SCENARIO, d, NULL);
    if (!s)
        diag_print(stderr, DEFAULT_SCENARIO, d);
    diag_list_free(d);
    return s;
}

static void strategies_should_include_sales1_sales2_and_random(void)
{
    CHECK(strategy_count() >= 3);
    CHECK(strategy_find("sales1") != NULL);
    CHECK(strategy_find("sales2") != NULL);
    CHECK(strategy_find("random") != NULL);
    CHECK(strategy_find("nope") == NULL);
    CHECK_EQ_STR(strategy_name(strategy_find("sales2")), "sales2");
}

static void every_strategy_should_finish_a_game_with_legal_actions(void)
{
    Scenario *s = load_default();
    CHECK(s != NULL);
    if (!s)
        return;
    for (int i = 0; i < strategy_count(); i++) {
        for (uint64_t seed = 1; seed <= 20; seed++) {
            Game *g = game_new(s, seed);
            CHECK_EQ_INT(strategy_play(strategy_get(i), g, seed), 0);
            CHECK_EQ_INT(game_over(g), 1);
            ScoreCard sc;
            score_compute(g, &sc);
            CHECK(sc.total >= 0);
            game_free(g);
        }
    }
    scenario_free(s);
}

static void simulation_should_not_depend_on_the_thread_count(void)
{
    Scenario *s = load_default();
    if (!s)
        return;
    SimStats one, many;
    CHECK_EQ_INT(sim_run(s, strategy_find("sales2"), 64, 7, 1, &one), 0);
    CHECK_EQ_INT(sim_run(s, strategy_find("sales2"), 64, 7, 3, &many), 0);
    CHECK(one.score_mean == many.score_mean);
    CHECK(one.score_p10 == many.score_p10 && one.score_p90 == many.score_p90);
    CHECK(one.effort_share[STAGE_PREPARE] == many.effort_share[STAGE_PREPARE]);
    double sum = 0;
    for (int st = 0; st < STAGE_COUNT; st++)
        sum += one.effort_share[st];
    CHECK(sum > 0.999 && sum < 1.001);
    scenario_free(s);
}

static void sales2_should_beat_sales1_and_random_the_way_the_lesson_says(void)
{
    Scenario *s = load_default();
    if (!s)
        return;
    SimStats s1, s2, rnd;
    CHECK_EQ_INT(sim_run(s, strategy_find("sales1"), 400, 1, 0, &s1), 0);
    CHECK_EQ_INT(sim_run(s, strategy_find("sales2"), 400, 1, 0, &s2), 0);
    CHECK_EQ_INT(sim_run(s, strategy_find("random"), 400, 1, 0, &rnd), 0);
    fprintf(stderr,
            "sales1 mean %.1f p50 %.1f | sales2 mean %.1f p10 %.1f p50 %.1f | random mean %.1f\n"
            "sales2 shares %.2f/%.2f/%.2f/%.2f buyer-initiated %.2f won %.2f attain %.2f\n"
            "sales1 shares %.2f/%.2f/%.2f/%.2f won %.2f\n",
            s1.score_mean, s1.score_p50, s2.score_mean, s2.score_p10, s2.score_p50, rnd.score_mean,
            s2.effort_share[0], s2.effort_share[1], s2.effort_share[2], s2.effort_share[3],
            s2.buyer_initiated_close_rate, s2.deals_won_mean, s2.attainment_mean,
            s1.effort_share[0], s1.effort_share[1], s1.effort_share[2], s1.effort_share[3],
            s1.deals_won_mean);
    CHECK(s2.score_mean >= 1.3 * s1.score_mean);
    CHECK(s2.score_p10 >= s1.score_p50);
    CHECK(rnd.score_mean < s2.score_mean);
    CHECK(s2.buyer_initiated_close_rate >= 0.5);
    CHECK(s2.effort_share[STAGE_CLOSE] <= 0.10);
    CHECK(s2.effort_share[STAGE_PREPARE] + s2.effort_share[STAGE_PROSPECT] >= 0.55);
    CHECK(s1.effort_share[STAGE_PREPARE] <= 0.10);
    CHECK(s2.deals_won_mean > s1.deals_won_mean);
    scenario_free(s);
}

/* A legal scenario where closing tricks cost no time and neither win nor lose: every
 * strategy must still end each day and finish the game. */
static void strategies_should_finish_when_actions_cost_no_time(void)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file("tests/fixtures/timeless-closes.json", d, NULL);
    if (!s)
        diag_print(stderr, "tests/fixtures/timeless-closes.json", d);
    diag_list_free(d);
    CHECK(s != NULL);
    if (!s)
        return;
    for (int i = 0; i < strategy_count(); i++) {
        Game *g = game_new(s, 3);
        CHECK_EQ_INT(strategy_play(strategy_get(i), g, 3), 0);
        CHECK_EQ_INT(game_over(g), 1);
        game_free(g);
    }
    scenario_free(s);
}

int main(void)
{
    RUN(strategies_should_include_sales1_sales2_and_random);
    RUN(every_strategy_should_finish_a_game_with_legal_actions);
    RUN(strategies_should_finish_when_actions_cost_no_time);
    RUN(simulation_should_not_depend_on_the_thread_count);
    RUN(sales2_should_beat_sales1_and_random_the_way_the_lesson_says);
    return check_done();
}
