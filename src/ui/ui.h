/* ui — the SDL2 front end. ui_run owns the window for its whole life and frees all it
 * creates before returning. */
#ifndef UPFRONT_UI_H
#define UPFRONT_UI_H

#include <stddef.h>
#include <stdint.h>

struct Game;

/* What a host around the window adds (the browser page of src/web/); every member may be
 * NULL, and is natively. A screen offers what its host can do and nothing else. */
typedef struct UiHost {
    void *ctx;
    /* Offers the file at path to the user to keep (the browser's download); returns 0 when
     * it was offered. */
    int (*download)(void *ctx, const char *path);
    /* Asks the user for a scenario file; it arrives later as an SDL_DROPFILE event, as a
     * file dropped on the window does. Returns 0 when the question was put. */
    int (*open_file)(void *ctx);
    /* The live class when the host sends the games itself (the browser, with fetch): called
     * where the native class client is fed (class_link.c), with the game's progress at
     * each day's end and its results file's text when it ends. NULL: not in a class. */
    void (*class_progress)(void *ctx, const struct Game *game, const char *player, long time_left_s);
    void (*class_results)(void *ctx, const char *json, size_t len);
} UiHost;

typedef struct UiOptions {
    const char *scenario_path; /* NULL: the default scenario */
    uint64_t seed;
    int has_seed;              /* 0: a seed from the clock */
    const char *player;        /* may be NULL */
    const char *results_dir;   /* NULL: SDL_GetPrefPath */
    int watch;                 /* reload the scenario file when it changes */
    int from_week;             /* > 1: each new game starts at this week (past the last
                                  week: the strategy plays the whole game) ... */
    const char *autoplay;      /* ... with the earlier weeks played by this strategy (NULL: sales2) */
    int time_limit_min;        /* > 0: a round ends after this many minutes of play */
    const char *class_code;    /* may be NULL: joins this class at start (with player), or
                                  opens the class screen with the code filled in */
    const UiHost *host;        /* may be NULL */
    const char *server;        /* may be NULL: the class server (http://HOST:PORT) that gets
                                  each day's progress and the results (class_link.c) */
} UiOptions;

/* Opens the window and runs until the trainee quits, the window is closed or SIGTERM
 * arrives. Returns the process exit code (0 on a clean quit, 2 on failure to start). */
int ui_run(const UiOptions *opts);

#endif
