/* bench — frame times of the front end, measured offscreen (SDL's dummy video driver, the
 * default software path) through the same App that ui_run drives: each screen is brought
 * up, left to settle, checked for idle redraws, then timed after input, drawn whole, in an
 * animation and in a fade-in.
 * Everything is in caller-owned structs; nothing to free. */
#ifndef UPFRONT_UI_BENCH_H
#define UPFRONT_UI_BENCH_H

#include <stddef.h>

#define UI_BENCH_MAX_SCREENS 16
#define UI_BENCH_MAX_SIZES 4
#define UI_BENCH_IDLE_FRAMES 60 /* ~1 s of 16 ms steps with nothing changing */

typedef struct UiBenchScreen {
    char screen[24];
    int width, height;
    int frames;
    /* A frame after input: the event handled, the frame recorded, drawn where it changed
     * and presented. On play the selection moves between two prospects (Up, Down);
     * elsewhere the mouse moves between two things it can point at. */
    double p50_ms, p95_ms, max_ms;
    /* The mouse moving between two things it can point at (on play: timed apart; on the
     * other screens the same frames as above). */
    double hover_p50_ms, hover_p95_ms, hover_max_ms;
    double floor_p50_ms;           /* clear and present at the same size */
    int idle_frames_drawn;         /* of UI_BENCH_IDLE_FRAMES frames with nothing changed */
    long idle_text_renders;        /* texts rendered (every texture is one) while idle */
    long redraw_text_renders;      /* texts rendered during the frames drawn whole */
    /* A frame of an animation with nothing else changing: recorded, compared with the
     * frame before, what changed drawn (here nothing), copied to the window, presented. */
    double live_p50_ms, live_p95_ms, live_max_ms;
    /* A frame of a screen's 150 ms fade-in after a screen change. */
    double fade_p50_ms, fade_p95_ms, fade_max_ms;
    /* A frame drawn whole (app_redraw), as a screen's first frame is. */
    double scratch_p50_ms, scratch_p95_ms, scratch_max_ms;
    int live_matches_full; /* 1: the pictures after the input and animation frames equal
                            * the frame drawn whole, byte for byte */
} UiBenchScreen;

typedef struct UiBenchFloor {
    int width, height;
    double p50_ms, p95_ms, max_ms;
} UiBenchFloor;

typedef struct UiBench {
    UiBenchScreen screens[UI_BENCH_MAX_SCREENS];
    int screen_count;
    UiBenchFloor floors[UI_BENCH_MAX_SIZES];
    int floor_count;
    double startup_ms; /* SDL and fonts started, window open, title drawn and presented,
                        * offscreen (dummy video driver, the software path) */
    double startup_window_ms;   /* the same with the system's video driver and renderer,
                                 * as 'upfront' starts; -1 when there is no display */
    char window_driver[32];     /* the video driver and renderer it used */
    int play_day, play_days; /* the day the play screen was timed on */
} UiBench;

/* Times the title, briefing, play (mid-game, played by sales2 on the scenario at path)
 * and debrief screens, and the floor, over frames redraws at each of the sizes (pairs of
 * width and height). Starts and stops SDL itself; writes preferences and results only
 * under a "bench" folder of the pref path. Returns 0, or -1 with a sentence in err. */
int ui_bench_run(const char *scenario_path, int frames, const int (*sizes)[2], int size_count,
                 UiBench *out, char *err, size_t cap);

#endif
