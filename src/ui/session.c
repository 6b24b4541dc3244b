/* session — the game in the window, its results file and its comparison games. */
#include "session.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "upfront/file.h"
#include "upfront/results.h"
#include "upfront/strategy.h"
#include "upfront/whatif.h"

Session *session_new(const Scenario *sc, const char *path, uint64_t seed, const char *player)
{
    Session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->scenario = sc;
    SDL_utf8strlcpy(s->scenario_path, path ? path : "", sizeof s->scenario_path);
    s->seed = seed;
    SDL_utf8strlcpy(s->player, player ? player : "", sizeof s->player);
    s->started = (int64_t)time(NULL);
    s->game = game_new(sc, seed);
    if (!s->game) {
        free(s);
        return NULL;
    }
    return s;
}

Session *session_adopt(const Scenario *sc, const char *path, Game *g, const char *player, int64_t started)
{
    Session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->scenario = sc;
    SDL_utf8strlcpy(s->scenario_path, path ? path : "", sizeof s->scenario_path);
    s->seed = game_seed(g);
    SDL_utf8strlcpy(s->player, player ? player : "", sizeof s->player);
    s->started = started;
    s->game = g;
    return s;
}

Session *session_rewind(const Session *from, int day)
{
    Game *g = whatif_rewind(from->game, day);
    Session *s = g ? session_adopt(from->scenario, from->scenario_path, g, from->player, (int64_t)time(NULL)) : NULL;
    if (!s) {
        game_free(g);
        return NULL;
    }
    /* who played: a strategy's days before the rewind stay its own (the weeks they touch);
     * from the rewind on the game is the trainee's */
    s->played_by = from->played_by;
    SDL_utf8strlcpy(s->strategy, from->strategy, sizeof s->strategy);
    s->strategy_weeks = from->strategy_weeks;
    if (from->played_by != PLAYED_BY_PERSON) {
        int dpw = scenario_calendar(from->scenario)->days_per_week;
        int weeks = dpw > 0 ? (day - 1 + dpw - 1) / dpw : 0; /* weeks with a strategy's day in them */
        if (from->played_by == PLAYED_BY_ASSISTED && from->strategy_weeks < weeks)
            weeks = from->strategy_weeks;
        s->played_by = weeks > 0 ? PLAYED_BY_ASSISTED : PLAYED_BY_PERSON;
        s->strategy_weeks = weeks;
        if (!weeks)
            s->strategy[0] = '\0';
    }
    s->rewound_day = day;
    return s;
}

void session_free(Session *s)
{
    if (!s)
        return;
    game_free(s->game);
    free(s);
}

ActionError session_apply(Session *s, const Action *a)
{
    return game_apply(s->game, a);
}

ResultsMeta session_meta(const Session *s)
{
    ResultsMeta m = {.player = s->player[0] ? s->player : NULL,
                     .scenario_path = s->scenario_path[0] ? s->scenario_path : NULL,
                     .started = s->started,
                     .played_by = s->played_by,
                     .strategy = s->strategy[0] ? s->strategy : NULL,
                     .strategy_weeks = s->strategy_weeks,
                     .rewound_day = s->rewound_day};
    return m;
}

int session_save(Session *s, const char *dir)
{
    if (s->saved)
        return 0;
    SDL_utf8strlcpy(s->results_dir, dir ? dir : "", sizeof s->results_dir);
    ResultsMeta meta = session_meta(s);
    char *json = results_to_json(s->game, &meta);
    if (!json) {
        SDL_utf8strlcpy(s->save_error, "out of memory while writing the results", sizeof s->save_error);
        return -1;
    }
    char stem[200];
    results_file_stem(stem, sizeof stem, scenario_id(s->scenario), s->started, s->player, s->seed);
    errno = 0;
    FileStatus st = file_make_folders(dir);
    if (st == FILE_OK)
        st = file_write_new(dir, stem, ".json", json, strlen(json), s->results_path, sizeof s->results_path);
    int saved_errno = errno;
    free(json);
    if (st != FILE_OK) {
        SDL_snprintf(s->save_error, sizeof s->save_error, "Could not save the results in %s: %s", dir,
                     file_status_message(st, saved_errno));
        return -1;
    }
    s->saved = 1;
    s->save_error[0] = '\0';
    return 0;
}

void session_compare(Session *s)
{
    if (s->compared)
        return;
    static const char *const names[2] = {"sales1", "sales2"};
    for (int i = 0; i < 2; i++) {
        const Strategy *st = strategy_find(names[i]);
        Game *g = st ? game_new(s->scenario, s->seed) : NULL;
        s->strategy_ok[i] = g && strategy_play(st, g, s->seed) == 0;
        if (g)
            score_compute(g, &s->strategy_score[i]);
        game_free(g);
    }
    s->compared = 1;
}
