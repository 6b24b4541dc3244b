/* uitest — helpers for the headless UI tests: an App on the SDL dummy video driver and the
 * software renderer, driven by injected events on a virtual clock, and screenshots
 * compared with golden BMPs. The caller frees the App with uitest_finish. */
#ifndef UPFRONT_UITEST_H
#define UPFRONT_UITEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "check.h"

/* Golden images are compared at half size (2x2 box filter): a pixel differs when a channel
 * differs by more than UITEST_CHANNEL_TOLERANCE; a screen fails when more than
 * UITEST_PIXEL_TOLERANCE_PPM pixels per million differ. Regenerate them after an intended
 * change with: UPFRONT_UPDATE_GOLDEN=1 ctest --test-dir BUILD -L ui */
#define UITEST_CHANNEL_TOLERANCE 16
#define UITEST_PIXEL_TOLERANCE_PPM 500

typedef struct UiTest {
    App *app;
    Uint32 now;
    char results_dir[1024];
} UiTest;

static inline void uitest_path(char *out, size_t cap, const char *a, const char *b)
{
    SDL_snprintf(out, cap, "%s/%s", a, b);
}

/* Starts SDL headless with a fresh preferences folder for this test and opens the App on
 * a scenario (a path under tests/ui/, or an absolute path), reloading it when watch is 1. */
static inline int uitest_start_watch(UiTest *t, const char *name, const char *scenario, int w, int h, int watch)
{
    memset(t, 0, sizeof *t);
    /* UITEST_DIR moves the test's files (for example to a RAM disk, where fsync is cheap) */
    const char *dir = SDL_getenv("UITEST_DIR");
    if (!dir || !dir[0])
        dir = UI_TEST_BUILD_DIR;
    char home[1024];
    SDL_snprintf(home, sizeof home, "%s/ui-home-%s", dir, name);
    SDL_setenv("XDG_DATA_HOME", home, 1);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    SDL_setenv("SDL_RENDER_DRIVER", "software", 1);
    SDL_setenv("UPFRONT_DATA_DIR", UPFRONT_SOURCE_DIR, 1);
    char settings[1200];
    SDL_snprintf(settings, sizeof settings, "%s/upfront/settings.json", home);
    remove(settings);
    /* and where an older build put it, which the window would move up */
    SDL_snprintf(settings, sizeof settings, "%s/upfront/upfront/settings.json", home);
    remove(settings);
    SDL_snprintf(t->results_dir, sizeof t->results_dir, "%s/ui-results-%s", dir, name);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return -1;
    }
    static UiOptions opts;
    memset(&opts, 0, sizeof opts);
    static char path[1024];
    if (scenario[0] == '/')
        SDL_strlcpy(path, scenario, sizeof path);
    else
        SDL_snprintf(path, sizeof path, "%s/tests/ui/%s", UPFRONT_SOURCE_DIR, scenario);
    opts.scenario_path = path;
    opts.watch = watch;
    opts.seed = 3;
    opts.has_seed = 1;
    opts.player = "Test Trainee";
    opts.results_dir = t->results_dir;
    t->app = app_create(&opts, w, h, APP_HIDDEN | APP_SOFTWARE);
    if (!t->app)
        return -1;
    t->now = 1000;
    app_frame(t->app, t->now);
    return 0;
}

static inline int uitest_start(UiTest *t, const char *name, const char *scenario, int w, int h)
{
    return uitest_start_watch(t, name, scenario, w, h, 0);
}

static inline void uitest_finish(UiTest *t)
{
    app_destroy(t->app);
    t->app = NULL;
    TTF_Quit();
    SDL_Quit();
}

/* Advances the virtual clock by ms and runs a frame; returns 1 when it drew. */
static inline int uitest_tick(UiTest *t, Uint32 ms)
{
    t->now += ms;
    return app_frame(t->app, t->now);
}

/* Lets every animation finish. */
static inline void uitest_settle(UiTest *t)
{
    for (int i = 0; i < 4; i++)
        uitest_tick(t, 1000);
}

static inline void uitest_key_mod(UiTest *t, SDL_Keycode key, Uint16 mod)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = key;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    ev.key.keysym.mod = mod;
    app_handle_event(t->app, &ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    app_handle_event(t->app, &ev);
    uitest_tick(t, 20);
}

static inline void uitest_key(UiTest *t, SDL_Keycode key)
{
    uitest_key_mod(t, key, KMOD_NONE);
}

/* Types s as text input (what a keyboard's characters arrive as), then a tick. */
static inline void uitest_text(UiTest *t, const char *s)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTINPUT;
    SDL_strlcpy(ev.text.text, s, sizeof ev.text.text);
    app_handle_event(t->app, &ev);
    uitest_tick(t, 20);
}

/* Moves the mouse to the centre of the hit region id of the last frame and clicks it;
 * returns 0, or -1 when no such region was drawn. */
static inline int uitest_click(UiTest *t, int id)
{
    const Ui *ui = &t->app->ui;
    for (int i = 0; i < ui->hit_count; i++) {
        if (ui->hits[i].id != id)
            continue;
        SDL_Rect r = ui->hits[i].rect;
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_MOUSEMOTION;
        ev.motion.x = r.x + r.w / 2;
        ev.motion.y = r.y + r.h / 2;
        app_handle_event(t->app, &ev);
        uitest_tick(t, 20);
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_MOUSEBUTTONDOWN;
        ev.button.button = SDL_BUTTON_LEFT;
        ev.button.x = r.x + r.w / 2;
        ev.button.y = r.y + r.h / 2;
        app_handle_event(t->app, &ev);
        ev.type = SDL_MOUSEBUTTONUP;
        app_handle_event(t->app, &ev);
        uitest_tick(t, 20);
        return 0;
    }
    return -1;
}

/* A half-size copy of a 24-bit surface (2x2 box filter); NULL when out of memory. */
static inline SDL_Surface *uitest_half(SDL_Surface *s)
{
    SDL_Surface *h = SDL_CreateRGBSurfaceWithFormat(0, s->w / 2, s->h / 2, 24, SDL_PIXELFORMAT_RGB24);
    if (!h)
        return NULL;
    for (int y = 0; y < h->h; y++) {
        const Uint8 *r0 = (const Uint8 *)s->pixels + (size_t)(2 * y) * (size_t)s->pitch;
        const Uint8 *r1 = r0 + s->pitch;
        Uint8 *o = (Uint8 *)h->pixels + (size_t)y * (size_t)h->pitch;
        for (int x = 0; x < h->w; x++)
            for (int c = 0; c < 3; c++)
                o[3 * x + c] = (Uint8)((r0[6 * x + c] + r0[6 * x + 3 + c] + r1[6 * x + c] + r1[6 * x + 3 + c] + 2) / 4);
    }
    return h;
}

/* Compares the current screen with tests/ui/golden/NAME.bmp (or writes it when
 * UPFRONT_UPDATE_GOLDEN is set). On a mismatch the actual image is saved in the build
 * folder beside a note of how many pixels differ. Returns 0 when it matches. */
static inline int uitest_golden(UiTest *t, const char *name)
{
    SDL_Surface *full = app_screenshot(t->app);
    if (!full) {
        fprintf(stderr, "%s: screenshot failed: %s\n", name, SDL_GetError());
        return -1;
    }
    SDL_Surface *shot = uitest_half(full);
    SDL_FreeSurface(full);
    if (!shot)
        return -1;
    char golden[1200], actual[1200];
    SDL_snprintf(golden, sizeof golden, "%s/tests/ui/golden/%s.bmp", UPFRONT_SOURCE_DIR, name);
    SDL_snprintf(actual, sizeof actual, "%s/ui-actual-%s.bmp", UI_TEST_BUILD_DIR, name);
    const char *update = SDL_getenv("UPFRONT_UPDATE_GOLDEN");
    if (update && update[0] && strcmp(update, "0") != 0) {
        int rc = SDL_SaveBMP(shot, golden);
        SDL_FreeSurface(shot);
        fprintf(stderr, "%s: golden image written to %s\n", name, golden);
        return rc == 0 ? 0 : -1;
    }
    SDL_Surface *loaded = SDL_LoadBMP(golden);
    SDL_Surface *ref = loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGB24, 0) : NULL;
    SDL_FreeSurface(loaded);
    int rc = 0;
    if (!ref) {
        fprintf(stderr, "%s: no golden image %s (regenerate: UPFRONT_UPDATE_GOLDEN=1 ctest -L ui)\n", name, golden);
        rc = -1;
    } else if (ref->w != shot->w || ref->h != shot->h) {
        fprintf(stderr, "%s: golden is %dx%d, screen is %dx%d\n", name, ref->w, ref->h, shot->w, shot->h);
        rc = -1;
    } else {
        long differ = 0;
        for (int y = 0; y < shot->h; y++) {
            const Uint8 *a = (const Uint8 *)shot->pixels + (size_t)y * (size_t)shot->pitch;
            const Uint8 *b = (const Uint8 *)ref->pixels + (size_t)y * (size_t)ref->pitch;
            for (int x = 0; x < shot->w; x++) {
                int d = 0;
                for (int c = 0; c < 3; c++) {
                    int v = abs((int)a[3 * x + c] - (int)b[3 * x + c]);
                    d = v > d ? v : d;
                }
                differ += d > UITEST_CHANNEL_TOLERANCE;
            }
        }
        long total = (long)shot->w * shot->h;
        long ppm = differ * 1000000L / total;
        if (ppm > UITEST_PIXEL_TOLERANCE_PPM) {
            fprintf(stderr,
                    "%s: %ld of %ld pixels differ from %s (%ld ppm > %d); actual saved as %s. "
                    "If the change is intended: UPFRONT_UPDATE_GOLDEN=1 ctest -L ui\n",
                    name, differ, total, golden, ppm, UITEST_PIXEL_TOLERANCE_PPM, actual);
            rc = -1;
        }
    }
    if (rc != 0)
        SDL_SaveBMP(shot, actual);
    SDL_FreeSurface(ref);
    SDL_FreeSurface(shot);
    return rc;
}

#endif
