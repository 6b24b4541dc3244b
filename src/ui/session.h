/* session — the game being played in the window: its Game, seed and player, the saved
 * results file and the strategies' games on the same seed for the debrief. A Session
 * borrows its Scenario (which must outlive it) and owns its Game; session_free frees it. */
#ifndef UPFRONT_UI_SESSION_H
#define UPFRONT_UI_SESSION_H

#include <stdint.h>

#include "upfront/game.h"
#include "upfront/results.h"
#include "upfront/score.h"

typedef struct Session {
    const Scenario *scenario;
    char scenario_path[1024];
    Game *game;
    uint64_t seed;
    char player[RESULTS_MAX_PLAYER * 4 + 1];
    int64_t started;
    PlayedBy played_by;      /* PLAYED_BY_ASSISTED when a strategy played the first weeks */
    char strategy[RESULTS_MAX_STRATEGY_NAME + 1];
    int strategy_weeks;
    int rewound_day;         /* > 0: practice, rewound to the start of this day of an earlier game */
    int saved;               /* 1 once the results file is written */
    char results_dir[1100];  /* where session_save last tried to write */
    char results_path[1200];
    char save_error[1400];
    int compared;            /* 1 once the strategies have played */
    ScoreCard strategy_score[2]; /* sales1, sales2 on the same seed */
    int strategy_ok[2];
} Session;

/* Starts a game; returns NULL when out of memory. */
Session *session_new(const Scenario *s, const char *path, uint64_t seed, const char *player);
/* A session around a game already in progress (a resumed save): takes ownership of g,
 * which must be on scenario s. Returns NULL when out of memory (g is then not freed). */
Session *session_adopt(const Scenario *s, const char *path, Game *g, const char *player, int64_t started);
void session_free(Session *s);
/* A new session playing on from the start of day `day` of from's game (its actions
 * before that day replayed; whatif_rewind), with from's scenario, seed, player and who
 * played, marked rewound to that day (practice). Returns NULL when the day is out of
 * range or out of memory. */
Session *session_rewind(const Session *from, int day);
/* Applies an action through game_apply; returns its result. */
ActionError session_apply(Session *s, const Action *a);
/* The facts results_to_json records beside the game (borrowing the session's strings). */
ResultsMeta session_meta(const Session *s);
/* Writes the results file into dir (created with its parents if missing) once, as a new
 * file named results_file_stem(...).json that never replaces another (a "-2" suffix and
 * so on); returns 0 with results_path set, or -1 with save_error set. */
int session_save(Session *s, const char *dir);
/* Plays sales1 and sales2 on fresh games with the same seed (once). */
void session_compare(Session *s);

#endif
