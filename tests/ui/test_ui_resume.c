/* Headless UI test of save and resume: the game in progress is saved at each day's end,
 * and a game resumed from the title screen ends with the same results as one played
 * without a break. */
#include "uitest.h"

#include "platform.h"
#include "upfront/file.h"
#include "upfront/score.h"

/* One day of play with the mouse (stateless, so it does the same whatever the screen's
 * selection): a few actions on each prospect, then End day. */
static void play_day(UiTest *t)
{
    for (int p = 0; p < 3; p++) {
        uitest_click(t, PLAY_HIT_PROSPECT + p);
        uitest_click(t, PLAY_HIT_ACTION + 0);
        uitest_click(t, PLAY_HIT_ACTION + 4);
        uitest_click(t, PLAY_HIT_ACTION + 7);
    }
    uitest_click(t, PLAY_HIT_END_DAY);
}

typedef struct Outcome {
    uint64_t hash;
    long long total;
    int actions;
    char *json; /* the results file without its "started" line, freed by the caller */
} Outcome;

static char *results_without_start(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (file_read_all(path, 1u << 24, &buf, &len) != FILE_OK)
        return NULL;
    char *s = strstr(buf, "\"started\"");
    if (s) {
        char *e = strchr(s, '\n');
        if (e)
            memmove(s, e + 1, strlen(e + 1) + 1);
    }
    return buf;
}

static void finish(UiTest *t, Outcome *o)
{
    for (int i = 0; i < 10 && strcmp(app_screen_name(t->app), "play") == 0; i++) {
        uitest_settle(t);
        play_day(t);
    }
    CHECK_EQ_STR(app_screen_name(t->app), "debrief");
    const Session *s = app_session(t->app);
    CHECK(s != NULL && game_over(s->game) && s->saved);
    if (!s)
        return;
    ScoreCard sc;
    score_compute(s->game, &sc);
    o->hash = game_state_hash(s->game);
    o->total = (long long)sc.total;
    o->actions = game_action_count(s->game);
    o->json = results_without_start(s->results_path);
}

static void ui_resumed_game_should_end_like_an_uninterrupted_one(void)
{
    Outcome whole = {0, 0, 0, NULL}, resumed = {0, 0, 0, NULL};
    UiTest t;
    /* without a break */
    CHECK(uitest_start(&t, "resume-whole", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    finish(&t, &whole);
    CHECK(!platform_is_file(t.app->save_path)); /* a finished game leaves no save */
    uitest_finish(&t);

    /* with a break after day 2: the save written at that day's end is all that survives */
    CHECK(uitest_start(&t, "resume-break", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    char save[1100], kept[1200];
    SDL_strlcpy(save, t.app->save_path, sizeof save);
    SDL_snprintf(kept, sizeof kept, "%s.day2", save);
    CHECK(save[0] != '\0');
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    for (int d = 0; d < 2; d++) {
        uitest_settle(&t);
        play_day(&t);
        /* saved at each day's end, with every action so far */
        char *buf = NULL;
        size_t len = 0;
        CHECK(file_read_all(save, 1u << 24, &buf, &len) == FILE_OK);
        int n = 0;
        for (const char *p = buf; p && (p = strstr(p, "\"act\"")) != NULL; p++)
            n++;
        CHECK_EQ_INT(n, game_action_count(app_game(t.app)));
        free(buf);
    }
    CHECK_EQ_INT(game_day(app_game(t.app)), 3);
    CHECK(rename(save, kept) == 0);
    /* part of day 3, then the laptop dies: nothing after the day's end is kept */
    uitest_settle(&t);
    uitest_click(&t, PLAY_HIT_PROSPECT + 1);
    uitest_click(&t, PLAY_HIT_ACTION + 0);
    uitest_finish(&t);
    CHECK(rename(kept, save) == 0);

    CHECK(uitest_start(&t, "resume-break", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    CHECK(t.app->resume.valid);
    CHECK_EQ_INT(t.app->resume.day, 3);
    uitest_key(&t, SDLK_r);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    const Game *g = app_game(t.app);
    CHECK(g != NULL && game_day(g) == 3);
    finish(&t, &resumed);
    uitest_finish(&t);

    CHECK(whole.hash == resumed.hash);
    CHECK(whole.total == resumed.total);
    CHECK_EQ_INT(whole.actions, resumed.actions);
    CHECK(whole.json && resumed.json && strcmp(whole.json, resumed.json) == 0);
    free(whole.json);
    free(resumed.json);
}

static void ui_resume_should_refuse_a_damaged_save(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "resume-bad", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    FILE *f = fopen(t.app->save_path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("{\"format\": 1, \"actions\": [", f);
        CHECK(fclose(f) == 0);
    }
    app_scan_save(t.app);
    CHECK(!t.app->resume.valid);
    uitest_key(&t, SDLK_r); /* no Resume item: nothing happens */
    CHECK_EQ_STR(app_screen_name(t.app), "title");
    CHECK_EQ_INT(app_resume_game(t.app), -1);
    CHECK(app_game(t.app) == NULL);
    remove(t.app->save_path);
    uitest_finish(&t);
}

int main(void)
{
    RUN(ui_resumed_game_should_end_like_an_uninterrupted_one);
    RUN(ui_resume_should_refuse_a_damaged_save);
    return check_done();
}
