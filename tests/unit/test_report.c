/* The class report (src/core/report.c): ranking, ties, duplicates, grouping by scenario,
 * the summary, CSV quoting and HTML escaping, on games played by the built-in strategies. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "upfront/report.h"
#include "upfront/rng.h"
#include "upfront/strategy.h"

#define MIDMARKET "scenarios/midmarket-quarter.json"
#define TINY "tests/fixtures/tiny.json"

static Scenario *load(const char *path)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(path, d, NULL);
    diag_list_free(d);
    return s;
}

static Game *play(const Scenario *s, const char *strategy, uint64_t seed)
{
    Game *g = game_new(s, seed);
    if (g)
        strategy_play(strategy_find(strategy), g, seed);
    return g;
}

static ScoreCard card_of(const Game *g)
{
    ScoreCard c;
    score_compute(g, &c);
    return c;
}

static void report_should_rank_sales2_first_and_share_ranks_on_ties(void)
{
    Scenario *s = load(MIDMARKET);
    CHECK(s != NULL);
    if (!s)
        return;
    Game *g2 = play(s, "sales2", 1), *g1 = play(s, "sales1", 1), *gr = play(s, "random", 1);
    Report *r = report_new();
    CHECK_EQ_INT(report_add(r, g1, "Bob", "b.json", NULL), 0);
    CHECK_EQ_INT(report_add(r, g2, "Ada", "a.json", NULL), 0);
    CHECK_EQ_INT(report_add(r, gr, "Cy", "c.json", NULL), 0);
    CHECK_EQ_INT(report_add(r, g1, "Dee", "d.json", NULL), 0); /* same score as Bob */
    CHECK_EQ_INT(report_group_count(r), 1);
    CHECK_EQ_INT(report_trainee_count(r, 0), 4);
    CHECK_EQ_STR(report_trainee(r, 0, 0)->player, "Ada");
    CHECK_EQ_INT(report_trainee(r, 0, 0)->rank, 1);
    for (int i = 1; i < 4; i++)
        CHECK(report_trainee(r, 0, i)->card.total <= report_trainee(r, 0, i - 1)->card.total);
    const ReportTrainee *bob = NULL, *dee = NULL;
    for (int i = 0; i < 4; i++) {
        if (strcmp(report_trainee(r, 0, i)->player, "Bob") == 0)
            bob = report_trainee(r, 0, i);
        if (strcmp(report_trainee(r, 0, i)->player, "Dee") == 0)
            dee = report_trainee(r, 0, i);
    }
    CHECK(bob && dee && bob->rank == dee->rank);
    CHECK(report_trainee(r, 0, 4) == NULL);
    CHECK(report_trainee(r, 1, 0) == NULL);

    ReportSummary sm;
    report_summary(r, 0, &sm);
    CHECK_EQ_INT(sm.trainees, 4);
    CHECK_EQ_INT(sm.seeds, 1);
    CHECK_EQ_INT((long long)sm.score_max, card_of(g2).total);
    CHECK(sm.score_min <= sm.score_p25 && sm.score_p25 <= sm.score_median &&
          sm.score_median <= sm.score_p75 && sm.score_p75 <= sm.score_max);
    double share = 0;
    for (int st = 0; st < STAGE_COUNT; st++)
        share += sm.effort_share[st];
    CHECK(share > 0.999 && share < 1.001);
    CHECK_EQ_INT(sm.curve_sales2[STAGE_PREPARE], scenario_scoring(s)->curve_sales2[0]);
    int touches = 0;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        touches += sm.touches[c];
    CHECK_EQ_INT(touches, sm.touches_total);
    CHECK(sm.touches_total > 0);
    /* sales1 makes generic executive calls: the commonest mistakes list them */
    CHECK_EQ_INT(sm.mistake_trainees[MISTAKE_GENERIC_EXEC] >= 2, 1);
    CHECK(sm.mistake_trainees[sm.mistake_order[0]] >= sm.mistake_trainees[sm.mistake_order[1]]);
    report_free(r);
    game_free(g1);
    game_free(g2);
    game_free(gr);
    scenario_free(s);
}

static void report_should_count_a_copied_file_once(void)
{
    Scenario *s = load(MIDMARKET);
    Game *g = s ? play(s, "sales2", 3) : NULL;
    CHECK(g != NULL);
    if (!g) {
        scenario_free(s);
        return;
    }
    Report *r = report_new();
    const char *first = NULL;
    CHECK_EQ_INT(report_add(r, g, "Ada", "a.json", &first), 0);
    CHECK_EQ_INT(report_add(r, g, "Ada", "copy/a.json", &first), 1);
    CHECK_EQ_STR(first, "a.json");
    CHECK_EQ_INT(report_add(r, g, "Ada's twin", "twin.json", &first), 0);
    CHECK_EQ_INT(report_trainee_count(r, 0), 2);
    report_free(r);
    game_free(g);
    scenario_free(s);
}

static void report_should_group_by_scenario(void)
{
    Scenario *a = load(MIDMARKET), *b = load(TINY);
    CHECK(a && b);
    if (!a || !b) {
        scenario_free(a);
        scenario_free(b);
        return;
    }
    Game *ga = play(a, "sales2", 1), *gb = play(b, "sales2", 1), *gb2 = play(b, "random", 9);
    Report *r = report_new();
    report_add(r, ga, "Ada", "a.json", NULL);
    report_add(r, gb, "Bob", "b.json", NULL);
    report_add(r, gb2, "Cy", "c.json", NULL);
    CHECK_EQ_INT(report_group_count(r), 2);
    /* ordered by scenario id */
    CHECK(strcmp(report_group_scenario_id(r, 0), report_group_scenario_id(r, 1)) < 0);
    int na = strcmp(report_group_scenario_id(r, 0), scenario_id(a)) == 0 ? 0 : 1;
    CHECK_EQ_INT(report_trainee_count(r, na), 1);
    CHECK_EQ_INT(report_trainee_count(r, 1 - na), 2);
    ReportSummary sm;
    report_summary(r, 1 - na, &sm);
    CHECK_EQ_INT(sm.seeds, 2);
    char *text = report_text(r), *html = report_html(r), *csv = report_csv(r);
    CHECK(text && strstr(text, scenario_id(a)) && strstr(text, scenario_id(b)));
    free(text);
    text = NULL;
    /* once finished: both games of the tiny scenario are strategies' games; the class's seed
     * is the commonest (a tie: the smaller), so the seed-9 game is also off-seed */
    report_finish(r, NULL);
    const ReportTrainee *cy = NULL;
    for (int i = 0; i < report_trainee_count(r, 1 - na); i++)
        if (strcmp(report_trainee(r, 1 - na, i)->player, "Cy") == 0)
            cy = report_trainee(r, 1 - na, i);
    CHECK(cy && cy->rank == 0 && strcmp(cy->flags, "same as random; off-seed") == 0);
    report_summary(r, 1 - na, &sm);
    CHECK(sm.class_seed == 1 && sm.seed_tie == 1 && sm.trainees == 0 && sm.not_ranked == 2);
    text = report_text(r);
    CHECK(text && strstr(text, "same as random; off-seed"));
    int rows = 0;
    for (const char *p = csv; p && *p; p++)
        rows += *p == '\n';
    CHECK_EQ_INT(rows, 4);
    free(text);
    free(html);
    free(csv);
    report_free(r);
    game_free(ga);
    game_free(gb);
    game_free(gb2);
    scenario_free(a);
    scenario_free(b);
}

static void report_should_quote_csv_and_escape_html(void)
{
    Scenario *s = load(TINY);
    Game *g = s ? play(s, "sales2", 2) : NULL;
    Game *g2 = s ? play(s, "sales1", 2) : NULL;
    CHECK(g && g2);
    if (!g || !g2) {
        game_free(g);
        scenario_free(s);
        return;
    }
    Report *r = report_new();
    report_add(r, g, "Cy, \"the kid\"\n<script>alert(1)</script>", "x&y.json", NULL);
    report_add(r, g2, "=HYPERLINK(\"http://evil\")\x01\xff", "z.json", NULL);
    CHECK_EQ_INT(report_reject(r, "bad<1>.json"), 0);
    char *csv = report_csv(r), *html = report_html(r), *text = report_text(r);
    CHECK(csv && strstr(csv, "\"Cy, \"\"the kid\"\"\n<script>alert(1)</script>\""));
    CHECK(csv && strstr(csv, "\"'=HYPERLINK(\"\"http://evil\"\")"));
    const char *head = "rank,player,flags,scenario,score,results,process,efficiency,penalties,floor,";
    CHECK(csv && strncmp(csv, head, strlen(head)) == 0);
    CHECK(html && !strstr(html, "<script"));
    CHECK(html && strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(html && strstr(html, "&quot;the kid&quot;"));
    CHECK(html && strstr(html, "bad&lt;1&gt;.json"));
    CHECK(html && !strstr(html, "\x01") && !strstr(html, "\xff"));
    CHECK(html && strstr(html, "<svg") && !strstr(html, "src=") && !strstr(html, "<link"));
    /* the terminal never gets control characters */
    for (const char *p = text; p && *p; p++)
        CHECK(*p == '\n' || (unsigned char)*p >= 0x20);
    free(csv);
    free(html);
    free(text);
    report_free(r);
    game_free(g);
    game_free(g2);
    scenario_free(s);
}

static void report_should_handle_an_empty_class(void)
{
    Report *r = report_new();
    char *text = report_text(r), *html = report_html(r), *csv = report_csv(r);
    CHECK(text && strstr(text, "no verified results"));
    CHECK(html && strstr(html, "No verified results"));
    CHECK(csv && strchr(csv, '\n') == csv + strlen(csv) - 1);
    ReportSummary sm;
    report_summary(r, 0, &sm);
    CHECK_EQ_INT(sm.trainees, 0);
    CHECK_EQ_STR(report_mistake_name(MISTAKE_COUNT), "?");
    free(text);
    free(html);
    free(csv);
    report_free(r);
    report_free(NULL);
}

/* A game a person might play: one research step of their own, then the strategy's moves
 * (chosen afresh for this game, so it is no strategy's game action for action). */
static Game *person(const Scenario *s, const char *strategy, uint64_t seed, int prospect)
{
    Game *g = game_new(s, seed);
    if (!g)
        return NULL;
    Action first = {ACTION_RESEARCH, prospect, RESEARCH_PERSON};
    game_apply(g, &first);
    Rng rng;
    rng_seed(&rng, seed, 99);
    const Strategy *st = strategy_find(strategy);
    for (int i = 0; i < 100000 && !game_over(g); i++) {
        Action a = strategy_choose(st, g, &rng);
        if (game_apply(g, &a) != ACTION_OK) {
            Action end = {ACTION_END_DAY, -1, 0};
            game_apply(g, &end);
        }
    }
    return g;
}

static const ReportTrainee *by_player(const Report *r, const char *name)
{
    for (int i = 0; i < report_trainee_count(r, 0); i++)
        if (strcmp(report_trainee(r, 0, i)->player, name) == 0)
            return report_trainee(r, 0, i);
    return NULL;
}

/* A game a person could play: one research on account p, then every day ended. */
static Game *research_then_wait(const Scenario *s, int p)
{
    Game *g = game_new(s, 3);
    Action research = {ACTION_RESEARCH, p, RESEARCH_COMPANY}, end = {ACTION_END_DAY, -1, 0};
    if (g && game_apply(g, &research) != ACTION_OK) {
        game_free(g);
        return NULL;
    }
    while (g && !game_over(g))
        game_apply(g, &end);
    return g;
}

static void report_should_flag_the_same_game_handed_in_by_two_players(void)
{
    Scenario *s = load(MIDMARKET);
    Game *g = s ? research_then_wait(s, 0) : NULL, *h = s ? research_then_wait(s, 1) : NULL;
    CHECK(g && h);
    if (g && h) {
        Report *r = report_new();
        CHECK_EQ_INT(report_add(r, g, "Ada", "ada.json", NULL), 0);
        CHECK_EQ_INT(report_add(r, g, "Eve Copycat", "eve.json", NULL), 0); /* Ada's file, renamed */
        CHECK_EQ_INT(report_add(r, h, "Bob", "bob.json", NULL), 0);
        report_finish(r, NULL);
        /* which one is the original is for the facilitator to tell: neither is ranked */
        CHECK_EQ_STR(by_player(r, "Ada")->flags, "same game as Eve Copycat");
        CHECK_EQ_STR(by_player(r, "Eve Copycat")->flags, "same game as Ada");
        CHECK_EQ_STR(by_player(r, "Bob")->flags, "");
        CHECK_EQ_INT(report_ranked_count(r, 0), 1);
        /* a long name in the flag: 24 whole characters and an ellipsis */
        Game *k = research_then_wait(s, 2);
        char emoji[30 * 4 + 1] = "", want[24 * 4 + 40] = "same game as ";
        for (int i = 0; i < 30; i++)
            strcat(emoji, "\xF0\x9F\x98\x80"); /* U+1F600, four bytes */
        for (int i = 0; i < 24; i++)
            strcat(want, "\xF0\x9F\x98\x80");
        strcat(want, "\xE2\x80\xA6");
        CHECK(k != NULL);
        if (k) {
            CHECK_EQ_INT(report_add(r, k, emoji, "emoji.json", NULL), 0);
            CHECK_EQ_INT(report_add(r, k, "Zed", "zed.json", NULL), 0);
            report_finish(r, NULL);
            CHECK_EQ_STR(by_player(r, "Zed")->flags, want);
        }
        game_free(k);
        report_free(r);
    }
    game_free(g);
    game_free(h);
    scenario_free(s);
}

static void report_player_key_should_fold_case_and_spaces(void)
{
    char a[128], b[128];
    report_player_key("Ann", a, sizeof a);
    report_player_key("  ann ", b, sizeof b);
    CHECK_EQ_STR(a, b);
    report_player_key("ADA \xC2\xA0 Lovelace", a, sizeof a); /* a no-break space too */
    CHECK_EQ_STR(a, "ada lovelace");
    report_player_key("\xC3\x89MILE \xC5\x81UKASZ \xD0\x90\xD0\xBD\xD1\x8F", a, sizeof a);
    CHECK_EQ_STR(a, "\xC3\xA9mile \xC5\x82ukasz \xD0\xB0\xD0\xBD\xD1\x8F");
    report_player_key("Bob", b, sizeof b);
    CHECK(strcmp(a, b) != 0);
}

static void report_should_rank_each_person_once_and_flag_the_rest(void)
{
    Scenario *s = load(TINY);
    CHECK(s != NULL);
    if (!s)
        return;
    Game *ann = person(s, "sales2", 5, 0), *ann2 = person(s, "sales1", 5, 1);
    Game *bob = person(s, "sales2", 5, 2), *off = person(s, "sales2", 6, 0);
    Game *bot = play(s, "sales2", 5), *cut = game_new(s, 5);
    Action end = {ACTION_END_DAY, -1, 0};
    game_apply(cut, &end); /* one day, then handed in */
    CHECK(ann && ann2 && bob && off && bot && cut && game_over(ann) && game_over(ann2));
    Report *r = report_new();
    ReportGame info[] = {
        {"Ann", "ann.json", 100, PLAYED_BY_PERSON, NULL, 0, 0},
        {"ann ", "ann2.json", 200, PLAYED_BY_PERSON, NULL, 0, 0},
        {"Bob", "bob.json", 100, PLAYED_BY_PERSON, NULL, 0, 0},
        {"Off", "off.json", 100, PLAYED_BY_PERSON, NULL, 0, 0},
        {"Bot", "bot.json", 100, PLAYED_BY_PERSON, NULL, 0, 0},
        {"Run", "run.json", 100, PLAYED_BY_STRATEGY, "sales2", 0, 0},
        {"Cut", "cut.json", 100, PLAYED_BY_PERSON, NULL, 0, 0},
        {"Hal", "hal.json", 100, PLAYED_BY_ASSISTED, "sales2", 1, 0},
    };
    Game *games[] = {ann, ann2, bob, off, bot, bot, cut, bob};
    for (int i = 0; i < 8; i++)
        CHECK_EQ_INT(report_add_game(r, games[i], &info[i], NULL), 0);
    report_finish(r, NULL);
    CHECK_EQ_INT(report_ranked_count(r, 0), 2);
    const ReportTrainee *a1 = by_player(r, "Ann"), *a2 = by_player(r, "ann ");
    CHECK(a1 && a2);
    if (a1 && a2) {
        const ReportTrainee *best = a1->card.total >= a2->card.total ? a1 : a2;
        const ReportTrainee *other = best == a1 ? a2 : a1;
        CHECK(best->rank > 0 && best->flags[0] == '\0');
        CHECK(other->rank == 0 && strcmp(other->flags, "attempt") == 0);
    }
    CHECK(by_player(r, "Bob") && by_player(r, "Bob")->rank > 0);
    CHECK_EQ_STR(by_player(r, "Off")->flags, "off-seed");
    CHECK_EQ_STR(by_player(r, "Bot")->flags, "same as sales2");
    CHECK_EQ_STR(by_player(r, "Run")->flags, "strategy:sales2");
    CHECK_EQ_STR(by_player(r, "Cut")->flags, "unfinished");
    CHECK_EQ_STR(by_player(r, "Hal")->flags, "assisted:week 1 sales2");
    ReportSummary sm;
    report_summary(r, 0, &sm);
    CHECK_EQ_INT(sm.trainees, 2);
    CHECK_EQ_INT(sm.not_ranked, 6);
    CHECK(sm.class_seed == 5);
    /* --attempts first: the earlier game; all: both */
    ReportOptions o = {0, 0, REPORT_ATTEMPTS_FIRST, 0};
    report_finish(r, &o);
    CHECK(by_player(r, "Ann")->rank > 0 && strcmp(by_player(r, "ann ")->flags, "attempt") == 0);
    o.attempts = REPORT_ATTEMPTS_ALL;
    report_finish(r, &o);
    CHECK(by_player(r, "Ann")->rank > 0 && by_player(r, "ann ")->rank > 0);
    /* --seed 6: the other way round */
    ReportOptions six = {1, 6, REPORT_ATTEMPTS_BEST, 0};
    report_finish(r, &six);
    CHECK(by_player(r, "Off")->rank == 1 && strstr(by_player(r, "Bob")->flags, "off-seed"));
    /* the CSV: an empty rank and the flags of every game not ranked */
    char *csv = report_csv(r);
    CHECK(csv && strstr(csv, "\r\n,Cut,unfinished; off-seed,"));
    free(csv);
    report_free(r);
    Game *all[] = {ann, ann2, bob, off, bot, cut};
    for (int i = 0; i < 6; i++)
        game_free(all[i]);
    scenario_free(s);
}

int main(void)
{
    RUN(report_should_rank_sales2_first_and_share_ranks_on_ties);
    RUN(report_should_count_a_copied_file_once);
    RUN(report_should_flag_the_same_game_handed_in_by_two_players);
    RUN(report_should_group_by_scenario);
    RUN(report_should_quote_csv_and_escape_html);
    RUN(report_should_handle_an_empty_class);
    RUN(report_player_key_should_fold_case_and_spaces);
    RUN(report_should_rank_each_person_once_and_flag_the_rest);
    return check_done();
}
