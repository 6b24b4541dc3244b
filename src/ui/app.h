/* app — the whole front end as one object that ui_run and the headless tests both drive:
 * feed it events, call app_frame with the time, take screenshots. app_create returns an
 * App the caller frees with app_destroy, which frees the window, every screen, the game
 * and all pictures. The UiOptions' strings are borrowed and must outlive the App.
 * Fields below are for the screens in src/ui only. */
#ifndef UPFRONT_UI_APP_H
#define UPFRONT_UI_APP_H

#include <SDL.h>

#include "catalog.h"
#include "screen.h"
#include "session.h"
#include "settings.h"
#include "theme.h"
#include "ui.h"
#include "widget.h"

#define APP_MAX_SCREENS 8
#define APP_STEP_MS 16

enum {
    APP_HIDDEN = 1,   /* create the window hidden (tests) */
    APP_SOFTWARE = 2  /* no SDL renderer: frames go to the window's surface */
};

struct ClassClient;

struct App {
    UiOptions opts;
    struct ClassClient *class_client; /* the class server's client, or NULL (class_link.c) */
    int class_send;                   /* APP_CLASS_WAITING once a game was queued, else NONE */
    int class_shown;                  /* the AppClassSend last drawn (app_class_poll) */
    SDL_Window *win;
    SDL_Renderer *ren; /* NULL on the software path: frames go to the window's surface */
    Ui ui;
    Theme theme;
    Screen *stack[APP_MAX_SCREENS];
    int depth;
    struct { int op; Screen *screen; } pending[APP_MAX_SCREENS];
    int pending_count;
    int running;
    int dirty;
    int animating;
    Uint32 now, last_step, acc;
    int out_w, out_h, win_w, win_h;
    char data_dir[1024];
    char pref_dir[1024];
    char settings_path[1100];
    char results_dir[1100];
    Settings settings;
    Catalog catalog;
    int current;         /* catalog index of the chosen scenario, -1 when none */
    char load_error[400];
    Session *session;
    uint64_t next_seed;
    char toast[300];
    Uint32 toast_until;
    Uint32 next_watch;
    int new_best;
    Uint32 changed_at; /* when the top screen last changed, for its fade-in */
    int toast_keep;    /* the toast was given by the event that changed the screen */
    char player[RESULTS_MAX_PLAYER * 4 + 1]; /* the trainee's name: --player, or typed on the class screen */
    int class_joined;  /* 1 once a class code chose the scenario and the seed */
    int round_on;      /* a --time-limit round is running */
    Uint32 round_end;  /* app->now when it ends */
    int round_shown;   /* seconds left when last drawn */
    int watch_broken;  /* --watch: the file on disk is invalid; diagnostics shown */
    char watch_diags[2000];
    char save_path[1100]; /* the game in progress, saved at each day's end */
    struct {
        int valid;        /* 1 when save_path holds a game that can be resumed */
        char title[120];  /* its scenario's title */
        char player[RESULTS_MAX_PLAYER * 4 + 1];
        int day, days;
    } resume;
    /* The window's picture, drawn in memory (raster.h) and shown through a texture, and
     * the recorded drawing that made it: each frame is recorded and drawn again only
     * where its recording differs from the last one's (draw in app.c). */
    Raster *canvas;     /* the picture in pixels of its own */
    SDL_Texture *shown; /* with a renderer: the canvas uploaded where it changed */
    /* Without one (the software path) the picture is drawn straight into the window's
     * surface (win_raster) when that is 32-bit XRGB, except during a fade-in, which is
     * laid over the canvas's picture on its way to the window; push lists the regions
     * to put on the screen. */
    Raster *win_raster;
    SDL_Surface *win_surface;
    void *win_pixels;
    int on_window;    /* the picture is win_raster's (else the canvas's) */
    int window_faded; /* the window shows a fade over the picture */
    SDL_Rect push[REC_MAX_DAMAGE];
    int push_n, push_all;
    int canvas_valid; /* 0: the next frame is drawn whole */
    Rec rec[2];
    int rec_cur;      /* rec[rec_cur] is recorded next; the other made the canvas */
    int no_damage;    /* every frame drawn whole (UPFRONT_NO_DAMAGE=1, screenshots) */
    int check_damage; /* UPFRONT_CHECK_DAMAGE=1: each repaint compared with a whole draw */
    struct {
        long full_draws;   /* frames drawn whole */
        long damage_draws; /* frames drawn only where they changed */
        long damage_px;    /* pixels those drew */
    } stats;
};

/* The renderer policy, applied before SDL_Init by ui_run (and bench's start-up figure):
 * the software path (no SDL renderer: frames are drawn in memory and pushed to the
 * window's surface, framebuffer acceleration off), unless UPFRONT_RENDERER is
 * "accelerated" (SDL's first accelerated renderer, OpenGL on X11, shows the frames). The
 * UI is flat 2D and redraws only on change, and under X11 without a GPU driver SDL's
 * OpenGL renderer is Mesa's llvmpipe (60-110 MB more resident).
 * SDL_FRAMEBUFFER_ACCELERATION in the environment still wins. Returns the flags to pass
 * to app_create (APP_SOFTWARE, or 0). */
int app_renderer_policy(void);

/* Creates the window (w x h) and renderer and shows the title screen. Returns NULL with a
 * message on stderr when SDL, the fonts or the window can't be set up. */
App *app_create(const UiOptions *opts, int w, int h, int flags);
void app_destroy(App *app);

/* Handles one SDL event; returns 0 once the app wants to quit. */
int app_handle_event(App *app, const SDL_Event *ev);
/* Advances animations on the fixed step up to now_ms and draws when something changed;
 * returns 1 when it drew a frame. */
int app_frame(App *app, Uint32 now_ms);
/* How long the loop may wait for the next event before app_frame is due again. */
int app_wait_ms(const App *app, Uint32 now_ms);
int app_running(const App *app);
/* Reads back the last frame as a new 24-bit surface the caller frees with
 * SDL_FreeSurface, or NULL on failure. */
SDL_Surface *app_screenshot(App *app);

/* The picture of the last frame drawn (without the fade-in of a new screen). */
const Raster *app_picture(const App *app);
/* The alpha of the background colour laid over the picture by a new screen's fade-in
 * now (0: none). */
Uint8 app_fade(const App *app);

/* For tests and the screens. */
const char *app_screen_name(const App *app);
const Game *app_game(const App *app);
const Session *app_session(const App *app);
TextStats app_text_stats(const App *app);

/* Screen stack operations, applied after the current event or update. */
void app_push(App *app, Screen *s);
void app_pop(App *app);
void app_replace(App *app, Screen *s);
void app_reset(App *app, Screen *s);
void app_quit(App *app);
/* Draws the next frame, and draws it whole. */
void app_redraw(App *app);
/* Shows a short message at the bottom of the window for a few seconds. */
void app_toast(App *app, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The chosen scenario, or NULL. */
const Scenario *app_scenario(const App *app);
/* Starts a new game on the chosen scenario; returns 0, or -1 with a toast. */
int app_start_game(App *app);
/* Replaces the finished game by a new one at the start of day `day` of it (rewind): its
 * actions before that day replayed, the rest the trainee's, recorded as practice
 * (rewound to that day; never ranked), with no time limit. The caller shows the play
 * screen. Returns 0, or -1 with a toast. */
int app_rewind_game(App *app, int day);
/* Ends the current game's session (saving is done by app_finish_game). */
void app_end_game(App *app);
/* Saves the results of a finished game, records the best and plays the comparison. */
void app_finish_game(App *app);
/* Applies the settings (palette, text size, fullscreen) and saves them. */
void app_apply_settings(App *app);
/* The results folder in use. */
const char *app_results_dir(const App *app);
/* Tries again to write a finished game's results file that could not be written: into
 * the results folder, else the per-user results folder; the save is removed once it is
 * written. Returns 0 when the file is written. */
int app_retry_save(App *app);

/* Writes the game in progress to save_path atomically (a results file of the unfinished
 * game); removes the save once the game is over. Returns 0, or -1 with a toast. */
int app_checkpoint(App *app);
/* Looks at save_path and fills app->resume (valid 0 when there is nothing to resume). */
void app_scan_save(App *app);
/* Resumes the saved game: its scenario, seed, player and every action replayed through
 * game_apply. Returns 0, or -1 with a toast (the save is kept). */
int app_resume_game(App *app);
/* Sets the trainee's name and, from a class code (classcode.h), the scenario and seed.
 * Returns 0, or -1 with a one-sentence reason in err. */
int app_join_class(App *app, const char *name, const char *code, char *err, size_t cap);
/* Opens the scenario file at path (added to the catalog, or read again) and chooses it;
 * on the title or the picker the briefing opens, elsewhere a toast says it is the next
 * game's. Returns its catalog index, or -1 with a toast giving its first error. */
int app_open_scenario(App *app, const char *path);
/* The compact class code of the chosen scenario and the fixed seed into out, or "" when
 * the seed is not fixed or too large for a code. */
void app_class_code(const App *app, char *out, size_t cap);
/* Seconds left in a --time-limit round, or -1 when no round is running. */
int app_round_seconds_left(const App *app);

/* --- the live class (class_link.c) --- */
/* Sends this window's games to the class server at url from now on ("" stops); returns 0,
 * or -1 with a one-sentence reason in err (not an http:// address, no client built in). */
int app_join_server(App *app, const char *url, char *err, size_t cap);
/* The class server's address, "" when none. */
const char *app_server_url(const App *app);
/* Queues the game's progress (a day's end) or its results file (the game ended). */
void app_class_progress(App *app);
void app_class_results(App *app);
/* Gives the queue a moment to empty, then stops the client (what is left is sent next time). */
void app_class_close(App *app);

/* Where the last game's results file stands with the class server (the debrief says). */
typedef enum AppClassSend {
    APP_CLASS_NONE,    /* no class server, or no game sent yet */
    APP_CLASS_WAITING, /* queued: the server has not answered yet (or cannot be reached) */
    APP_CLASS_SENT,    /* the server stored it (201, or 200: it had it already) */
    APP_CLASS_REFUSED  /* the server refused it (set aside in the queue's refused/ folder) */
} AppClassSend;
AppClassSend app_class_send(const App *app, char *why, size_t cap);
/* Called each frame: marks the window for drawing when that changed. */
void app_class_poll(App *app);

#endif
