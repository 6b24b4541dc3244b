/* Headless UI tests: keyboard and mouse play from the title to the debrief on the short
 * scenario, asserting on the screens and the game state reached. */
#include "uitest.h"

#include "platform.h"

static void ui_keyboard_should_play_title_to_debrief(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "flow", "short.json", 1024, 640) == 0);
    if (!t.app)
        return;
    CHECK_EQ_STR(app_screen_name(t.app), "title");
    CHECK(app_game(t.app) == NULL);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "briefing");
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    const Game *g = app_game(t.app);
    CHECK(g != NULL);
    if (!g) {
        uitest_finish(&t);
        return;
    }
    CHECK_EQ_INT(game_seed(g), 3);

    /* 1 takes the first action of the highlighted stage: research the company */
    uitest_key(&t, SDLK_1);
    CHECK_EQ_INT(game_action_count(g), 1);
    CHECK((game_prospect(g, 0)->researched & 1u) != 0);
    /* Tab moves the highlight, Enter takes it: research the person */
    uitest_key(&t, SDLK_TAB);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_INT(game_action_count(g), 2);
    CHECK((game_prospect(g, 0)->researched & 2u) != 0);
    /* Down selects the next prospect; the same key now acts on it */
    uitest_key(&t, SDLK_DOWN);
    uitest_key(&t, SDLK_1);
    CHECK_EQ_INT(game_action_count(g), 3);
    CHECK_EQ_INT(game_action(g, 2)->prospect, 1);
    /* a refused action changes nothing: closing tricks on a cold prospect */
    uitest_key(&t, SDLK_DOWN);
    uitest_key(&t, SDLK_LEFT); /* Prepare -> Close */
    uitest_key(&t, SDLK_2);
    CHECK_EQ_INT(game_action_count(g), 3);

    /* Esc pauses and resumes; H shows the help and Esc leaves it */
    uitest_key(&t, SDLK_ESCAPE);
    CHECK_EQ_STR(app_screen_name(t.app), "pause");
    uitest_key(&t, SDLK_ESCAPE);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    uitest_key(&t, SDLK_h);
    CHECK_EQ_STR(app_screen_name(t.app), "help");
    uitest_key(&t, SDLK_ESCAPE);
    CHECK_EQ_STR(app_screen_name(t.app), "play");

    /* E ends each day until the period is over and the debrief opens */
    int days = scenario_day_count(game_scenario(g));
    for (int i = 0; i < days + 2 && strcmp(app_screen_name(t.app), "play") == 0; i++)
        uitest_key(&t, SDLK_e);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    const Session *s = app_session(t.app);
    CHECK(s != NULL);
    if (s) {
        CHECK(game_over(s->game));
        CHECK(s->saved);
        CHECK(platform_is_file(s->results_path));
        CHECK(strstr(s->results_path, t.results_dir) == s->results_path);
        CHECK(s->compared);
    }
    /* the debrief's pages, then Esc back to the title with the game closed */
    uitest_key(&t, SDLK_TAB);
    uitest_key(&t, SDLK_TAB);
    uitest_key(&t, SDLK_ESCAPE);
    CHECK_EQ_STR(app_screen_name(t.app), "title");
    CHECK(app_game(t.app) == NULL);
    uitest_finish(&t);
}

static void ui_mouse_should_select_prospects_and_take_actions(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "mouse", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    uitest_settle(&t);
    const Game *g = app_game(t.app);
    CHECK(g != NULL);
    if (!g) {
        uitest_finish(&t);
        return;
    }
    /* a click selects the third prospect, and its first action is research */
    CHECK(uitest_click(&t, PLAY_HIT_PROSPECT + 2) == 0);
    CHECK(uitest_click(&t, PLAY_HIT_ACTION + 0) == 0);
    CHECK_EQ_INT(game_action_count(g), 1);
    if (game_action_count(g) == 1) {
        CHECK_EQ_INT(game_action(g, 0)->prospect, 2);
        CHECK_EQ_INT(game_action(g, 0)->kind, ACTION_RESEARCH);
    }
    /* hovering an action shows its cost and likely effect before acting */
    CHECK_EQ_INT(t.app->ui.hover_id, PLAY_HIT_ACTION + 0);
    uitest_tick(&t, 20);
    const char *tip = widget_tip(&t.app->ui, PLAY_HIT_ACTION + 1);
    CHECK(tip != NULL && strstr(tip, "costs") != NULL && strstr(tip, "energy") != NULL);
    /* the End day button moves to day 2 */
    CHECK(uitest_click(&t, PLAY_HIT_END_DAY) == 0);
    CHECK_EQ_INT(game_day(g), 2);
    uitest_finish(&t);
}

int main(void)
{
    RUN(ui_keyboard_should_play_title_to_debrief);
    RUN(ui_mouse_should_select_prospects_and_take_actions);
    return check_done();
}
