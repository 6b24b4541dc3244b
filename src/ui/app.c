/* app — the front end as one object: window, theme, text cache, screen stack, the chosen
 * scenario and the game in play. ui_run and the headless tests drive it the same way. */
#include "app.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "upfront/classcode.h"
#include "platform.h"
#include "tween.h"
#include "upfront/file.h"
#include "upfront/results.h"
#include "upfront/rng.h"
#include "upfront/save.h"
#include "upfront/strategy.h"

enum { OP_PUSH, OP_POP, OP_REPLACE, OP_RESET };

#define APP_FADE_MS 150

static int dir_has_assets(const char *dir)
{
    char p[1200];
    SDL_snprintf(p, sizeof p, "%s/assets/fonts/DejaVuSans.ttf", dir);
    return platform_is_file(p);
}

/* The data folder holds assets/ and scenarios/: UPFRONT_DATA_DIR, beside the executable,
 * one folder up (a build folder in the source tree), ../share/upfront, the source tree. */
static int find_data_dir(char *out, size_t cap)
{
    const char *env = SDL_getenv("UPFRONT_DATA_DIR");
    if (env && env[0] && dir_has_assets(env)) {
        SDL_utf8strlcpy(out, env, cap);
        return 0;
    }
    char *base = SDL_GetBasePath();
    if (base) {
        static const char *const rel[] = {"", "..", "../share/upfront", "../../share/upfront"};
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            char cand[1100];
            SDL_snprintf(cand, sizeof cand, "%s%s", base, rel[i]);
            if (dir_has_assets(cand)) {
                SDL_utf8strlcpy(out, cand, cap);
                SDL_free(base);
                return 0;
            }
        }
        SDL_free(base);
    }
#ifdef UPFRONT_SOURCE_DIR
    if (dir_has_assets(UPFRONT_SOURCE_DIR)) {
        SDL_utf8strlcpy(out, UPFRONT_SOURCE_DIR, cap);
        return 0;
    }
#endif
    return -1;
}

static void update_sizes(App *app)
{
    SDL_GetWindowSize(app->win, &app->win_w, &app->win_h);
    int ok = -1;
    if (app->ren) {
        ok = SDL_GetRendererOutputSize(app->ren, &app->out_w, &app->out_h);
    } else {
        SDL_Surface *ws = SDL_GetWindowSurface(app->win);
        if (ws) {
            app->out_w = ws->w;
            app->out_h = ws->h;
            ok = 0;
        }
    }
    if (ok != 0) {
        app->out_w = app->win_w;
        app->out_h = app->win_h;
    }
    app->ui.out_w = app->out_w;
    app->ui.out_h = app->out_h;
}

static void refit(App *app)
{
    /* SDL makes the window's surface anew, perhaps at the same address and size, and
     * blank: the canvas is set up again and the next frame drawn whole */
    app->win_surface = NULL;
    app->canvas_valid = 0;
    update_sizes(app);
    int r = theme_refit(&app->theme, app->out_w, app->out_h,
                        theme_text_size_factor(app->settings.text_size), app->settings.palette);
    if (r == 1)
        text_cache_clear(app->ui.text);
    app->dirty = 1;
}

static void choose_default_scenario(App *app)
{
    char dir[1100];
    SDL_snprintf(dir, sizeof dir, "%s/scenarios", app->data_dir);
    catalog_scan(&app->catalog, dir);
    app->current = -1;
    if (app->opts.scenario_path) {
        app->current = catalog_add(&app->catalog, app->opts.scenario_path);
    } else {
        app->current = catalog_find(&app->catalog, "midmarket-quarter");
        for (int i = 0; app->current < 0 && i < app->catalog.count; i++)
            if (app->catalog.items[i].scenario)
                app->current = i;
    }
    if (app->current >= 0 && !app->catalog.items[app->current].scenario) {
        SDL_utf8strlcpy(app->load_error, app->catalog.items[app->current].error, sizeof app->load_error);
        if (app->opts.watch) {
            app->watch_broken = 1;
            SDL_utf8strlcpy(app->watch_diags, app->catalog.items[app->current].diags, sizeof app->watch_diags);
        }
    }
    else if (app->current < 0)
        SDL_snprintf(app->load_error, sizeof app->load_error, "No scenario found in %s", dir);
}

int app_renderer_policy(void)
{
    const char *want = SDL_getenv("UPFRONT_RENDERER");
    if (want && SDL_strcasecmp(want, "accelerated") == 0)
        return 0;
    if (want && want[0] && SDL_strcasecmp(want, "software") != 0)
        fprintf(stderr, "upfront: UPFRONT_RENDERER=%s is neither software nor accelerated: using software\n", want);
    /* default priority: the environment's SDL_* variables take precedence */
    SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    return APP_SOFTWARE;
}

App *app_create(const UiOptions *opts, int w, int h, int flags)
{
    App *app = calloc(1, sizeof *app);
    if (!app)
        return NULL;
    if (opts)
        app->opts = *opts;
    app->current = -1;
    settings_default(&app->settings);
    if (find_data_dir(app->data_dir, sizeof app->data_dir) != 0) {
        fprintf(stderr, "upfront: cannot find the game's assets (set UPFRONT_DATA_DIR to the folder holding assets/)\n");
        free(app);
        return NULL;
    }
    char *pref = SDL_GetPrefPath("", "upfront");
    if (pref) {
        file_move_old_user_folder(pref, stderr); /* upfront/upfront/ before: its files move up */
        SDL_utf8strlcpy(app->pref_dir, pref, sizeof app->pref_dir);
        SDL_free(pref);
        SDL_snprintf(app->settings_path, sizeof app->settings_path, "%ssettings.json", app->pref_dir);
        SDL_snprintf(app->save_path, sizeof app->save_path, "%ssave.json", app->pref_dir);
        settings_load(&app->settings, app->settings_path);
    }
    if (app->opts.player)
        SDL_utf8strlcpy(app->player, app->opts.player, sizeof app->player);
    if (app->opts.results_dir && app->opts.results_dir[0])
        SDL_utf8strlcpy(app->results_dir, app->opts.results_dir, sizeof app->results_dir);
    else
        SDL_snprintf(app->results_dir, sizeof app->results_dir, "%sresults", app->pref_dir);
    Uint32 wflags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    wflags |= (flags & APP_HIDDEN) ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
    if (app->settings.fullscreen && !(flags & APP_HIDDEN))
        wflags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    app->win = SDL_CreateWindow("Upfront", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, wflags);
    if (!app->win) {
        fprintf(stderr, "upfront: cannot open a window: %s\n", SDL_GetError());
        free(app);
        return NULL;
    }
    SDL_SetWindowMinimumSize(app->win, 800, 480);
    if (!(flags & APP_SOFTWARE))
        app->ren = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    /* a video driver with no window surface of its own (Wayland in SDL 2.26): any renderer */
    if (!app->ren && !SDL_GetWindowSurface(app->win))
        app->ren = SDL_CreateRenderer(app->win, -1, 0);
    if (!app->ren && !SDL_GetWindowSurface(app->win)) {
        fprintf(stderr, "upfront: cannot draw in the window: %s\n", SDL_GetError());
        SDL_DestroyWindow(app->win);
        free(app);
        return NULL;
    }
    update_sizes(app);
    char fonts[1100];
    SDL_snprintf(fonts, sizeof fonts, "%s/assets/fonts", app->data_dir);
    /* the heaviest frame (play) looks up about 230 texts: room for it twice over */
    app->ui.text = text_cache_new(512);
    if (!app->ui.text || theme_open(&app->theme, fonts, app->out_w, app->out_h,
                                    theme_text_size_factor(app->settings.text_size),
                                    app->settings.palette) != 0) {
        fprintf(stderr, "upfront: cannot open the fonts in %s: %s\n", fonts, SDL_GetError());
        text_cache_free(app->ui.text);
        theme_close(&app->theme);
        if (app->ren)
            SDL_DestroyRenderer(app->ren);
        SDL_DestroyWindow(app->win);
        free(app);
        return NULL;
    }
    app->ui.theme = &app->theme;
    const char *nd = SDL_getenv("UPFRONT_NO_DAMAGE"), *cd = SDL_getenv("UPFRONT_CHECK_DAMAGE");
    app->no_damage = nd && strcmp(nd, "1") == 0;
    app->check_damage = cd && strcmp(cd, "1") == 0;
    app->ui.mouse_x = app->ui.mouse_y = -1;
    app->next_seed = opts && opts->has_seed ? opts->seed : (uint64_t)time(NULL) ^ SDL_GetPerformanceCounter();
    choose_default_scenario(app);
    app_scan_save(app);
    app->running = 1;
    app->dirty = 1;
    app_push(app, title_screen_new());
    if (app->opts.class_code && app->opts.class_code[0]) {
        /* a class code given at start: joined at once with the player's name, else the
         * class screen asks for the name with the code filled in */
        char err[200];
        if (!app->player[0])
            app_push(app, class_screen_new());
        else if (app_join_class(app, app->player, app->opts.class_code, err, sizeof err) != 0)
            app_toast(app, "%s", err);
    }
    if (app->opts.server && app->opts.server[0]) {
        char why[300];
        if (app_join_server(app, app->opts.server, why, sizeof why) != 0)
            app_toast(app, "Class server: %s", why);
    }
    return app;
}

static void apply_pending(App *app)
{
    for (int i = 0; i < app->pending_count; i++) {
        int op = app->pending[i].op;
        Screen *s = app->pending[i].screen;
        if (op == OP_POP || op == OP_REPLACE || op == OP_RESET) {
            int n = op == OP_RESET ? app->depth : 1;
            for (int k = 0; k < n && app->depth > 0; k++) {
                Screen *top = app->stack[--app->depth];
                top->leave(top, app);
            }
        }
        if (s) {
            if (app->depth < APP_MAX_SCREENS) {
                app->stack[app->depth++] = s;
                if (s->enter)
                    s->enter(s, app);
            } else {
                s->leave(s, app);
            }
        }
    }
    if (app->pending_count) {
        /* a message belongs to the screen it was given on, unless it is about the change */
        if (!app->toast_keep)
            app->toast[0] = '\0';
        app->changed_at = app->now;
        app->window_faded = 0; /* a new fade: its first frame is copied whole */
        app->dirty = 1;
        app->animating = 1;
    }
    app->pending_count = 0;
    app->toast_keep = 0;
    if (app->depth == 0)
        app->running = 0;
}

static void queue(App *app, int op, Screen *s)
{
    if (app->pending_count >= APP_MAX_SCREENS) {
        if (s)
            s->leave(s, app);
        return;
    }
    app->pending[app->pending_count].op = op;
    app->pending[app->pending_count].screen = s;
    app->pending_count++;
}

void app_push(App *app, Screen *s)
{
    if (s)
        queue(app, OP_PUSH, s);
}
void app_pop(App *app) { queue(app, OP_POP, NULL); }
void app_replace(App *app, Screen *s)
{
    if (s)
        queue(app, OP_REPLACE, s);
}
void app_reset(App *app, Screen *s)
{
    if (s)
        queue(app, OP_RESET, s);
}
void app_quit(App *app) { app->running = 0; }
void app_redraw(App *app)
{
    app->dirty = 1;
    app->canvas_valid = 0;
}

void app_toast(App *app, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    SDL_vsnprintf(app->toast, sizeof app->toast, fmt, ap);
    va_end(ap);
    app->toast_until = app->now + 4000;
    app->toast_keep = 1;
    app->dirty = 1;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    apply_pending(app);
    /* closing the window mid-game loses nothing: the game so far is saved */
    if (app->session && !game_over(app->session->game) && game_action_count(app->session->game) > 0)
        app_checkpoint(app);
    app_class_close(app);
    while (app->depth > 0) {
        Screen *top = app->stack[--app->depth];
        top->leave(top, app);
    }
    session_free(app->session);
    catalog_free(&app->catalog);
    text_cache_free(app->ui.text);
    if (app->shown)
        SDL_DestroyTexture(app->shown);
    raster_free(app->canvas);
    raster_free(app->win_raster);
    rec_free(&app->rec[0]);
    rec_free(&app->rec[1]);
    theme_close(&app->theme);
    if (app->ren)
        SDL_DestroyRenderer(app->ren);
    SDL_DestroyWindow(app->win);
    free(app);
}

int app_running(const App *app) { return app->running; }

static Screen *top(const App *app)
{
    return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

static void to_output(const App *app, int *x, int *y)
{
    if (app->win_w > 0 && app->win_h > 0) {
        *x = *x * app->out_w / app->win_w;
        *y = *y * app->out_h / app->win_h;
    }
}

static void set_hover(App *app)
{
    int id = app->ui.mouse_x < 0 ? 0 : widget_hit_at(&app->ui, app->ui.mouse_x, app->ui.mouse_y);
    if (id != app->ui.hover_id) {
        app->ui.hover_id = id;
        app->dirty = 1;
    }
}

int app_handle_event(App *app, const SDL_Event *ev)
{
    SDL_Event e = *ev;
    if (e.type == SDL_RENDER_TARGETS_RESET || e.type == SDL_RENDER_DEVICE_RESET)
        app->canvas_valid = 0; /* the shown texture's pixels may be lost */
    if (e.type == SDL_RENDER_DEVICE_RESET && app->shown) {
        SDL_DestroyTexture(app->shown); /* and the texture itself: canvas_ready makes it anew */
        app->shown = NULL;
    }
    /* animations started by this event start from when it happened */
    if (e.common.timestamp > app->now)
        app->now = e.common.timestamp;
    switch (e.type) {
    case SDL_QUIT:
        app->running = 0;
        return 0;
    case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_RESIZED)
            refit(app);
        else if (e.window.event == SDL_WINDOWEVENT_LEAVE) {
            app->ui.mouse_x = app->ui.mouse_y = -1;
            set_hover(app);
        } else {
            app->dirty = 1;
            app->push_all = 1; /* exposed, shown, moved: the whole window again */
        }
        return app->running;
    case SDL_MOUSEMOTION:
        to_output(app, &e.motion.x, &e.motion.y);
        app->ui.mouse_x = e.motion.x;
        app->ui.mouse_y = e.motion.y;
        set_hover(app);
        return app->running;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        to_output(app, &e.button.x, &e.button.y);
        app->ui.mouse_x = e.button.x;
        app->ui.mouse_y = e.button.y;
        break;
    case SDL_MOUSEWHEEL:
        break;
    case SDL_DROPFILE:
        /* a scenario file dropped on the window (or chosen in the host's file picker) */
        if (e.drop.file) {
            app_open_scenario(app, e.drop.file);
            SDL_free(e.drop.file);
        }
        apply_pending(app);
        return app->running;
    case SDL_KEYDOWN:
        if (e.key.keysym.sym == SDLK_F11) {
            app->settings.fullscreen = !app->settings.fullscreen;
            app_apply_settings(app);
            return app->running;
        }
        break;
    default:
        break;
    }
    Screen *s = top(app);
    if (s && s->event && s->event(s, app, &e))
        app->dirty = 1;
    apply_pending(app);
    return app->running;
}

static void draw_toast(App *app)
{
    if (!app->toast[0])
        return;
    Ui *ui = &app->ui;
    const Theme *t = &app->theme;
    int pad = theme_grid(t, 2);
    int wrap = app->out_w * 2 / 3;
    int tw, th;
    SDL_Color fg = t->palette == PALETTE_HIGH_CONTRAST ? t->c.bg : t->c.surface;
    const RasterMask *mask = text_get(ui->text, t->font[FONT_BODY_BOLD], app->toast, fg, wrap, &tw, &th);
    if (!mask)
        return;
    /* above the screens' row of buttons at the bottom (up to 44 px tall, 16 px from the
     * edge), never over them: a toast lasts 4 s, a click on a button must not wait for it */
    int above = theme_px(t, 44) + theme_grid(t, 2) + theme_grid(t, 1);
    SDL_Rect box = {(app->out_w - tw) / 2 - pad, app->out_h - above - th - pad, tw + 2 * pad, th + pad};
    widget_round(ui, box, theme_px(t, 8), t->c.text);
    rec_text(ui->rec, mask, text_last_serial(ui->text), box.x + pad, box.y + pad / 2);
}

/* --watch: while the file on disk is invalid, its errors stay on screen until it is fixed. */
static void draw_watch_panel(App *app)
{
    if (!app->watch_broken)
        return;
    Ui *ui = &app->ui;
    const Theme *t = &app->theme;
    int g = theme_grid(t, 1);
    int w = app->out_w - g * 4, inner = w - g * 4;
    const char *head = "The scenario file has errors. You are still playing the last version that "
                       "loaded; fix the file and save it to reload.";
    int hw, hh = 0, dw, dh = 0;
    SDL_Color fg = t->c.text;
    if (!text_get(ui->text, t->font[FONT_BODY_BOLD], head, fg, inner, &hw, &hh))
        hh = t->line[FONT_BODY_BOLD];
    if (!text_get(ui->text, t->font[FONT_BODY], app->watch_diags, t->c.bad, inner, &dw, &dh))
        dh = t->line[FONT_BODY];
    int h = hh + dh + g * 5;
    if (h > app->out_h - g * 4)
        h = app->out_h - g * 4;
    SDL_Rect r = {g * 2, app->out_h - h - g * 2, w, h};
    widget_card(ui, r, 0, t->c.bad);
    widget_hit(ui, r, 900, NULL); /* nothing underneath the panel takes a click */
    widget_text(ui, r.x + g * 2, r.y + g * 2, inner, FONT_BODY_BOLD, fg, head);
    widget_text(ui, r.x + g * 2, r.y + g * 3 + hh, inner, FONT_BODY, t->c.bad, app->watch_diags);
}

/* Records the frame: the screens bottom to top (each draw, then its draw_live), the
 * --watch panel, the toast and the tooltip. */
static void record_frame(App *app)
{
    Ui *ui = &app->ui;
    widget_begin(ui);
    SDL_Color bg = app->theme.c.bg;
    bg.a = 255;
    SDL_Rect all = {0, 0, app->out_w, app->out_h};
    rec_color(ui->rec, bg, SDL_BLENDMODE_NONE);
    rec_fill(ui->rec, &all); /* every pixel: a region's replay starts from nothing */
    int base = app->depth - 1;
    while (base > 0 && app->stack[base]->overlay)
        base--;
    for (int i = base < 0 ? 0 : base; i < app->depth; i++) {
        if (i > base) {
            /* the screen below stays visible but can't be clicked */
            widget_begin(ui);
            widget_fill(ui, all, theme_alpha(app->theme.c.overlay, 150));
        }
        app->stack[i]->draw(app->stack[i], app);
        if (app->stack[i]->draw_live)
            app->stack[i]->draw_live(app->stack[i], app);
    }
    draw_watch_panel(app);
    draw_toast(app);
    const char *tip = ui->hover_id ? widget_tip(ui, ui->hover_id) : NULL;
    if (tip)
        widget_tooltip(ui, ui->mouse_x, ui->mouse_y, tip);
}

/* A new full screen fades in over 150 ms (input is taken throughout): the alpha of the
 * background colour laid over the frame, 0 when there is no fade. */
static Uint8 fade_alpha(const App *app)
{
    Uint32 since = app->now - app->changed_at;
    if (app->depth == 0 || app->stack[app->depth - 1]->overlay || since >= APP_FADE_MS)
        return 0;
    float p = tween_ease((float)since / (float)APP_FADE_MS);
    return (Uint8)(200.0f * (1.0f - p));
}

Uint8 app_fade(const App *app) { return fade_alpha(app); }

const Raster *app_picture(const App *app) { return app->on_window ? app->win_raster : app->canvas; }

/* The software path: the window's surface as a picture when it is 32-bit XRGB. A new
 * surface (after a resize, perhaps at the same address) loses a picture drawn in it. */
static int window_ready(App *app)
{
    SDL_Surface *ws = SDL_GetWindowSurface(app->win);
    if (!ws)
        return 0;
    if (app->win_surface == ws && app->win_pixels == ws->pixels)
        return 1;
    raster_free(app->win_raster);
    app->win_raster = NULL;
    if (app->on_window)
        app->canvas_valid = 0;
    app->on_window = 0;
    app->window_faded = 0; /* a blank surface: a fade going on is copied whole again */
    app->win_surface = ws;
    app->win_pixels = ws->pixels;
    app->push_all = 1;
    /* 32-bit, red-green-blue in the low bytes; an alpha byte (macOS) is kept opaque */
    Uint32 f = ws->format->format;
    if ((f == SDL_PIXELFORMAT_RGB888 || f == SDL_PIXELFORMAT_ARGB8888) && !SDL_MUSTLOCK(ws) &&
        ws->w == app->out_w && ws->h == app->out_h)
        app->win_raster = raster_wrap(ws->pixels, ws->w, ws->h, ws->pitch);
    return 1;
}

/* The canvas at the output's size, and what shows it; 0 when out of memory or the
 * window can't be drawn in. */
static int canvas_ready(App *app)
{
    if (!app->canvas || raster_width(app->canvas) != app->out_w || raster_height(app->canvas) != app->out_h) {
        raster_free(app->canvas);
        if (app->shown)
            SDL_DestroyTexture(app->shown);
        app->shown = NULL;
        app->canvas_valid = 0;
        app->on_window = 0;
        app->canvas = raster_new(app->out_w, app->out_h);
        if (!app->canvas)
            return 0;
    }
    if (!app->ren)
        return window_ready(app);
    if (!app->shown) {
        app->shown = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING,
                                       app->out_w, app->out_h);
        if (!app->shown)
            return 0;
        SDL_SetTextureBlendMode(app->shown, SDL_BLENDMODE_NONE);
    }
    return 1;
}

/* Copies region d of the canvas into the window's surface. */
static void canvas_to_window(App *app, SDL_Rect d)
{
    SDL_Surface *ws = app->win_surface;
    int pitch;
    const Uint8 *px = (const Uint8 *)raster_pixels(app->canvas, &pitch);
    SDL_Rect in = {0, 0, ws->w, ws->h};
    if (!SDL_IntersectRect(&d, &in, &d) || SDL_LockSurface(ws) != 0)
        return;
    Uint8 *to = (Uint8 *)ws->pixels + (size_t)d.y * (size_t)ws->pitch + (size_t)d.x * ws->format->BytesPerPixel;
    SDL_ConvertPixels(d.w, d.h, SDL_PIXELFORMAT_RGB888, px + (size_t)d.y * (size_t)pitch + (size_t)d.x * 4,
                      pitch, ws->format->format, to, ws->pitch);
    SDL_UnlockSurface(ws);
}

static void push(App *app, SDL_Rect d)
{
    if (app->push_n < REC_MAX_DAMAGE)
        app->push[app->push_n++] = d;
    else
        app->push_all = 1;
}

/* Shows the picture (made by rec), changed in the n regions d, with the fade laid over
 * it. */
static void show(App *app, const Rec *rec, const SDL_Rect *d, int n, Uint8 fade)
{
    SDL_Color bg = app->theme.c.bg;
    SDL_Rect all = {0, 0, app->out_w, app->out_h};
    if (app->ren) {
        int pitch;
        const Uint8 *px = (const Uint8 *)raster_pixels(app->canvas, &pitch);
        for (int i = 0; i < n; i++)
            SDL_UpdateTexture(app->shown, &d[i], px + (size_t)d[i].y * (size_t)pitch + (size_t)d[i].x * 4, pitch);
        SDL_RenderCopy(app->ren, app->shown, NULL, NULL);
        if (fade) {
            SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(app->ren, bg.r, bg.g, bg.b, fade);
            SDL_RenderFillRect(app->ren, NULL);
        }
        return;
    }
    if (app->on_window) {
        for (int i = 0; i < n; i++)
            push(app, d[i]);
        return;
    }
    /* the picture is the canvas's: copied where it changed, whole on a fade's first frame
     * (a new screen, or a new window surface). Under a fade the veil of this frame is laid
     * wherever the picture is not the background (over the background it is the
     * background): on the first frame once all is copied, then on those regions and where
     * the picture changed, each copied again first. */
    int whole = fade && !app->window_faded; /* (a fade's end moves the picture to the window) */
    if (whole) {
        canvas_to_window(app, all);
        app->push_all = 1;
    } else if (!fade) {
        for (int i = 0; i < n; i++) {
            canvas_to_window(app, d[i]);
            push(app, d[i]);
        }
    }
    app->window_faded = fade && app->win_raster;
    if (!app->window_faded)
        return;
    /* where this frame's picture is not the background (anything that moved, a tooltip,
     * the focus, is there: it gets this frame's veil too) */
    SDL_Rect cover[REC_MAX_DAMAGE];
    int m = rec_cover(rec, cover, REC_MAX_DAMAGE, app->out_w, app->out_h);
    long area = 0;
    for (int k = 0; k < m; k++)
        area += (long)cover[k].w * cover[k].h;
    if (area * 2 > (long)app->out_w * app->out_h) { /* most of it: all, in one pass */
        cover[0] = all;
        m = 1;
    }
    bg.a = fade;
    for (int k = 0; k < m + (whole ? 0 : n); k++) {
        SDL_Rect r = k < m ? cover[k] : d[k - m];
        if (!whole)
            canvas_to_window(app, r);
        raster_fill(app->win_raster, r, bg, 1, r);
        if (!whole)
            push(app, r);
    }
}

/* Puts the frame on the screen. */
static void present(App *app)
{
    if (app->ren) {
        SDL_RenderPresent(app->ren);
        return;
    }
    if (app->push_all)
        SDL_UpdateWindowSurface(app->win);
    else if (app->push_n > 0)
        SDL_UpdateWindowSurfaceRects(app->win, app->push, app->push_n);
    app->push_all = 0;
    app->push_n = 0;
}

/* UPFRONT_CHECK_DAMAGE: the canvas after a repaint must equal the frame drawn whole. */
static void check_damage(App *app, const Rec *cur)
{
    Raster *whole = raster_new(app->out_w, app->out_h);
    if (!whole)
        return;
    SDL_Rect all = {0, 0, app->out_w, app->out_h};
    rec_replay(cur, whole, all);
    int pa, pb, same = 1;
    const Uint8 *a = (const Uint8 *)raster_pixels(app_picture(app), &pa), *b = (const Uint8 *)raster_pixels(whole, &pb);
    for (int y = 0; y < app->out_h && same; y++)
        same = memcmp(a + (size_t)y * (size_t)pa, b + (size_t)y * (size_t)pb, (size_t)app->out_w * 4) == 0;
    if (!same) {
        fprintf(stderr, "upfront: a repainted frame of '%s' differs from a whole draw\n", app_screen_name(app));
        abort();
    }
    raster_free(whole);
}

/* Draws a frame: it is recorded, compared with the recording that made the canvas, and
 * only the regions where it changed are drawn into the canvas and uploaded to the shown
 * texture, which is then copied to the window. Returns 0 when it could not draw (out of
 * memory: the next frame tries again, whole). */
static int draw(App *app)
{
    Ui *ui = &app->ui;
    if (!canvas_ready(app))
        return 0;
    /* the software path draws into the window itself, but not under a fade: the picture
     * moves (once) to where this frame wants it */
    Uint8 fade = fade_alpha(app);
    int want_window = !app->ren && app->win_raster && !fade;
    if (want_window != app->on_window) {
        if (want_window)
            raster_copy(app->win_raster, app->canvas);
        else
            raster_copy(app->canvas, app->win_raster);
        app->on_window = want_window;
        app->push_all = 1;
        app->window_faded = 0;
    }
    Raster *pic = app->on_window ? app->win_raster : app->canvas;
    Rec *cur = &app->rec[app->rec_cur], *old = &app->rec[!app->rec_cur];
    rec_begin(cur);
    cur->stamp0 = text_stamp(ui->text);
    ui->rec = cur;
    text_set_rec(ui->text, cur);
    record_frame(app);
    text_set_rec(ui->text, NULL);
    rec_end(cur);
    if (cur->failed) {
        app->canvas_valid = 0;
        return 0;
    }
    SDL_Rect d[REC_MAX_DAMAGE];
    int n;
    if (app->canvas_valid && !app->no_damage) {
        n = rec_damage(old, cur, d, REC_MAX_DAMAGE, app->out_w, app->out_h);
        app->stats.damage_draws++;
    } else {
        d[0].x = d[0].y = 0;
        d[0].w = app->out_w;
        d[0].h = app->out_h;
        n = 1;
        app->stats.full_draws++;
    }
    for (int i = 0; i < n; i++) {
        rec_replay(cur, pic, d[i]);
        app->stats.damage_px += (long)d[i].w * d[i].h;
    }
    app->rec_cur = !app->rec_cur;
    app->canvas_valid = 1;
    if (app->check_damage)
        check_damage(app, cur);
    show(app, cur, d, n, fade);
    return 1;
}

static void watch_scenario(App *app)
{
    /* a finished game keeps the scenario it was played on until its debrief closes */
    if (!app->opts.watch || app->current < 0 || (app->session && game_over(app->session->game)))
        return;
    Scenario *old = NULL;
    int r = catalog_reload(&app->catalog, app->current, &old);
    if (r < 0) {
        app->watch_broken = 1;
        SDL_utf8strlcpy(app->watch_diags, app->catalog.items[app->current].diags, sizeof app->watch_diags);
        app_toast(app, "Scenario not reloaded: %s", app->catalog.items[app->current].error);
        return;
    }
    if (r == 0)
        return;
    app->watch_broken = 0;
    app->load_error[0] = '\0';
    const Scenario *now = app->catalog.items[app->current].scenario;
    int replayed = 0, total = 0;
    if (app->session) {
        /* replay the actions so far on the new scenario, as far as they still apply */
        Session *s = app->session;
        Session *n = session_new(now, s->scenario_path, s->seed, s->player);
        if (n) {
            total = game_action_count(s->game);
            for (int i = 0; i < total; i++) {
                if (session_apply(n, game_action(s->game, i)) != ACTION_OK)
                    break;
                replayed++;
            }
            n->started = s->started;
            session_free(s);
            app->session = n;
        } else {
            /* keep the old scenario alive for the old game */
            app->catalog.items[app->current].scenario = old;
            scenario_free((Scenario *)(uintptr_t)now);
            app_toast(app, "Scenario not reloaded: out of memory");
            return;
        }
    }
    scenario_free(old);
    if (app->session)
        app_toast(app, "Scenario reloaded: %d of %d actions replayed", replayed, total);
    else
        app_toast(app, "Scenario reloaded");
}

/* The round's time ran out: the days left pass with no action, the results are saved
 * and the debrief opens. */
static void times_up(App *app)
{
    app->round_on = 0;
    Session *s = app->session;
    if (!s || game_over(s->game))
        return;
    Action end = {ACTION_END_DAY, -1, 0};
    int days = scenario_day_count(s->scenario);
    for (int i = 0; i <= days && !game_over(s->game); i++)
        if (session_apply(s, &end) != ACTION_OK)
            break;
    if (!game_over(s->game))
        return;
    app_reset(app, debrief_screen_new());
    apply_pending(app);
    app_toast(app, "Time is up: the round is over and your results are saved.");
}

int app_frame(App *app, Uint32 now_ms)
{
    if (app->last_step == 0 || now_ms < app->last_step)
        app->last_step = now_ms;
    app->now = now_ms;
    Uint32 elapsed = now_ms - app->last_step;
    if (elapsed > 250)
        elapsed = 250;
    app->last_step = now_ms;
    app->acc += elapsed;
    int anim = 0;
    Screen *s = top(app);
    while (app->acc >= APP_STEP_MS) {
        app->acc -= APP_STEP_MS;
        if (s && s->update)
            anim |= s->update(s, app, APP_STEP_MS);
    }
    if (now_ms - app->changed_at < APP_FADE_MS + APP_STEP_MS)
        anim = 1;
    /* the frame on which an animation ends is drawn too, or its last value never shows */
    if (anim || app->animating)
        app->dirty = 1;
    app->animating = anim;
    if (app->toast[0] && now_ms >= app->toast_until) {
        app->toast[0] = '\0';
        app->dirty = 1;
    }
    if (app->round_on) {
        int left = app_round_seconds_left(app);
        if (left == 0)
            times_up(app);
        else if (left != app->round_shown) {
            app->round_shown = left;
            app->dirty = 1;
        }
    }
    app_class_poll(app); /* the debrief says when the class server has the game */
    if (app->opts.watch && now_ms >= app->next_watch) {
        app->next_watch = now_ms + 500;
        watch_scenario(app);
    }
    apply_pending(app);
    if (!app->dirty || app->depth == 0)
        return 0;
    app->dirty = 0;
    if (!draw(app))
        app->dirty = 1;
    present(app);
    set_hover(app);
    return 1;
}

int app_wait_ms(const App *app, Uint32 now_ms)
{
    if (app->dirty || app->animating || app->pending_count)
        return APP_STEP_MS;
    int wait = 250; /* the quit flag is checked at least this often */
    if (app->round_on) {
        int to_second = (int)((app->round_end - now_ms) % 1000u) + 1;
        if (to_second < wait)
            wait = to_second;
    }
    if (app->toast[0]) {
        int left = (int)(app->toast_until - now_ms);
        if (left < wait)
            wait = left < 1 ? 1 : left;
    }
    return wait;
}

SDL_Surface *app_screenshot(App *app)
{
    int nd = app->no_damage;
    app->no_damage = 1; /* drawn whole: the pictures tests and bench compare against */
    int ok = draw(app);
    app->no_damage = nd;
    present(app);
    if (!ok)
        return NULL;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, app->out_w, app->out_h, 24, SDL_PIXELFORMAT_RGB24);
    if (!surf)
        return NULL;
    int pitch;
    const Uint32 *px = raster_pixels(app_picture(app), &pitch);
    if (SDL_ConvertPixels(app->out_w, app->out_h, SDL_PIXELFORMAT_RGB888, px, pitch, SDL_PIXELFORMAT_RGB24,
                          surf->pixels, surf->pitch) != 0) {
        SDL_FreeSurface(surf);
        return NULL;
    }
    return surf;
}

const char *app_screen_name(const App *app)
{
    const Screen *s = top(app);
    return s ? s->name : "";
}

const Game *app_game(const App *app) { return app->session ? app->session->game : NULL; }
const Session *app_session(const App *app) { return app->session; }
TextStats app_text_stats(const App *app) { return text_stats(app->ui.text); }

const Scenario *app_scenario(const App *app)
{
    if (app->current < 0 || app->current >= app->catalog.count)
        return NULL;
    return app->catalog.items[app->current].scenario;
}

int app_start_game(App *app)
{
    const Scenario *sc = app_scenario(app);
    if (!sc) {
        app_toast(app, "%s", app->load_error[0] ? app->load_error : "No scenario to play");
        return -1;
    }
    app_end_game(app);
    uint64_t seed = app->opts.has_seed ? app->opts.seed : app->next_seed++;
    app->session = session_new(sc, app->catalog.items[app->current].path, seed, app->player);
    app->new_best = 0;
    if (!app->session) {
        app_toast(app, "Out of memory");
        return -1;
    }
    if (app->opts.from_week > 1) {
        /* testing from a point: a strategy plays the weeks before, through game_apply, on
         * the same strategy stream as 'upfront run --strategy' */
        const char *name = app->opts.autoplay ? app->opts.autoplay : "sales2";
        const Strategy *st = strategy_find(name);
        int weeks = scenario_calendar(sc)->weeks;
        /* past the last week the strategy plays the whole game */
        int whole = app->opts.from_week > weeks;
        int from = whole ? weeks + 1 : app->opts.from_week;
        if (st && from > 1) {
            Rng rng;
            rng_seed(&rng, seed, 0x57a7u);
            Session *s = app->session;
            for (int i = 0; i < 200000 && !game_over(s->game) && game_week(s->game) < from; i++) {
                Action a = strategy_choose(st, s->game, &rng);
                if (session_apply(s, &a) != ACTION_OK)
                    break;
            }
            /* recorded in the results: the weeks before the hand-over were not the trainee's */
            s->played_by = whole ? PLAYED_BY_STRATEGY : PLAYED_BY_ASSISTED;
            SDL_utf8strlcpy(s->strategy, strategy_name(st), sizeof s->strategy);
            s->strategy_weeks = whole ? 0 : from - 1;
            if (whole)
                app_toast(app, "This scenario has %d weeks: %s played the whole game.", weeks, name);
            else
                app_toast(app, "Weeks 1 to %d were played by %s; you take over at week %d.", from - 1, name, from);
        }
    }
    if (app->opts.time_limit_min > 0) {
        app->round_on = 1;
        app->round_end = app->now + (Uint32)app->opts.time_limit_min * 60000u;
        app->round_shown = -1;
    }
    return 0;
}

int app_rewind_game(App *app, int day)
{
    Session *old = app->session;
    if (!old || !game_over(old->game) || day < 1 || day > scenario_day_count(old->scenario)) {
        app_toast(app, "There is no finished game to rewind.");
        return -1;
    }
    Session *s = session_rewind(old, day);
    if (!s) {
        app_toast(app, "The game could not be rewound to day %d.", day);
        return -1;
    }
    app_end_game(app);
    app->session = s;
    app->new_best = 0;
    return 0;
}

void app_end_game(App *app)
{
    session_free(app->session);
    app->session = NULL;
    app->round_on = 0;
}

int app_round_seconds_left(const App *app)
{
    if (!app->round_on)
        return -1;
    if ((Sint32)(app->round_end - app->now) <= 0)
        return 0;
    return (int)((app->round_end - app->now + 999u) / 1000u);
}

const char *app_results_dir(const App *app)
{
    return app->results_dir;
}

void app_finish_game(App *app)
{
    Session *s = app->session;
    if (!s || !game_over(s->game))
        return;
    app->round_on = 0;
    if (!s->saved) {
        app_class_results(app);
        const char *dir = app_results_dir(app);
        session_save(s, dir);
        ScoreCard sc;
        score_compute(s->game, &sc);
        /* a best is the trainee's own: not a game a strategy played, wholly or its first weeks */
        app->new_best = s->played_by == PLAYED_BY_PERSON &&
                        settings_record_best_rewound(&app->settings, scenario_id(s->scenario), sc.total,
                                                     s->rewound_day) && sc.total > 0;
        if (app->settings_path[0])
            settings_save(&app->settings, app->settings_path);
    }
    /* the save goes only once the results file is written: until then it is the game */
    if (s->saved && app->save_path[0] && platform_is_file(app->save_path)) {
        remove(app->save_path); /* a finished game has nothing to resume */
        app->resume.valid = 0;
    }
    session_compare(s);
}

int app_retry_save(App *app)
{
    Session *s = app->session;
    if (!s || !game_over(s->game))
        return -1;
    if (!s->saved)
        session_save(s, app_results_dir(app));
    if (!s->saved && app->pref_dir[0]) {
        /* the folder given still fails: the per-user folder, so the game is not lost */
        char fallback[1200];
        SDL_snprintf(fallback, sizeof fallback, "%sresults", app->pref_dir);
        if (SDL_strcmp(fallback, app_results_dir(app)) != 0) {
            char first[sizeof s->save_error];
            SDL_utf8strlcpy(first, s->save_error, sizeof first);
            if (session_save(s, fallback) != 0)
                SDL_utf8strlcpy(s->save_error, first, sizeof s->save_error);
        }
    }
    if (s->saved && app->save_path[0] && platform_is_file(app->save_path)) {
        remove(app->save_path);
        app->resume.valid = 0;
    }
    return s->saved ? 0 : -1;
}

void app_apply_settings(App *app)
{
    SDL_SetWindowFullscreen(app->win, app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    refit(app);
    if (app->settings_path[0])
        settings_save(&app->settings, app->settings_path);
}

/* --- save and resume ------------------------------------------------------------------ */

int app_checkpoint(App *app)
{
    app_class_progress(app);
    Session *s = app->session;
    if (!s || !app->save_path[0])
        return -1;
    if (game_over(s->game) && s->saved) {
        remove(app->save_path);
        app->resume.valid = 0;
        return 0;
    }
    ResultsMeta meta = session_meta(s);
    FileStatus st = save_write(app->save_path, s->game, &meta);
    if (st != FILE_OK) {
        app_toast(app, "Could not save the game: %s", file_status_message(st, errno));
        return -1;
    }
    return 0;
}

/* Reads the save and resumes it on its scenario (the same file, else the same id, with the
 * same content hash) from the catalog; returns the game with info filled and *idx set, or
 * NULL with a reason in err. */
static Game *read_save(App *app, ActionLog *info, int *idx, char *err, size_t cap)
{
    memset(info, 0, sizeof *info);
    *idx = -1;
    if (!app->save_path[0] || !platform_is_file(app->save_path)) {
        SDL_utf8strlcpy(err, "There is no saved game.", cap);
        return NULL;
    }
    DiagList *d = diag_list_new();
    ActionLog head;
    memset(&head, 0, sizeof head);
    Game *g = NULL;
    if (!d || save_read_header(app->save_path, &head, d, NULL) != 0 || !head.scenario_id) {
        SDL_utf8strlcpy(err, "The saved game can't be read.", cap);
    } else {
        int i = -1;
        if (head.scenario_path && head.scenario_path[0] && platform_is_file(head.scenario_path))
            i = catalog_add(&app->catalog, head.scenario_path);
        const Scenario *sc = i >= 0 ? app->catalog.items[i].scenario : NULL;
        if (!sc || SDL_strcmp(scenario_id(sc), head.scenario_id) != 0 ||
            (head.scenario_hash && SDL_strcmp(scenario_hash(sc), head.scenario_hash) != 0)) {
            i = catalog_find(&app->catalog, head.scenario_id);
            sc = i >= 0 ? app->catalog.items[i].scenario : NULL;
        }
        if (!sc) {
            SDL_snprintf(err, cap, "The saved game's scenario (%s) is not here.", head.scenario_id);
        } else if (head.scenario_hash && SDL_strcmp(scenario_hash(sc), head.scenario_hash) != 0) {
            SDL_snprintf(err, cap, "The scenario %s has changed since the game was saved.", head.scenario_id);
        } else {
            g = save_load(app->save_path, sc, info, d, NULL);
            if (!g)
                SDL_utf8strlcpy(err, "The saved game can't be replayed.", cap);
            else
                *idx = i;
        }
    }
    action_log_free(&head);
    diag_list_free(d);
    if (!g)
        action_log_free(info);
    return g;
}

void app_scan_save(App *app)
{
    memset(&app->resume, 0, sizeof app->resume);
    ActionLog info;
    char err[200];
    int idx;
    Game *g = read_save(app, &info, &idx, err, sizeof err);
    if (!g)
        return;
    const Scenario *sc = app->catalog.items[idx].scenario;
    app->resume.valid = !game_over(g);
    app->resume.day = game_day(g);
    app->resume.days = scenario_day_count(sc);
    SDL_utf8strlcpy(app->resume.title, scenario_title(sc), sizeof app->resume.title);
    SDL_utf8strlcpy(app->resume.player, info.player ? info.player : "", sizeof app->resume.player);
    game_free(g);
    action_log_free(&info);
}

int app_resume_game(App *app)
{
    ActionLog info;
    char err[200];
    int idx;
    Game *g = read_save(app, &info, &idx, err, sizeof err);
    if (!g || game_over(g)) {
        app_toast(app, "%s", g ? "The saved game is already over." : err);
        game_free(g);
        action_log_free(&info);
        app_scan_save(app);
        return -1;
    }
    app_end_game(app);
    Session *s = session_adopt(app->catalog.items[idx].scenario, app->catalog.items[idx].path, g, info.player,
                               info.started);
    if (!s) {
        game_free(g);
        action_log_free(&info);
        app_toast(app, "Out of memory");
        return -1;
    }
    s->played_by = info.played_by;
    SDL_utf8strlcpy(s->strategy, info.strategy, sizeof s->strategy);
    s->strategy_weeks = info.strategy_weeks;
    s->rewound_day = info.rewound_day; /* a rewound game stays practice when resumed */
    app->session = s;
    app->current = idx;
    app->new_best = 0;
    app->opts.seed = game_seed(g);
    app->opts.has_seed = 1;
    if (info.player)
        SDL_utf8strlcpy(app->player, info.player, sizeof app->player);
    action_log_free(&info);
    return 0;
}

/* --- class set-up ---------------------------------------------------------------------- */

int app_join_class(App *app, const char *name, const char *code, char *err, size_t cap)
{
    char who[RESULTS_MAX_PLAYER * 4 + 1];
    SDL_utf8strlcpy(who, name ? name : "", sizeof who);
    size_t n = strlen(who);
    while (n > 0 && (who[n - 1] == ' ' || who[n - 1] == '\t'))
        who[--n] = '\0';
    const char *w = who;
    while (*w == ' ' || *w == '\t')
        w++;
    if (!*w) {
        SDL_utf8strlcpy(err, "Type your name first: it goes on the class report.", cap);
        return -1;
    }
    char why[160];
    if (results_check_player(w, why, sizeof why) != 0) {
        SDL_snprintf(err, cap, "That name can't go on the class report: %s.", why);
        return -1;
    }
    ClassCode cc;
    if (classcode_parse(code ? code : "", &cc) == CLASSCODE_INVALID) {
        SDL_utf8strlcpy(err, cc.error, cap);
        return -1;
    }
    int idx = -1;
    if (cc.kind == CLASSCODE_LONG) {
        idx = catalog_find(&app->catalog, cc.id);
    } else {
        for (int i = 0; i < app->catalog.count && idx < 0; i++) {
            const Scenario *sc = app->catalog.items[i].scenario;
            if (sc && classcode_tag(scenario_id(sc)) == cc.tag)
                idx = i;
        }
    }
    if (idx < 0 || !app->catalog.items[idx].scenario) {
        SDL_utf8strlcpy(err, "No scenario on this computer matches that code: check it with your instructor.", cap);
        return -1;
    }
    app->current = idx;
    app->opts.seed = cc.seed;
    app->opts.has_seed = 1;
    app->class_joined = 1;
    SDL_utf8strlcpy(app->player, w, sizeof app->player);
    return 0;
}

int app_open_scenario(App *app, const char *path)
{
    int before = app->catalog.count;
    int i = catalog_add(&app->catalog, path);
    if (i >= 0 && i < before && !(app->session && app->session->scenario == app->catalog.items[i].scenario)) {
        Scenario *old = NULL; /* the same file again, perhaps changed since */
        if (catalog_reload(&app->catalog, i, &old) == 1)
            scenario_free(old);
    }
    if (i < 0) {
        app_toast(app, "Could not open %s.", path);
        return -1;
    }
    const CatalogEntry *e = &app->catalog.items[i];
    if (!e->scenario) {
        app_toast(app, "%s", e->error);
        return -1;
    }
    app->current = i;
    const char *on = app_screen_name(app);
    if (SDL_strcmp(on, "title") == 0 || SDL_strcmp(on, "picker") == 0)
        app_push(app, briefing_screen_new());
    else
        app_toast(app, "%s is the scenario of the next game.", scenario_title(e->scenario));
    return i;
}

void app_class_code(const App *app, char *out, size_t cap)
{
    out[0] = '\0';
    const Scenario *sc = app_scenario(app);
    if (sc && app->opts.has_seed)
        classcode_make(scenario_id(sc), app->opts.seed, out, cap);
}
