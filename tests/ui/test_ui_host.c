/* Headless UI tests of what a host adds (UiHost: the browser's download and file picker,
 * none natively), of a scenario file dropped on the window (SDL_DROPFILE, as the
 * browser's file picker hands one over) and of --from-week past the last week. */
#include "uitest.h"

#include "upfront/strategy.h"

typedef struct FakeHost {
    int downloads, opens;
    char last[1200];
} FakeHost;

static int fake_download(void *ctx, const char *path)
{
    FakeHost *h = ctx;
    h->downloads++;
    SDL_strlcpy(h->last, path, sizeof h->last);
    return 0;
}

static int fake_open(void *ctx)
{
    FakeHost *h = ctx;
    h->opens++;
    return 0;
}

static void drop(UiTest *t, const char *path)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_DROPFILE;
    ev.drop.file = SDL_strdup(path); /* the App frees it, as SDL's receiver must */
    app_handle_event(t->app, &ev);
    uitest_tick(t, 20);
}

static void ui_from_week_past_the_last_should_let_the_strategy_play_the_whole_game(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "host-whole", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    t.app->opts.from_week = 99;
    t.app->opts.autoplay = "sales2";
    uitest_key(&t, SDLK_RETURN); /* the briefing */
    uitest_key(&t, SDLK_RETURN); /* start: the whole game is played, its debrief opens */
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    const Game *g = app_game(t.app);
    CHECK(g != NULL && game_over(g));
    if (g) {
        Game *ref = game_new(game_scenario(g), game_seed(g));
        CHECK(ref != NULL && strategy_play(strategy_find("sales2"), ref, game_seed(g)) == 0);
        if (ref) {
            CHECK_EQ_INT(game_action_count(g), game_action_count(ref));
            CHECK(game_state_hash(g) == game_state_hash(ref));
        }
        game_free(ref);
        CHECK(strstr(t.app->toast, "played the whole game") != NULL);
        CHECK(app_session(t.app)->saved);
        /* the strategy's game, not the trainee's: no personal best */
        CHECK_EQ_INT(t.app->new_best, 0);
        CHECK(settings_best(&t.app->settings, scenario_id(game_scenario(g))) <= 0);
    }
    uitest_finish(&t);
}

static void ui_host_buttons_should_appear_only_with_a_host(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "host-buttons", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    t.app->opts.from_week = 99;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    uitest_settle(&t);
    /* natively: no Download results; D does nothing */
    CHECK_EQ_INT(uitest_click(&t, 12 /* HIT_DOWNLOAD */), -1);
    uitest_key(&t, SDLK_d);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    /* with a host: the button, and D hands over the results file */
    FakeHost fh;
    memset(&fh, 0, sizeof fh);
    UiHost host = {.ctx = &fh, .download = fake_download, .open_file = fake_open};
    t.app->opts.host = &host;
    app_redraw(t.app);
    uitest_tick(&t, 20);
    CHECK_EQ_INT(uitest_click(&t, 12), 0);
    CHECK_EQ_INT(fh.downloads, 1);
    uitest_key(&t, SDLK_d);
    CHECK_EQ_INT(fh.downloads, 2);
    CHECK_EQ_STR(fh.last, app_session(t.app)->results_path);
    /* the picker's Open a scenario file, only with a host */
    uitest_key(&t, SDLK_ESCAPE);
    CHECK_EQ_STR(app_screen_name(t.app), "title");
    uitest_key(&t, SDLK_c);
    CHECK_EQ_STR(app_screen_name(t.app), "picker");
    uitest_key(&t, SDLK_o);
    CHECK_EQ_INT(fh.opens, 1);
    CHECK_EQ_INT(uitest_click(&t, 1 /* HIT_OPEN */), 0);
    CHECK_EQ_INT(fh.opens, 2);
    t.app->opts.host = NULL;
    app_redraw(t.app);
    uitest_tick(&t, 20);
    CHECK_EQ_INT(uitest_click(&t, 1), -1);
    uitest_key(&t, SDLK_o);
    CHECK_EQ_INT(fh.opens, 2);
    uitest_finish(&t);
}

static void ui_dropped_scenario_should_open_its_briefing_or_say_what_is_wrong(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "host-drop", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    char bad[1200];
    SDL_snprintf(bad, sizeof bad, "%s/ui-host-broken.json", UI_TEST_BUILD_DIR);
    FILE *f = fopen(bad, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("{\"id\": \"broken\",", f);
        CHECK_EQ_INT(fclose(f), 0);
    }
    drop(&t, bad);
    CHECK_EQ_STR(app_screen_name(t.app), "title");
    CHECK(t.app->toast[0] != '\0');
    remove(bad);

    char good[1200];
    SDL_snprintf(good, sizeof good, "%s/tests/ui/territory.json", UPFRONT_SOURCE_DIR);
    drop(&t, good);
    CHECK_EQ_STR(app_screen_name(t.app), "briefing");
    const Scenario *sc = app_scenario(t.app);
    CHECK(sc != NULL && scenario_prospect_count(sc) == 42);
    /* mid-game a drop only chooses the next game's scenario */
    char shortp[1200];
    SDL_snprintf(shortp, sizeof shortp, "%s/tests/ui/short.json", UPFRONT_SOURCE_DIR);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    drop(&t, shortp);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    CHECK(strstr(t.app->toast, "next game") != NULL);
    CHECK(app_game(t.app) && scenario_prospect_count(game_scenario(app_game(t.app))) == 42);
    uitest_finish(&t);
}

int main(void)
{
    RUN(ui_from_week_past_the_last_should_let_the_strategy_play_the_whole_game);
    RUN(ui_host_buttons_should_appear_only_with_a_host);
    RUN(ui_dropped_scenario_should_open_its_briefing_or_say_what_is_wrong);
    return check_done();
}
