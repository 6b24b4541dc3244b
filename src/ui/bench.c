/* bench — frame times of the front end, offscreen, through the App (see bench.h).
 *
 * A frame is timed from the input (or app_redraw) to the end of app_frame: the frame
 * recorded, drawn where it changed, copied to the window and presented. The floor is a
 * clear and a present on the same renderer, the least any frame can cost. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "platform.h"
#include "raster.h"
#include "upfront/file.h"
#include "upfront/strategy.h"

#define BENCH_STEP_MS 16

static double ms_since(Uint64 t0)
{
    return (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of n sorted values. */
static double rank(const double *v, int n, int p)
{
    int r = (p * n + 99) / 100;
    if (r < 1)
        r = 1;
    if (r > n)
        r = n;
    return v[r - 1];
}

static void summarise(double *v, int n, double *p50, double *p95, double *max)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    *p50 = rank(v, n, 50);
    *p95 = rank(v, n, 95);
    *max = v[n - 1];
}

typedef struct Run {
    App *app;
    Uint32 now;
    double *samples;
    int frames;
} Run;

static void tick(Run *r, Uint32 ms)
{
    r->now += ms;
    app_frame(r->app, r->now);
}

/* Lets every animation, banner and fade finish. */
static void settle(Run *r)
{
    for (int i = 0; i < 5; i++)
        tick(r, 1000);
}

static void key(Run *r, SDL_Keycode k)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = k;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    app_handle_event(r->app, &ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    app_handle_event(r->app, &ev);
    tick(r, 20);
}

/* A clear and a present of the whole window, the way the App shows its frames: through
 * its renderer, or on the software path into the window's surface and pushed. */
static void time_floor(Run *r, UiBenchFloor *f)
{
    SDL_Renderer *ren = r->app->ren;
    for (int i = 0; i < r->frames; i++) {
        Uint64 t0 = SDL_GetPerformanceCounter();
        if (ren) {
            SDL_SetRenderDrawColor(ren, 240, 240, 240, 255);
            SDL_RenderClear(ren);
            SDL_RenderPresent(ren);
        } else {
            SDL_Surface *ws = SDL_GetWindowSurface(r->app->win);
            if (ws)
                SDL_FillRect(ws, NULL, SDL_MapRGB(ws->format, 240, 240, 240));
            SDL_UpdateWindowSurface(r->app->win);
        }
        r->samples[i] = ms_since(t0);
    }
    f->width = r->app->out_w;
    f->height = r->app->out_h;
    summarise(r->samples, r->frames, &f->p50_ms, &f->p95_ms, &f->max_ms);
    app_redraw(r->app);
    tick(r, BENCH_STEP_MS);
}

/* 1 when the picture of the last frame drawn has the pixels of the frame drawn whole. */
static int same_as_full(App *app)
{
    int w = app->out_w, h = app->out_h, ok = 0, pitch;
    SDL_Surface *live = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (live && app_picture(app) && app->canvas_valid) {
        const Uint32 *px = raster_pixels(app_picture(app), &pitch);
        if (SDL_ConvertPixels(w, h, SDL_PIXELFORMAT_RGB888, px, pitch, SDL_PIXELFORMAT_RGB24, live->pixels,
                              live->pitch) == 0) {
            SDL_Surface *full = app_screenshot(app); /* drawn whole */
            ok = full && full->pitch == live->pitch &&
                 memcmp(full->pixels, live->pixels, (size_t)live->pitch * (size_t)h) == 0;
            SDL_FreeSurface(full);
        }
    }
    SDL_FreeSurface(live);
    return ok;
}

/* The input each timed frame after input sends (see time_screen). */
typedef struct Input {
    int keys;       /* 1: Up and Down in turn (the play screen's selection) */
    int x[2], y[2]; /* else the mouse moves between these two points */
} Input;

static Input find_input(App *app, int keys)
{
    Input in;
    memset(&in, 0, sizeof in);
    if (keys) {
        in.keys = 1;
        return in;
    }
    /* two regions the mouse can point at, other than the one it is on */
    const Ui *ui = &app->ui;
    int found = 0;
    int ids[2] = {0, 0};
    for (int i = 0; i < ui->hit_count && found < 2; i++) {
        SDL_Rect rc = ui->hits[i].rect;
        int cx = rc.x + rc.w / 2, cy = rc.y + rc.h / 2;
        int id = widget_hit_at(ui, cx, cy);
        if (id == 0 || id == ui->hover_id || (found == 1 && id == ids[0]))
            continue;
        ids[found] = id;
        in.x[found] = cx;
        in.y[found] = cy;
        found++;
    }
    if (found < 2) { /* one thing or none: between it and an empty corner */
        in.x[1] = 0;
        in.y[1] = app->out_h - 1;
    }
    return in;
}

static void send_input(App *app, const Input *in, int i, Uint32 now)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.common.timestamp = now;
    if (in->keys) {
        SDL_Keycode k = (i % 2) ? SDLK_DOWN : SDLK_UP;
        ev.type = SDL_KEYDOWN;
        ev.key.state = SDL_PRESSED;
        ev.key.keysym.sym = k;
        ev.key.keysym.scancode = SDL_GetScancodeFromKey(k);
        app_handle_event(app, &ev);
        ev.type = SDL_KEYUP;
        ev.key.state = SDL_RELEASED;
        app_handle_event(app, &ev);
        return;
    }
    ev.type = SDL_MOUSEMOTION;
    ev.motion.x = in->x[i % 2];
    ev.motion.y = in->y[i % 2];
    app_handle_event(app, &ev);
}

/* Times r->frames frames, each after one input, once both inputs have been seen (their
 * texts, a tooltip say, rendered once as in play). */
static long time_input(Run *r, const Input *in)
{
    for (int i = 0; i < 2; i++) {
        r->now += BENCH_STEP_MS;
        send_input(r->app, in, i, r->now);
        app_frame(r->app, r->now);
    }
    long damage0 = r->app->stats.damage_draws;
    for (int i = 0; i < r->frames; i++) {
        r->now += BENCH_STEP_MS;
        Uint64 t0 = SDL_GetPerformanceCounter();
        send_input(r->app, in, i, r->now);
        app_frame(r->app, r->now);
        r->samples[i] = ms_since(t0);
    }
    return r->app->stats.damage_draws - damage0;
}

/* Settles the current screen, counts idle redraws and text renders, then times frames
 * after input, frames drawn whole and frames of an animation. */
static void time_screen(Run *r, const char *name, double floor_p50, UiBenchScreen *out)
{
    memset(out, 0, sizeof *out);
    SDL_strlcpy(out->screen, name, sizeof out->screen);
    settle(r);
    TextStats a = app_text_stats(r->app);
    for (int i = 0; i < UI_BENCH_IDLE_FRAMES; i++) {
        r->now += BENCH_STEP_MS;
        out->idle_frames_drawn += app_frame(r->app, r->now);
    }
    TextStats b = app_text_stats(r->app);
    out->idle_text_renders = b.created - a.created;
    /* a frame after a real input: on the play screen the selection moves between two
     * prospects (the list, the account and its actions change); elsewhere the mouse moves
     * between two things it can point at (their hover look and tooltip change). The event
     * is handled, the frame drawn and presented: what the window pays for that input. */
    int play = strcmp(name, "play") == 0;
    Input in = find_input(r->app, play);
    long damage = time_input(r, &in), want = r->frames;
    summarise(r->samples, r->frames, &out->p50_ms, &out->p95_ms, &out->max_ms);
    if (play) { /* on play, the mouse moving between two actions too */
        Input hover = find_input(r->app, 0);
        damage += time_input(r, &hover);
        want += r->frames;
        summarise(r->samples, r->frames, &out->hover_p50_ms, &out->hover_p95_ms, &out->hover_max_ms);
    } else {
        out->hover_p50_ms = out->p50_ms;
        out->hover_p95_ms = out->p95_ms;
        out->hover_max_ms = out->max_ms;
    }
    if (!r->app->no_damage && damage != want)
        fprintf(stderr, "bench: %s: %ld of %ld input frames drawn only where they changed\n", name, damage, want);
    /* the picture after the last input equals the same screen drawn whole */
    int damage_ok = r->app->no_damage || same_as_full(r->app);
    /* a frame drawn whole, as the first frame of a screen is: no text rendered again */
    TextStats c = app_text_stats(r->app);
    for (int i = 0; i < r->frames; i++) {
        r->now += BENCH_STEP_MS;
        Uint64 t0 = SDL_GetPerformanceCounter();
        app_redraw(r->app);
        app_frame(r->app, r->now);
        r->samples[i] = ms_since(t0);
    }
    summarise(r->samples, r->frames, &out->scratch_p50_ms, &out->scratch_p95_ms, &out->scratch_max_ms);
    out->redraw_text_renders = app_text_stats(r->app).created - c.created;
    /* a frame of an animation: marked dirty as an animation marks it, recorded and
     * compared, with nothing else changing */
    for (int i = 0; i < r->frames; i++) {
        r->now += BENCH_STEP_MS;
        Uint64 t0 = SDL_GetPerformanceCounter();
        r->app->dirty = 1;
        app_frame(r->app, r->now);
        r->samples[i] = ms_since(t0);
    }
    summarise(r->samples, r->frames, &out->live_p50_ms, &out->live_p95_ms, &out->live_max_ms);
    /* the frames of a screen's fade-in, as after a screen change (its first frame is one
     * drawn whole, above) */
    for (int i = 0; i < r->frames; i++) {
        r->now += BENCH_STEP_MS;
        if (i % 10 == 0)
            r->app->changed_at = r->now;
        r->app->dirty = 1;
        Uint64 t0 = SDL_GetPerformanceCounter();
        app_frame(r->app, r->now);
        r->samples[i] = ms_since(t0);
    }
    summarise(r->samples, r->frames, &out->fade_p50_ms, &out->fade_p95_ms, &out->fade_max_ms);
    settle(r);
    out->live_matches_full = same_as_full(r->app) && damage_ok;
    out->width = r->app->out_w;
    out->height = r->app->out_h;
    out->frames = r->frames;
    out->floor_p50_ms = floor_p50;
}

/* Plays sales2's choices straight into the session until the day before `day` is all
 * that is left, then ends that day with the E key, as a trainee would, so the play
 * screen sees the change. Returns 0, or -1 when the game did not get there. */
static int play_until(Run *r, const Strategy *st, Rng *rng, int day)
{
    for (int guard = 0; guard < 100000; guard++) {
        Session *s = r->app->session;
        if (!s || strcmp(app_screen_name(r->app), "play") != 0)
            return -1;
        const Game *g = s->game;
        if (game_over(g))
            return -1;
        Action a = strategy_choose(st, g, rng);
        if (a.kind == ACTION_END_DAY && game_day(g) + 1 >= day) {
            key(r, SDLK_e);
            return 0;
        }
        if (session_apply(s, &a) != ACTION_OK)
            return -1;
    }
    return -1;
}

static int bench_size(Run *r, const UiOptions *opts, int w, int h, UiBench *out, int first,
                      char *err, size_t cap)
{
    Uint64 t0 = SDL_GetPerformanceCounter();
    r->app = app_create(opts, w, h, APP_HIDDEN | APP_SOFTWARE);
    if (!r->app) {
        SDL_snprintf(err, cap, "cannot open the window offscreen: %s", SDL_GetError());
        return -1;
    }
    r->now = 1000;
    app_frame(r->app, r->now);
    if (first)
        out->startup_ms += ms_since(t0);

    UiBenchFloor *f = &out->floors[out->floor_count++];
    time_floor(r, f);

    const char *names[] = {"title", "briefing", "play", "debrief"};
    int rc = 0;
    for (int i = 0; i < 4 && rc == 0 && out->screen_count < UI_BENCH_MAX_SCREENS; i++) {
        if (i == 1)
            key(r, SDLK_RETURN); /* Start: the briefing */
        if (i == 2) {
            key(r, SDLK_RETURN); /* the play screen */
            const Strategy *st = strategy_find("sales2");
            Rng rng;
            rng_seed(&rng, 1, 0x57a7u);
            const Game *g = app_game(r->app);
            int days = g ? scenario_day_count(game_scenario(g)) : 0;
            if (!st || !g || play_until(r, st, &rng, days / 2 + 1) != 0) {
                SDL_snprintf(err, cap, "could not play to mid-game (screen '%s')", app_screen_name(r->app));
                rc = -1;
                break;
            }
            key(r, SDLK_DOWN); /* a prospect other than the first, as in play */
            out->play_day = game_day(app_game(r->app));
            out->play_days = days;
        }
        if (i == 3) {
            const Strategy *st = strategy_find("sales2");
            Rng rng;
            rng_seed(&rng, 2, 0x57a7u);
            const Game *g = app_game(r->app);
            int days = scenario_day_count(game_scenario(g));
            if (play_until(r, st, &rng, days + 1) != 0 || strcmp(app_screen_name(r->app), "debrief") != 0) {
                SDL_snprintf(err, cap, "could not finish the game (screen '%s')", app_screen_name(r->app));
                rc = -1;
                break;
            }
        }
        if (strcmp(app_screen_name(r->app), names[i]) != 0) {
            SDL_snprintf(err, cap, "expected the %s screen, found '%s'", names[i], app_screen_name(r->app));
            rc = -1;
            break;
        }
        time_screen(r, names[i], f->p50_ms, &out->screens[out->screen_count++]);
    }
    app_destroy(r->app);
    r->app = NULL;
    return rc;
}

/* Preferences, saves and results of the benchmark go to PREF/bench/, never beside the
 * trainee's. SDL reads XDG_DATA_HOME on Linux and the BSDs; elsewhere the results folder
 * is still redirected and the settings are put back to their defaults. */
static void isolate(char *results, size_t cap)
{
    results[0] = '\0';
    char *pref = SDL_GetPrefPath("", "upfront");
    if (!pref)
        return;
    file_move_old_user_folder(pref, stderr); /* before bench/ is made there */
    char home[1100];
    SDL_snprintf(home, sizeof home, "%sbench", pref);
    SDL_free(pref);
    platform_make_dir(home);
    SDL_setenv("XDG_DATA_HOME", home, 1);
    char *inner = SDL_GetPrefPath("", "upfront");
    if (inner) {
        char p[1200];
        SDL_snprintf(p, sizeof p, "%ssettings.json", inner);
        remove(p);
        SDL_snprintf(p, sizeof p, "%ssave.json", inner);
        remove(p);
        SDL_free(inner);
    }
    SDL_snprintf(results, cap, "%s/results", home);
    platform_make_dir(results);
    PathList old;
    if (platform_list_json(results, &old) == 0) {
        for (int i = 0; i < old.count; i++)
            remove(old.paths[i]);
        platform_list_free(&old);
    }
}

/* Start-up as 'upfront' does it, on the system's display: SDL and the fonts started, the
 * window open with the renderer ui_run gets, the title drawn and presented. -1 when there
 * is no display (or only SDL's dummy driver). */
static double startup_on_display(const UiOptions *opts, char *driver, size_t cap)
{
    driver[0] = '\0';
    const char *forced = SDL_getenv("SDL_VIDEODRIVER");
    if (forced && (strcmp(forced, "dummy") == 0 || strcmp(forced, "offscreen") == 0))
        return -1;
#if defined(__unix__) && !defined(__APPLE__) && !defined(__ANDROID__)
    /* no X11 or Wayland display: don't let SDL's probing print errors */
    const char *x11 = SDL_getenv("DISPLAY"), *wl = SDL_getenv("WAYLAND_DISPLAY");
    if (!(x11 && x11[0]) && !(wl && wl[0]))
        return -1;
#endif
    Uint64 t0 = SDL_GetPerformanceCounter();
    int flags = app_renderer_policy(); /* as ui_run: the renderer the game gets */
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return -1;
    const char *name = SDL_GetCurrentVideoDriver();
    if (!name || strcmp(name, "dummy") == 0 || strcmp(name, "offscreen") == 0 || TTF_Init() != 0) {
        SDL_Quit();
        return -1;
    }
    double ms = -1;
    App *app = app_create(opts, 1280, 720, flags);
    if (app) {
        app_frame(app, 1000);
        ms = ms_since(t0);
        SDL_RendererInfo info;
        const char *how = "window surface";
        if (app->ren)
            how = SDL_GetRendererInfo(app->ren, &info) == 0 ? info.name : "?";
        SDL_snprintf(driver, cap, "%s/%s", name, how);
        app_destroy(app);
    }
    TTF_Quit();
    SDL_Quit();
    return ms;
}

int ui_bench_run(const char *scenario_path, int frames, const int (*sizes)[2], int size_count,
                 UiBench *out, char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    if (frames < 1 || size_count < 1 || size_count > UI_BENCH_MAX_SIZES) {
        SDL_snprintf(err, cap, "bad frame count or sizes");
        return -1;
    }
    static char results[1200];
    isolate(results, sizeof results);
    UiOptions opts;
    memset(&opts, 0, sizeof opts);
    opts.scenario_path = scenario_path;
    opts.seed = 1;
    opts.has_seed = 1;
    opts.player = "Bench";
    opts.results_dir = results[0] ? results : NULL;
    out->startup_window_ms = startup_on_display(&opts, out->window_driver, sizeof out->window_driver);

    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    SDL_setenv("SDL_RENDER_DRIVER", "software", 1);

    Uint64 t0 = SDL_GetPerformanceCounter();
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        SDL_snprintf(err, cap, "cannot start SDL offscreen: %s", SDL_GetError());
        SDL_Quit();
        return -1;
    }
    out->startup_ms = ms_since(t0);

    Run r;
    memset(&r, 0, sizeof r);
    r.frames = frames;
    r.samples = malloc((size_t)frames * sizeof *r.samples);
    int rc = r.samples ? 0 : -1;
    if (rc)
        SDL_snprintf(err, cap, "out of memory");
    for (int i = 0; rc == 0 && i < size_count; i++)
        rc = bench_size(&r, &opts, sizes[i][0], sizes[i][1], out, i == 0, err, cap);
    free(r.samples);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
