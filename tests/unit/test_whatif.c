/* What if: a strategy taking over a played game at the start of each day. Every expected
 * figure is computed here by playing the games another way (a fresh game, the actions
 * replayed, strategy_play), never written down. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "upfront/alloc.h"
#include "upfront/game.h"
#include "upfront/score.h"
#include "upfront/strategy.h"
#include "upfront/whatif.h"

static Scenario *load(const char *path)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(path, d, NULL);
    if (!s)
        diag_print(stderr, path, d);
    diag_list_free(d);
    return s;
}

/* A whole game played by a strategy (its own game on the seed). */
static Game *played_by(const Scenario *s, const char *name, uint64_t seed)
{
    Game *g = game_new(s, seed);
    if (g && strategy_play(strategy_find(name), g, seed) != 0) {
        game_free(g);
        return NULL;
    }
    return g;
}

/* The score of the takeover on day `day` computed the slow way: a fresh game, the played
 * actions before that day applied one by one, then the strategy from there. */
static void takeover_by_hand(const Game *played, const char *name, int day, ScoreCard *out)
{
    uint64_t seed = game_seed(played);
    Game *g = game_new(game_scenario(played), seed);
    for (int i = 0; i < game_action_count(played) && game_action_day(played, i) < day; i++)
        CHECK_EQ_INT(game_apply(g, game_action(played, i)), ACTION_OK);
    CHECK_EQ_INT(game_day(g), day);
    CHECK_EQ_INT(strategy_play(strategy_find(name), g, seed), 0);
    score_compute(g, out);
    game_free(g);
}

static void takeover_on_day_1_should_be_the_strategys_own_game(void)
{
    static const char *const files[] = {"scenarios/tutorial.json", "scenarios/midmarket-quarter.json"};
    static const char *const players[] = {"random", "sales1", "sales2"};
    for (int f = 0; f < 2; f++) {
        Scenario *s = load(files[f]);
        CHECK(s != NULL);
        if (!s)
            continue;
        for (uint64_t seed = 1; seed <= 4; seed++)
            for (int p = 0; p < 3; p++)
                for (int k = 0; k < 2; k++) {
                    const char *st = k ? "sales2" : "sales1";
                    Game *g = played_by(s, players[p], seed);
                    Game *own = played_by(s, st, seed);
                    WhatIf *w = whatif_compute(g, strategy_find(st));
                    CHECK(g && own && w);
                    if (g && own && w) {
                        ScoreCard sc;
                        score_compute(own, &sc);
                        const WhatIfTakeover *t = whatif_takeover(w, 0);
                        CHECK_EQ_INT(t->day, 1);
                        CHECK_EQ_INT(t->score, sc.total);
                        CHECK_EQ_INT(t->revenue, sc.revenue);
                        CHECK_EQ_INT(t->deals_won, sc.deals_won);
                        CHECK_EQ_STR(whatif_strategy(w), st);
                        CHECK_EQ_INT(whatif_seed(w), seed);
                    }
                    whatif_free(w);
                    game_free(g);
                    game_free(own);
                }
        scenario_free(s);
    }
}

static void whatif_should_give_one_takeover_per_day_each_as_a_replay_then_the_strategy(void)
{
    Scenario *s = load("scenarios/tutorial.json");
    if (!s)
        return;
    for (uint64_t seed = 3; seed <= 4; seed++) {
        Game *g = played_by(s, seed == 3 ? "random" : "sales1", seed);
        WhatIf *w = whatif_compute(g, strategy_find("sales2"));
        CHECK(w != NULL);
        if (w) {
            CHECK_EQ_INT(whatif_count(w), scenario_day_count(s));
            CHECK_EQ_INT(whatif_days(w), scenario_day_count(s));
            CHECK_EQ_INT(whatif_finished(w), 1);
            ScoreCard own;
            score_compute(g, &own);
            CHECK_EQ_INT(whatif_score(w), own.total);
            CHECK_EQ_INT(whatif_revenue(w), own.revenue);
            CHECK_EQ_INT(whatif_deals_won(w), own.deals_won);
            for (int i = 0; i < whatif_count(w); i++) {
                const WhatIfTakeover *t = whatif_takeover(w, i);
                CHECK_EQ_INT(t->day, i + 1);
                ScoreCard hand;
                takeover_by_hand(g, "sales2", i + 1, &hand);
                CHECK_EQ_INT(t->score, hand.total);
                CHECK_EQ_INT(t->revenue, hand.revenue);
                CHECK_EQ_INT(t->deals_won, hand.deals_won);
            }
            CHECK(whatif_takeover(w, -1) == NULL);
            CHECK(whatif_takeover(w, whatif_count(w)) == NULL);
        }
        whatif_free(w);
        game_free(g);
    }
    scenario_free(s);
}

static void sales2_taking_over_a_sales1_game_should_do_better_on_day_1_than_on_the_last(void)
{
    Scenario *s = load("scenarios/tutorial.json");
    if (!s)
        return;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        Game *g = played_by(s, "sales1", seed);
        WhatIf *w = whatif_compute(g, strategy_find("sales2"));
        CHECK(w != NULL);
        if (w)
            CHECK(whatif_takeover(w, 0)->score > whatif_takeover(w, whatif_count(w) - 1)->score);
        whatif_free(w);
        game_free(g);
    }
    scenario_free(s);
}

/* The turning day is the biggest drop from one day's takeover to the next (the trainee's
 * own score after the last day) among the days whose takeover beats the trainee. */
static void turning_day_should_be_the_biggest_drop_among_days_the_takeover_wins(void)
{
    Scenario *s = load("scenarios/midmarket-quarter.json");
    if (!s)
        return;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        Game *g = played_by(s, "sales1", seed);
        WhatIf *w = whatif_compute(g, strategy_find("sales2"));
        CHECK(w != NULL);
        if (!w) {
            game_free(g);
            continue;
        }
        int n = whatif_count(w), want = 0;
        int64_t best = 0;
        for (int i = 0; i < n; i++) {
            int64_t next = i + 1 < n ? whatif_takeover(w, i + 1)->score : whatif_score(w);
            int64_t score = whatif_takeover(w, i)->score;
            if (score > whatif_score(w) && score - next > best) {
                best = score - next;
                want = i + 1;
            }
        }
        const WhatIfTurn *t = whatif_turn(w);
        CHECK(want > 0); /* sales2 beats sales1 from some day on this scenario */
        CHECK_EQ_INT(t->day, want);
        CHECK_EQ_INT(t->drop, best);
        CHECK_EQ_INT(t->score_gain, whatif_takeover(w, want - 1)->score - whatif_score(w));
        CHECK_EQ_INT(t->revenue_gain, whatif_takeover(w, want - 1)->revenue - whatif_revenue(w));
        CHECK(t->cause != WHATIF_CAUSE_NONE);
        char sentence[600], head[64];
        whatif_sentence(w, s, sentence, sizeof sentence);
        snprintf(head, sizeof head, "From day %d, Sales 2.0 would have ", want);
        CHECK(strncmp(sentence, head, strlen(head)) == 0);
        CHECK(strstr(sentence, t->revenue_gain > 0 ? "closed $" : "points more") != NULL);
        whatif_free(w);
        game_free(g);
    }
    scenario_free(s);
}

/* A trainee who ends every day at once: each day's turning point is a day left unused. */
static void a_day_left_unused_should_be_named_as_such(void)
{
    Scenario *s = load("scenarios/tutorial.json");
    if (!s)
        return;
    Game *g = game_new(s, 9);
    Action end = {ACTION_END_DAY, -1, 0};
    while (!game_over(g))
        CHECK_EQ_INT(game_apply(g, &end), ACTION_OK);
    WhatIf *w = whatif_compute(g, strategy_find("sales2"));
    CHECK(w != NULL);
    if (w) {
        const WhatIfTurn *t = whatif_turn(w);
        CHECK(t->day >= 1);
        CHECK_EQ_INT(t->cause, WHATIF_CAUSE_IDLE);
        int day = scenario_calendar(s)->hours_per_day * 60;
        CHECK_EQ_INT(t->count, day);
        CHECK_EQ_INT(t->of, day);
        char sentence[600];
        whatif_sentence(w, s, sentence, sizeof sentence);
        CHECK(strstr(sentence, "that day you left 8 h of 8 h unused") != NULL ||
              scenario_calendar(s)->hours_per_day != 8);
        CHECK_EQ_STR(whatif_cause_name(t->cause), "idle");
    }
    whatif_free(w);
    game_free(g);
    scenario_free(s);
}

/* The strategy itself as the trainee: it never lost ground to itself on day 1, and the
 * sentence says so when no day would have done better. */
static void no_turning_point_when_no_takeover_beats_the_trainee(void)
{
    Scenario *s = load("scenarios/tutorial.json");
    if (!s)
        return;
    int none_seen = 0;
    for (uint64_t seed = 1; seed <= 12; seed++) {
        Game *g = played_by(s, "sales2", seed);
        WhatIf *w = whatif_compute(g, strategy_find("sales2"));
        CHECK(w != NULL);
        if (w) {
            CHECK_EQ_INT(whatif_takeover(w, 0)->score, whatif_score(w));
            int beaten = 0;
            for (int i = 0; i < whatif_count(w); i++)
                beaten |= whatif_takeover(w, i)->score > whatif_score(w);
            CHECK_EQ_INT(whatif_turn(w)->day == 0, !beaten);
            if (!beaten) {
                none_seen = 1;
                char sentence[600];
                whatif_sentence(w, s, sentence, sizeof sentence);
                CHECK(strstr(sentence, "would not have beaten your") != NULL);
                CHECK_EQ_INT(whatif_turn(w)->cause, WHATIF_CAUSE_NONE);
            }
        }
        whatif_free(w);
        game_free(g);
    }
    (void)none_seen; /* whether a seed has no better day depends on the model */
    scenario_free(s);
}

static void an_unfinished_game_should_get_a_takeover_per_day_reached(void)
{
    Scenario *s = load("scenarios/tutorial.json");
    if (!s)
        return;
    Game *full = played_by(s, "sales1", 2);
    Game *g = game_new(s, 2);
    /* the full game's actions up to the middle of day 3 */
    int i = 0;
    while (i < game_action_count(full) && game_action_day(full, i) < 3)
        CHECK_EQ_INT(game_apply(g, game_action(full, i++)), ACTION_OK);
    if (i < game_action_count(full) && game_action(full, i)->kind != ACTION_END_DAY)
        CHECK_EQ_INT(game_apply(g, game_action(full, i)), ACTION_OK);
    WhatIf *w = whatif_compute(g, strategy_find("sales2"));
    CHECK(w != NULL);
    if (w) {
        CHECK_EQ_INT(whatif_count(w), 3);
        CHECK_EQ_INT(whatif_finished(w), 0);
        ScoreCard hand;
        takeover_by_hand(g, "sales2", 3, &hand);
        CHECK_EQ_INT(whatif_takeover(w, 2)->score, hand.total);
    }
    whatif_free(w);
    game_free(g);
    game_free(full);
    scenario_free(s);
}

static void json_should_hold_the_strategy_seed_score_and_a_takeover_per_day(void)
{
    Scenario *s = load("scenarios/tutorial.json");
    if (!s)
        return;
    Game *g = played_by(s, "random", 5);
    WhatIf *w = whatif_compute(g, strategy_find("sales2"));
    char *text = w ? whatif_to_json(w, s) : NULL;
    CHECK(text != NULL);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    CHECK(root != NULL);
    if (root) {
        CHECK_EQ_STR(cJSON_GetObjectItemCaseSensitive(root, "strategy")->valuestring, "sales2");
        CHECK_EQ_INT(cJSON_GetObjectItemCaseSensitive(root, "seed")->valuedouble, 5);
        CHECK_EQ_INT(cJSON_GetObjectItemCaseSensitive(root, "score")->valuedouble, whatif_score(w));
        cJSON *tk = cJSON_GetObjectItemCaseSensitive(root, "takeovers");
        CHECK_EQ_INT(cJSON_GetArraySize(tk), scenario_day_count(s));
        int day = 1;
        for (cJSON *t = tk ? tk->child : NULL; t; t = t->next, day++) {
            CHECK_EQ_INT(cJSON_GetObjectItemCaseSensitive(t, "day")->valuedouble, day);
            CHECK_EQ_INT(cJSON_GetObjectItemCaseSensitive(t, "score")->valuedouble, whatif_takeover(w, day - 1)->score);
            CHECK_EQ_INT(cJSON_GetObjectItemCaseSensitive(t, "revenue")->valuedouble,
                         whatif_takeover(w, day - 1)->revenue);
            CHECK_EQ_INT(cJSON_GetObjectItemCaseSensitive(t, "deals_won")->valuedouble,
                         whatif_takeover(w, day - 1)->deals_won);
        }
        cJSON *tp = cJSON_GetObjectItemCaseSensitive(root, "turning_point");
        CHECK(tp != NULL);
        if (whatif_turn(w)->day)
            CHECK_EQ_INT(cJSON_GetObjectItemCaseSensitive(tp, "day")->valuedouble, whatif_turn(w)->day);
        else
            CHECK(cJSON_IsNull(tp));
    }
    cJSON_Delete(root);
    free(text);
    whatif_free(w);
    game_free(g);
    scenario_free(s);
}

/* Every allocation failing in turn: NULL or a whole result, never a crash or a leak. */
static void whatif_should_survive_every_allocation_failing(void)
{
    Scenario *s = load("scenarios/tutorial.json");
    if (!s)
        return;
    Game *g = played_by(s, "sales1", 1);
    WhatIf *ref = whatif_compute(g, strategy_find("sales2"));
    CHECK(ref != NULL);
    int done = 0;
    for (long k = 1; k < 100000 && !done && ref; k++) {
        alloc_fail_at(k);
        WhatIf *w = whatif_compute(g, strategy_find("sales2"));
        int failed = alloc_failed();
        alloc_fail_at(0);
        if (!failed) {
            CHECK(w != NULL);
            done = 1;
        }
        if (w) {
            CHECK_EQ_INT(whatif_count(w), whatif_count(ref));
            CHECK_EQ_INT(whatif_takeover(w, 0)->score, whatif_takeover(ref, 0)->score);
        }
        whatif_free(w);
    }
    CHECK(done);
    whatif_free(ref);
    game_free(g);
    scenario_free(s);
}

int main(void)
{
    RUN(takeover_on_day_1_should_be_the_strategys_own_game);
    RUN(whatif_should_give_one_takeover_per_day_each_as_a_replay_then_the_strategy);
    RUN(sales2_taking_over_a_sales1_game_should_do_better_on_day_1_than_on_the_last);
    RUN(turning_day_should_be_the_biggest_drop_among_days_the_takeover_wins);
    RUN(a_day_left_unused_should_be_named_as_such);
    RUN(no_turning_point_when_no_takeover_beats_the_trainee);
    RUN(an_unfinished_game_should_get_a_takeover_per_day_reached);
    RUN(json_should_hold_the_strategy_seed_score_and_a_takeover_per_day);
    RUN(whatif_should_survive_every_allocation_failing);
    return check_done();
}
