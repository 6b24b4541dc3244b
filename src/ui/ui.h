/* ui — the SDL2 front end. ui_run owns the window for its whole life and frees all it
 * creates before returning. */
#ifndef UPFRONT_UI_H
#define UPFRONT_UI_H

#include <stdint.h>

typedef struct UiOptions {
    const char *scenario_path; /* NULL: the default scenario */
    uint64_t seed;
    int has_seed;              /* 0: a seed from the clock */
    const char *player;        /* may be NULL */
    const char *results_dir;   /* NULL: SDL_GetPrefPath */
    int watch;                 /* reload the scenario file when it changes */
    int from_week;             /* > 1: each new game starts at this week ... */
    const char *autoplay;      /* ... with the earlier weeks played by this strategy (NULL: sales2) */
    int time_limit_min;        /* > 0: a round ends after this many minutes of play */
} UiOptions;

/* Opens the window and runs until the trainee quits, the window is closed or SIGTERM
 * arrives. Returns the process exit code (0 on a clean quit, 2 on failure to start). */
int ui_run(const UiOptions *opts);

#endif
