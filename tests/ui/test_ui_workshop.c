/* Headless UI tests of the workshop and authoring options: class codes, joining a class
 * from the title screen, the round time limit and starting from a later week. */
#include "uitest.h"

#include "upfront/classcode.h"
#include "platform.h"
#include "upfront/strategy.h"

static void classcode_should_round_trip_and_catch_typos(void)
{
    char code[16];
    CHECK_EQ_INT(classcode_make("short-test", 42, code, sizeof code), 0);
    CHECK_EQ_INT((int)strlen(code), 9);
    CHECK(code[4] == '-');
    ClassCode cc;
    CHECK_EQ_INT(classcode_parse(code, &cc), CLASSCODE_COMPACT);
    CHECK_EQ_INT((int)cc.tag, (int)classcode_tag("short-test"));
    CHECK_EQ_INT((int)cc.seed, 42);
    /* lower case, spaces, no hyphen, and O/I/L read as 0/1/1 */
    char loose[32];
    SDL_snprintf(loose, sizeof loose, " %c%c%c%c %c%c%c%c ", code[0], code[1], code[2], code[3], code[5], code[6],
                 code[7], code[8]);
    for (char *p = loose; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    CHECK_EQ_INT(classcode_parse(loose, &cc), CLASSCODE_COMPACT);
    CHECK_EQ_INT((int)cc.seed, 42);
    /* the code a class is given: compact when the seed fits, else the long form */
    char given[80];
    classcode_write("short-test", 42, given, sizeof given);
    CHECK_EQ_STR(given, code);
    classcode_write("short-test", 123456789012ull, given, sizeof given);
    CHECK_EQ_STR(given, "short-test:123456789012");
    CHECK_EQ_INT(classcode_parse(given, &cc), CLASSCODE_LONG);
    CHECK(cc.seed == 123456789012ull);
    /* a changed character is caught by the check */
    int caught = 0;
    for (int i = 0; i < 9; i++) {
        if (i == 4)
            continue;
        char typo[16];
        SDL_strlcpy(typo, code, sizeof typo);
        typo[i] = typo[i] == 'X' ? 'Y' : 'X';
        caught += classcode_parse(typo, &cc) == CLASSCODE_INVALID;
    }
    CHECK(caught >= 7);
    /* the biggest seed a code holds, and one over */
    CHECK_EQ_INT(classcode_make("short-test", CLASSCODE_MAX_SEED, code, sizeof code), 0);
    CHECK_EQ_INT(classcode_parse(code, &cc), CLASSCODE_COMPACT);
    CHECK(cc.seed == CLASSCODE_MAX_SEED);
    CHECK_EQ_INT(classcode_make("short-test", (uint64_t)CLASSCODE_MAX_SEED + 1, code, sizeof code), -1);
    /* the long form: scenario id and seed */
    CHECK_EQ_INT(classcode_parse("midmarket-quarter:42", &cc), CLASSCODE_LONG);
    CHECK_EQ_STR(cc.id, "midmarket-quarter");
    CHECK_EQ_INT((int)cc.seed, 42);
    CHECK_EQ_INT(classcode_parse("tutorial-7", &cc), CLASSCODE_LONG);
    CHECK_EQ_STR(cc.id, "tutorial");
    CHECK_EQ_INT(classcode_parse("tutorial 99999999999999999999999", &cc), CLASSCODE_INVALID);
    CHECK_EQ_INT(classcode_parse("", &cc), CLASSCODE_INVALID);
    CHECK_EQ_INT(classcode_parse("ABC", &cc), CLASSCODE_INVALID);
    /* the shipped scenarios all have different tags */
    const char *ids[] = {"tutorial", "midmarket-quarter", "enterprise-quarter", "transactional-territory",
                         "turnaround"};
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++)
            CHECK(classcode_tag(ids[i]) != classcode_tag(ids[j]));
}

static void ui_class_screen_should_set_the_player_scenario_and_seed(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "class", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    t.app->player[0] = '\0';
    const Scenario *sc = app_scenario(t.app);
    CHECK(sc != NULL);
    char code[16];
    CHECK_EQ_INT(classcode_make(scenario_id(sc), 777, code, sizeof code), 0);
    uitest_key(&t, SDLK_j);
    CHECK_EQ_STR(app_screen_name(t.app), "class");
    /* joining without a name is refused and says why */
    uitest_key(&t, SDLK_TAB);
    uitest_text(&t, code);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "class");
    /* the name, with a character typed by mistake and erased */
    uitest_click(&t, 1);
    uitest_text(&t, "Ana Mar\xC3\xAD" "a");
    uitest_text(&t, "x");
    uitest_key(&t, SDLK_BACKSPACE);
    uitest_key(&t, SDLK_RETURN); /* on to the code */
    uitest_key(&t, SDLK_RETURN); /* join */
    CHECK_EQ_STR(app_screen_name(t.app), "briefing");
    CHECK_EQ_STR(t.app->player, "Ana Mar\xC3\xAD" "a");
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    const Game *g = app_game(t.app);
    CHECK(g != NULL && game_seed(g) == 777);
    CHECK(app_session(t.app) && strcmp(app_session(t.app)->player, "Ana Mar\xC3\xAD" "a") == 0);
    /* a wrong code is refused on the class screen */
    uitest_key(&t, SDLK_ESCAPE);
    uitest_key(&t, SDLK_t); /* abandon */
    CHECK_EQ_STR(app_screen_name(t.app), "title");
    uitest_key(&t, SDLK_j);
    uitest_key(&t, SDLK_TAB);
    uitest_text(&t, "ZZZZ-ZZZZ");
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "class");
    uitest_key(&t, SDLK_ESCAPE);
    CHECK_EQ_STR(app_screen_name(t.app), "title");
    uitest_finish(&t);
}

static void ui_time_limit_should_end_the_round_and_save_the_results(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "timelimit", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    t.app->opts.time_limit_min = 1;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    CHECK_EQ_INT(app_round_seconds_left(t.app), 60);
    uitest_key(&t, SDLK_1);
    uitest_tick(&t, 30000);
    CHECK_EQ_INT(app_round_seconds_left(t.app), 30);
    CHECK(uitest_tick(&t, 1000) == 1); /* the countdown redraws each second */
    /* the pause menu does not stop the clock */
    uitest_key(&t, SDLK_ESCAPE);
    for (int i = 0; i < 40 && strcmp(app_screen_name(t.app), "debrief") != 0; i++)
        uitest_tick(&t, 1000);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    const Session *s = app_session(t.app);
    CHECK(s && game_over(s->game) && s->saved && platform_is_file(s->results_path));
    CHECK(s && game_action_count(s->game) >= 2);
    CHECK(strstr(t.app->toast, "Time is up") != NULL);
    SDL_Surface *shot = app_screenshot(t.app); /* for a person to look at */
    if (shot) {
        char out[1200];
        SDL_snprintf(out, sizeof out, "%s/ui-time-up.bmp", UI_TEST_BUILD_DIR);
        SDL_SaveBMP(shot, out);
        SDL_FreeSurface(shot);
    }
    CHECK_EQ_INT(app_round_seconds_left(t.app), -1);
    uitest_finish(&t);
}

static void ui_from_week_should_autoplay_the_weeks_before(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "fromweek", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    t.app->opts.from_week = 2;
    t.app->opts.autoplay = "sales1";
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    const Game *g = app_game(t.app);
    CHECK(g != NULL);
    if (g) {
        CHECK_EQ_INT(game_week(g), 2);
        int dpw = scenario_calendar(game_scenario(g))->days_per_week;
        CHECK_EQ_INT(game_day(g), dpw + 1);
        CHECK(game_action_count(g) > dpw);
        /* the same actions the strategy plays on its own */
        Game *ref = game_new(game_scenario(g), game_seed(g));
        CHECK(ref != NULL && strategy_play(strategy_find("sales1"), ref, game_seed(g)) == 0);
        if (ref) {
            CHECK(game_action_count(ref) >= game_action_count(g));
            for (int i = 0; i < game_action_count(g) && i < game_action_count(ref); i++)
                CHECK(memcmp(game_action(g, i), game_action(ref, i), sizeof(Action)) == 0);
        }
        game_free(ref);
        CHECK(strstr(t.app->toast, "sales1") != NULL);
    }
    uitest_finish(&t);
}

/* Removes the *.json files of a folder (what the test wrote there). */
static void clear_folder(const char *dir)
{
    PathList l;
    if (platform_list_json(dir, &l) != 0)
        return;
    for (int i = 0; i < l.count; i++)
        remove(l.paths[i]);
    platform_list_free(&l);
}

static void shoot(UiTest *t, const char *name)
{
    SDL_Surface *shot = app_screenshot(t->app); /* for a person to look at */
    if (shot) {
        char out[1200];
        SDL_snprintf(out, sizeof out, "%s/%s.bmp", UI_TEST_BUILD_DIR, name);
        SDL_SaveBMP(shot, out);
        SDL_FreeSurface(shot);
    }
}

/* A results folder that cannot be made: the finished game stays saved, the debrief says
 * so and offers to try again; once the folder can be made, the retry writes the file, the
 * save goes, and the debrief offers to open the folder or copy the path. */
static void ui_debrief_should_keep_the_game_until_the_results_are_saved(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "retry", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    char blocker[1100], inner[1200];
    SDL_snprintf(blocker, sizeof blocker, "%s/ui-retry-blocker", UI_TEST_BUILD_DIR);
    SDL_snprintf(inner, sizeof inner, "%s/results", blocker);
    clear_folder(inner); /* a folder the last run made where the blocker goes */
    remove(inner);
    remove(blocker);
    FILE *f = fopen(blocker, "w"); /* a file where a folder of the path should be */
    if (f)
        fclose(f);
    SDL_snprintf(t.app->results_dir, sizeof t.app->results_dir, "%s/results", blocker);
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    Session *s = t.app->session;
    Action end = {ACTION_END_DAY, -1, 0};
    while (s && !game_over(s->game)) {
        session_apply(s, &end);
        app_checkpoint(t.app);
    }
    CHECK(platform_is_file(t.app->save_path));
    app_reset(t.app, debrief_screen_new());
    uitest_settle(&t);
    CHECK(s && !s->saved && s->save_error[0]);
    CHECK(platform_is_file(t.app->save_path)); /* the game is not lost */
    shoot(&t, "ui-debrief-not-saved");
    remove(blocker);
    CHECK(uitest_click(&t, 62) == 0); /* Try saving again */
    CHECK(s && s->saved && platform_is_file(s->results_path));
    CHECK(!platform_is_file(t.app->save_path));
    CHECK(s && strstr(s->results_path, "-Test_Trainee-seed3") != NULL);
    uitest_settle(&t);
    shoot(&t, "ui-debrief-saved");
    CHECK(uitest_click(&t, 61) == 0); /* Copy path */
    char *clip = SDL_GetClipboardText();
    CHECK(clip && s && (strcmp(clip, s->results_path) == 0 || clip[0] == '\0'));
    SDL_free(clip);
    uitest_finish(&t);
    clear_folder(inner);
    remove(inner);
    remove(blocker);
}

int main(void)
{
    RUN(classcode_should_round_trip_and_catch_typos);
    RUN(ui_class_screen_should_set_the_player_scenario_and_seed);
    RUN(ui_time_limit_should_end_the_round_and_save_the_results);
    RUN(ui_debrief_should_keep_the_game_until_the_results_are_saved);
    RUN(ui_from_week_should_autoplay_the_weeks_before);
    return check_done();
}
