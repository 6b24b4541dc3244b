/* Headless UI tests of the debrief's What if page and rewind: the page shows, day by day,
 * what the core computes (whatif_compute) for Sales 2.0 and Sales 1.0; the keys and clicks
 * choose a day; R replays the trainee's actions before it and the game goes on from its
 * morning as practice, saved as rewound, resumed as rewound; personal bests say whether
 * they were rewound. */
#include "uitest.h"

#include "platform.h"
#include "settings.h"
#include "upfront/results.h"
#include "upfront/strategy.h"
#include "upfront/whatif.h"

#define TUTORIAL UPFRONT_SOURCE_DIR "/scenarios/tutorial.json"

enum { HIT_REWIND = 70, HIT_WHATIF_OTHER = 71, HIT_DAY = 100 }; /* scr_debrief.c's */

/* Plays the game as sales1 would, through the session, up to the last day, then ends the
 * days with E until the debrief opens. */
static void play_to_debrief(UiTest *t, const char *strategy)
{
    uitest_key(t, SDLK_RETURN); /* title -> briefing */
    uitest_key(t, SDLK_RETURN); /* briefing -> play */
    CHECK_EQ_STR(app_screen_name(t->app), "play");
    Session *s = t->app->session;
    if (!s)
        return;
    Rng rng;
    rng_seed(&rng, s->seed, 0x57a7u);
    int last = scenario_day_count(s->scenario);
    for (int i = 0; i < 100000 && game_day(s->game) < last; i++) {
        Action a = strategy_choose(strategy_find(strategy), s->game, &rng);
        CHECK_EQ_INT(session_apply(s, &a), ACTION_OK);
    }
    for (int i = 0; i < 10 && strcmp(app_screen_name(t->app), "debrief") != 0; i++)
        uitest_key(t, SDLK_e);
    CHECK_EQ_STR(app_screen_name(t->app), "debrief");
    uitest_settle(t);
}

static const char *tip(UiTest *t, int id)
{
    return widget_tip(&t->app->ui, id);
}

/* The day the Rewind button would go back to, read from its tooltip. */
static int chosen_day(UiTest *t)
{
    const char *s = tip(t, HIT_REWIND);
    const char *p = s ? strstr(s, "before day ") : NULL;
    return p ? SDL_atoi(p + strlen("before day ")) : -1;
}

static int count_day_hits(UiTest *t)
{
    int n = 0;
    for (int i = 0; i < t->app->ui.hit_count; i++)
        n += t->app->ui.hits[i].id >= HIT_DAY && t->app->ui.hits[i].id < HIT_DAY + 1000;
    return n;
}

/* Every day's tooltip gives the figures whatif_compute gives for that strategy. */
static void check_days_against_core(UiTest *t, const char *strategy)
{
    const Game *g = app_game(t->app);
    WhatIf *w = g ? whatif_compute(g, strategy_find(strategy)) : NULL;
    CHECK(w != NULL);
    if (!w)
        return;
    CHECK_EQ_INT(count_day_hits(t), whatif_count(w));
    for (int i = 0; i < whatif_count(w); i++) {
        const WhatIfTakeover *k = whatif_takeover(w, i);
        char want[200];
        SDL_snprintf(want, sizeof want, "Day %d (week ", k->day);
        const char *s = tip(t, HIT_DAY + i);
        CHECK(s && strncmp(s, want, strlen(want)) == 0);
        SDL_snprintf(want, sizeof want, "%s from here would have scored %lld (", whatif_strategy_label(strategy),
                     (long long)k->score);
        if (!(s && strstr(s, want)))
            fprintf(stderr, "day %d: wanted \"%s\" in \"%s\"\n", k->day, want, s ? s : "(none)");
        CHECK(s && strstr(s, want));
        SDL_snprintf(want, sizeof want, ", %d won.", k->deals_won);
        CHECK(s && strstr(s, want));
    }
    whatif_free(w);
}

static void ui_whatif_page_should_show_the_core_figures_and_choose_days(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "whatif", TUTORIAL, 1280, 720) == 0);
    if (!t.app)
        return;
    play_to_debrief(&t, "sales1");
    uitest_key(&t, SDLK_4);
    uitest_settle(&t);
    CHECK(tip(&t, HIT_REWIND) != NULL);
    check_days_against_core(&t, "sales2");
    /* the day chosen at first is the day the gap opened */
    const Game *g = app_game(t.app);
    WhatIf *w = g ? whatif_compute(g, strategy_find("sales2")) : NULL;
    int turn = w ? whatif_turn(w)->day : -1;
    CHECK_EQ_INT(chosen_day(&t), turn > 0 ? turn : 1);
    /* on the turning day, S follows to the other strategy's turning day */
    WhatIf *w1 = g ? whatif_compute(g, strategy_find("sales1")) : NULL;
    uitest_key(&t, SDLK_s);
    CHECK_EQ_INT(chosen_day(&t), w1 && whatif_turn(w1)->day ? whatif_turn(w1)->day : 1);
    uitest_key(&t, SDLK_s);
    CHECK_EQ_INT(chosen_day(&t), turn > 0 ? turn : 1);
    whatif_free(w1);
    whatif_free(w);
    /* keys: Home, Right, End, Left */
    uitest_key(&t, SDLK_HOME);
    CHECK_EQ_INT(chosen_day(&t), 1);
    uitest_key(&t, SDLK_RIGHT);
    CHECK_EQ_INT(chosen_day(&t), 2);
    uitest_key(&t, SDLK_LEFT);
    uitest_key(&t, SDLK_LEFT);
    CHECK_EQ_INT(chosen_day(&t), 1);
    uitest_key(&t, SDLK_END);
    CHECK_EQ_INT(chosen_day(&t), scenario_day_count(app_scenario(t.app)));
    /* a click on a day chooses it */
    CHECK_EQ_INT(uitest_click(&t, HIT_DAY + 4), 0);
    CHECK_EQ_INT(chosen_day(&t), 5);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    /* S (or its button) shows Sales 1.0 taking over instead, and back; a chosen day stays */
    uitest_key(&t, SDLK_s);
    check_days_against_core(&t, "sales1");
    CHECK_EQ_INT(chosen_day(&t), 5);
    CHECK_EQ_INT(uitest_click(&t, HIT_WHATIF_OTHER), 0);
    check_days_against_core(&t, "sales2");
    /* Tab still changes pages, 4 comes back */
    uitest_key(&t, SDLK_TAB);
    CHECK(tip(&t, HIT_REWIND) == NULL);
    uitest_key(&t, SDLK_4);
    CHECK(tip(&t, HIT_REWIND) != NULL);
    uitest_finish(&t);
}

static void ui_rewind_should_replay_the_days_before_and_save_the_game_as_practice(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "rewind", TUTORIAL, 1280, 720) == 0);
    if (!t.app)
        return;
    play_to_debrief(&t, "sales1");
    const Session *first = app_session(t.app);
    CHECK(first && first->saved && first->rewound_day == 0);
    /* the first game's facts, kept before it goes */
    Game *before = first ? game_clone(first->game) : NULL;
    CHECK(before != NULL);
    char first_path[1200];
    SDL_strlcpy(first_path, first ? first->results_path : "", sizeof first_path);
    uitest_key(&t, SDLK_4);
    uitest_key(&t, SDLK_HOME);
    uitest_key(&t, SDLK_RIGHT);
    uitest_key(&t, SDLK_RIGHT); /* day 3 */
    CHECK_EQ_INT(chosen_day(&t), 3);
    CHECK_EQ_INT(uitest_click(&t, HIT_REWIND), 0);
    CHECK(strstr(t.app->toast, "Rewound to day 3") != NULL);
    uitest_settle(&t);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    const Session *s = app_session(t.app);
    CHECK(s != NULL && before != NULL);
    if (!s || !before) {
        game_free(before);
        uitest_finish(&t);
        return;
    }
    CHECK_EQ_INT(s->rewound_day, 3);
    CHECK_EQ_INT(game_day(s->game), 3);
    CHECK_EQ_INT(s->seed, game_seed(before));
    CHECK_EQ_INT(s->saved, 0);
    int n = 0;
    while (n < game_action_count(before) && game_action_day(before, n) < 3)
        n++;
    CHECK_EQ_INT(game_action_count(s->game), n);
    for (int i = 0; i < n; i++)
        CHECK(memcmp(game_action(s->game, i), game_action(before, i), sizeof(Action)) == 0);
    /* a day's end saves the game in progress as rewound; resumed, it is still rewound */
    uitest_key(&t, SDLK_e);
    CHECK_EQ_INT(game_day(app_game(t.app)), 4);
    CHECK(platform_is_file(t.app->save_path));
    app_scan_save(t.app);
    CHECK(t.app->resume.valid);
    CHECK_EQ_INT(app_resume_game(t.app), 0);
    CHECK_EQ_INT(app_session(t.app)->rewound_day, 3);
    CHECK_EQ_INT(game_day(app_game(t.app)), 4);
    /* played on to the end: the results file records the day it was rewound to */
    for (int i = 0; i < 20 && strcmp(app_screen_name(t.app), "debrief") != 0; i++)
        uitest_key(&t, SDLK_e);
    uitest_settle(&t);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    s = app_session(t.app);
    CHECK(s && s->saved);
    CHECK(s && strcmp(s->results_path, first_path) != 0);
    char *buf = NULL;
    size_t len = 0;
    if (s && s->saved && (buf = SDL_LoadFile(s->results_path, &len)) != NULL) {
        ActionLog log;
        memset(&log, 0, sizeof log);
        DiagList *d = diag_list_new();
        CHECK_EQ_INT(results_read_header(buf, len, s->results_path, &log, d), 0);
        CHECK_EQ_INT(log.rewound_day, 3);
        CHECK_EQ_STR(log.player, "Test Trainee");
        action_log_free(&log);
        diag_list_free(d);
        SDL_free(buf);
    }
    /* the first game's file is untouched: not rewound */
    if ((buf = SDL_LoadFile(first_path, &len)) != NULL) {
        CHECK(strstr(buf, "\"rewound\"") == NULL);
        SDL_free(buf);
    }
    /* the debrief's tabs of a rewound game work as any other's; a new game is not rewound */
    uitest_key(&t, SDLK_RETURN); /* Play again: the briefing */
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    CHECK_EQ_INT(app_session(t.app)->rewound_day, 0);
    game_free(before);
    uitest_finish(&t);
}

/* A game the strategy played whole (--from-week past the last week), rewound: the days
 * before stay the strategy's (the weeks they touch), the rest is the trainee's. */
static void ui_rewind_of_a_strategys_game_should_be_assisted_up_to_the_day(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "rewind-strategy", TUTORIAL, 1280, 720) == 0);
    if (!t.app)
        return;
    t.app->opts.from_week = 99;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    uitest_settle(&t);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    CHECK_EQ_INT(app_session(t.app)->played_by, PLAYED_BY_STRATEGY);
    int dpw = scenario_calendar(app_scenario(t.app))->days_per_week;
    uitest_key(&t, SDLK_4);
    uitest_key(&t, SDLK_HOME);
    for (int i = 0; i < dpw + 1; i++) /* the second day of week 2 */
        uitest_key(&t, SDLK_RIGHT);
    CHECK_EQ_INT(chosen_day(&t), dpw + 2);
    uitest_key(&t, SDLK_r);
    uitest_settle(&t);
    const Session *s = app_session(t.app);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    CHECK(s && s->played_by == PLAYED_BY_ASSISTED && s->strategy_weeks == 2 && strcmp(s->strategy, "sales2") == 0);
    CHECK(s && s->rewound_day == dpw + 2);
    uitest_finish(&t);
    /* rewound to day 1: nothing of the strategy's is left */
    CHECK(uitest_start(&t, "rewind-strategy-1", TUTORIAL, 1280, 720) == 0);
    if (!t.app)
        return;
    t.app->opts.from_week = 99;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_4);
    uitest_key(&t, SDLK_HOME);
    uitest_key(&t, SDLK_r);
    s = app_session(t.app);
    CHECK(s && s->played_by == PLAYED_BY_PERSON && s->rewound_day == 1 && game_day(s->game) == 1);
    uitest_finish(&t);
}

/* The longest calendar (26 weeks of 7 days): the chart's days are clickable in groups and
 * the screen's own buttons still are. */
static void ui_whatif_of_a_182_day_game_should_keep_every_button(void)
{
    size_t len = 0;
    char *text = SDL_LoadFile(UPFRONT_SOURCE_DIR "/tests/ui/short.json", &len);
    const char *from = "\"weeks\": 2, \"days_per_week\": 2";
    char *at = text ? strstr(text, from) : NULL;
    CHECK(at != NULL);
    if (!at) {
        SDL_free(text);
        return;
    }
    char path[1200];
    SDL_snprintf(path, sizeof path, "%s/ui-whatif-182-days.json", UI_TEST_BUILD_DIR);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(text, 1, (size_t)(at - text), f);
        fputs("\"weeks\": 26, \"days_per_week\": 7", f);
        fputs(at + strlen(from), f);
        CHECK(fclose(f) == 0);
    }
    SDL_free(text);
    UiTest t;
    CHECK(uitest_start(&t, "whatif-182", path, 1280, 720) == 0);
    if (!t.app)
        return;
    CHECK_EQ_INT(scenario_day_count(app_scenario(t.app)), 182);
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    Session *s = t.app->session;
    Action end = {ACTION_END_DAY, -1, 0};
    while (s && game_day(s->game) < 182)
        CHECK_EQ_INT(session_apply(s, &end), ACTION_OK);
    uitest_key(&t, SDLK_e);
    uitest_settle(&t);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    uitest_key(&t, SDLK_4);
    int days = count_day_hits(&t);
    CHECK(days >= 60 && days <= 100);
    CHECK(tip(&t, 10) != NULL); /* Play again */
    CHECK(tip(&t, HIT_REWIND) != NULL);
    CHECK_EQ_INT(uitest_click(&t, HIT_DAY + 2), 0); /* the group of days 3 and 4 */
    CHECK_EQ_INT(chosen_day(&t), 3);
    uitest_key(&t, SDLK_END);
    CHECK_EQ_INT(chosen_day(&t), 182);
    uitest_finish(&t);
    remove(path);
}

static void personal_bests_should_say_whether_they_were_rewound(void)
{
    Settings s;
    settings_default(&s);
    CHECK_EQ_INT(settings_record_best(&s, "tutorial", 300), 1);
    CHECK_EQ_INT(settings_best_rewound(&s, "tutorial"), 0);
    CHECK_EQ_INT(settings_record_best_rewound(&s, "tutorial", 250, 4), 0); /* not better: kept */
    CHECK_EQ_INT(settings_best_rewound(&s, "tutorial"), 0);
    CHECK_EQ_INT(settings_record_best_rewound(&s, "tutorial", 500, 4), 1);
    CHECK_EQ_INT(settings_best(&s, "tutorial"), 500);
    CHECK_EQ_INT(settings_best_rewound(&s, "tutorial"), 4);
    CHECK_EQ_INT(settings_record_best_rewound(&s, "turnaround", 100, 0), 1);
    char path[1200];
    SDL_snprintf(path, sizeof path, "%s/ui-whatif-settings.json", UI_TEST_BUILD_DIR);
    CHECK_EQ_INT(settings_save(&s, path), 0);
    Settings r;
    CHECK_EQ_INT(settings_load(&r, path), 0);
    CHECK_EQ_INT(settings_best(&r, "tutorial"), 500);
    CHECK_EQ_INT(settings_best_rewound(&r, "tutorial"), 4);
    CHECK_EQ_INT(settings_best(&r, "turnaround"), 100);
    CHECK_EQ_INT(settings_best_rewound(&r, "turnaround"), 0);
    /* a best played from day 1 replaces a rewound one and says so */
    CHECK_EQ_INT(settings_record_best_rewound(&r, "tutorial", 600, 0), 1);
    CHECK_EQ_INT(settings_best_rewound(&r, "tutorial"), 0);
    remove(path);
}

static void ui_whatif_page_should_match_its_golden_image(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "whatif-golden", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    play_to_debrief(&t, "sales1");
    uitest_key(&t, SDLK_4);
    uitest_settle(&t);
    CHECK(uitest_golden(&t, "debrief-whatif") == 0);
    uitest_finish(&t);
}

int main(void)
{
    RUN(ui_whatif_page_should_show_the_core_figures_and_choose_days);
    RUN(ui_rewind_should_replay_the_days_before_and_save_the_game_as_practice);
    RUN(ui_rewind_of_a_strategys_game_should_be_assisted_up_to_the_day);
    RUN(ui_whatif_of_a_182_day_game_should_keep_every_button);
    RUN(personal_bests_should_say_whether_they_were_rewound);
    RUN(ui_whatif_page_should_match_its_golden_image);
    return check_done();
}
