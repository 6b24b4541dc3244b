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

#include "classcode.h"
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
    if (SDL_GetRendererOutputSize(app->ren, &app->out_w, &app->out_h) != 0) {
        app->out_w = app->win_w;
        app->out_h = app->win_h;
    }
}

static void refit(App *app)
{
    update_sizes(app);
    int r = theme_refit(&app->theme, app->out_w, app->out_h,
                        theme_text_size_factor(app->settings.text_size), app->settings.palette);
    if (r == 1)
        text_cache_clear(app->ui.text);
    app->dirty = 1;
    app->layer_valid = 0;
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
    SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
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
    char *pref = SDL_GetPrefPath("upfront", "upfront");
    if (pref) {
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
    if (!app->ren)
        app->ren = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_SOFTWARE);
    if (!app->ren) {
        fprintf(stderr, "upfront: cannot create a renderer: %s\n", SDL_GetError());
        SDL_DestroyWindow(app->win);
        free(app);
        return NULL;
    }
    update_sizes(app);
    char fonts[1100];
    SDL_snprintf(fonts, sizeof fonts, "%s/assets/fonts", app->data_dir);
    /* the heaviest frame (play) looks up about 230 texts: room for it twice over */
    app->ui.text = text_cache_new(app->ren, 512);
    if (!app->ui.text || theme_open(&app->theme, fonts, app->out_w, app->out_h,
                                    theme_text_size_factor(app->settings.text_size),
                                    app->settings.palette) != 0) {
        fprintf(stderr, "upfront: cannot open the fonts in %s: %s\n", fonts, SDL_GetError());
        text_cache_free(app->ui.text);
        theme_close(&app->theme);
        SDL_DestroyRenderer(app->ren);
        SDL_DestroyWindow(app->win);
        free(app);
        return NULL;
    }
    app->ui.ren = app->ren;
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
        app->dirty = 1;
        app->layer_valid = 0;
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
    app->layer_valid = 0;
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
    app->layer_valid = 0; /* a toast comes with a change (a reload, a save, a refusal) */
}

void app_destroy(App *app)
{
    if (!app)
        return;
    apply_pending(app);
    /* closing the window mid-game loses nothing: the game so far is saved */
    if (app->session && !game_over(app->session->game) && game_action_count(app->session->game) > 0)
        app_checkpoint(app);
    while (app->depth > 0) {
        Screen *top = app->stack[--app->depth];
        top->leave(top, app);
    }
    session_free(app->session);
    catalog_free(&app->catalog);
    text_cache_free(app->ui.text);
    if (app->layer)
        SDL_DestroyTexture(app->layer);
    if (app->pic)
        SDL_DestroyTexture(app->pic);
    rec_free(&app->rec[0]);
    rec_free(&app->rec[1]);
    theme_close(&app->theme);
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
        app->layer_valid = 0;
    }
}

int app_handle_event(App *app, const SDL_Event *ev)
{
    SDL_Event e = *ev;
    app->layer_valid = 0; /* any input may change what the screens draw */
    if (e.type == SDL_RENDER_TARGETS_RESET || e.type == SDL_RENDER_DEVICE_RESET)
        app->pic_valid = 0; /* the kept pictures' pixels are lost */
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
        } else
            app->dirty = 1;
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
    SDL_Texture *tex = text_get(ui->text, t->font[FONT_BODY_BOLD], app->toast, fg, wrap, &tw, &th);
    if (!tex)
        return;
    SDL_Rect box = {(app->out_w - tw) / 2 - pad, app->out_h - th - 2 * pad - theme_grid(t, 3),
                    tw + 2 * pad, th + pad};
    widget_round(ui, box, theme_px(t, 8), t->c.text);
    SDL_Rect dst = {box.x + pad, box.y + pad / 2, tw, th};
    SDL_RenderCopy(app->ren, tex, NULL, &dst);
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

/* The screens' pictures: each screen's draw and then its draw_live, bottom to top; with
 * live 0, draw only (the picture kept in the layer). */
static void draw_screens(App *app, int live)
{
    Ui *ui = &app->ui;
    widget_begin(ui);
    SDL_Color bg = app->theme.c.bg;
    bg.a = 255;
    rec_color(ui->rec, app->ren, bg, SDL_BLENDMODE_NONE);
    if (ui->rec && ui->rec->on) {
        SDL_Rect all = {0, 0, app->out_w, app->out_h};
        rec_fill(ui->rec, app->ren, &all); /* the same pixels as the clear */
    } else {
        SDL_RenderClear(app->ren);
    }
    int base = app->depth - 1;
    while (base > 0 && app->stack[base]->overlay)
        base--;
    for (int i = base < 0 ? 0 : base; i < app->depth; i++) {
        if (i > base) {
            /* the screen below stays visible but can't be clicked */
            widget_begin(ui);
            SDL_Rect all = {0, 0, app->out_w, app->out_h};
            widget_fill(ui, all, theme_alpha(app->theme.c.overlay, 150));
        }
        app->stack[i]->draw(app->stack[i], app);
        if (live && app->stack[i]->draw_live)
            app->stack[i]->draw_live(app->stack[i], app);
    }
}

/* The layer can hold the screens' picture when only the top screen has a draw_live (one
 * below would draw over the screens above it). */
static int layer_possible(const App *app)
{
    for (int i = 0; i + 1 < app->depth; i++)
        if (app->stack[i]->draw_live)
            return 0;
    return app->depth > 0;
}

/* A target texture of the output's size for the layer; 0 when the renderer has none. */
static int layer_ready(App *app)
{
    if (app->layer && app->layer_w == app->out_w && app->layer_h == app->out_h)
        return 1;
    if (app->layer)
        SDL_DestroyTexture(app->layer);
    app->layer_valid = 0;
    /* the window's own format where it has one: blending into it and copying it out take
     * SDL's fast paths (an ARGB target blends about a third slower in software) */
    Uint32 fmt = SDL_GetWindowPixelFormat(app->win);
    if (fmt == SDL_PIXELFORMAT_UNKNOWN || SDL_ISPIXELFORMAT_ALPHA(fmt) || SDL_ISPIXELFORMAT_INDEXED(fmt))
        fmt = SDL_PIXELFORMAT_RGB888;
    app->layer = SDL_CreateTexture(app->ren, fmt, SDL_TEXTUREACCESS_TARGET, app->out_w, app->out_h);
    if (!app->layer)
        return 0;
    SDL_SetTextureBlendMode(app->layer, SDL_BLENDMODE_NONE);
    app->layer_w = app->out_w;
    app->layer_h = app->out_h;
    return 1;
}

void app_layer_invalidate(App *app) { app->layer_valid = 0; }

/* A target texture of the output's size, in the window's format, for the picture of the
 * frames after input; 0 when the renderer has none. */
static int pic_ready(App *app)
{
    if (app->pic && app->pic_w == app->out_w && app->pic_h == app->out_h)
        return 1;
    if (app->pic)
        SDL_DestroyTexture(app->pic);
    app->pic_valid = 0;
    Uint32 fmt = SDL_GetWindowPixelFormat(app->win);
    if (fmt == SDL_PIXELFORMAT_UNKNOWN || SDL_ISPIXELFORMAT_ALPHA(fmt) || SDL_ISPIXELFORMAT_INDEXED(fmt))
        fmt = SDL_PIXELFORMAT_RGB888;
    app->pic = SDL_CreateTexture(app->ren, fmt, SDL_TEXTUREACCESS_TARGET, app->out_w, app->out_h);
    if (!app->pic)
        return 0;
    SDL_SetTextureBlendMode(app->pic, SDL_BLENDMODE_NONE);
    app->pic_w = app->out_w;
    app->pic_h = app->out_h;
    return 1;
}

/* UPFRONT_CHECK_DAMAGE: the repainted picture must equal the screens drawn from scratch. */
static void check_damage(App *app)
{
    int w = app->out_w, h = app->out_h;
    size_t n = (size_t)w * (size_t)h * 4;
    Uint32 *a = malloc(n), *b = malloc(n);
    if (a && b) {
        SDL_SetRenderTarget(app->ren, app->pic);
        int ra = SDL_RenderReadPixels(app->ren, NULL, SDL_PIXELFORMAT_ARGB8888, a, w * 4);
        SDL_SetRenderTarget(app->ren, NULL);
        int hits = app->ui.hit_count;
        draw_screens(app, 1);
        app->ui.hit_count = hits;
        int rb = SDL_RenderReadPixels(app->ren, NULL, SDL_PIXELFORMAT_ARGB8888, b, w * 4);
        if (ra == 0 && rb == 0 && memcmp(a, b, n) != 0) {
            fprintf(stderr, "upfront: a repainted frame of '%s' differs from a full redraw\n",
                    app_screen_name(app));
            abort();
        }
    }
    free(a);
    free(b);
}

/* A frame after input: the screens' drawing is recorded, compared with the recording that
 * made the kept picture, and only the regions where it changed are repainted into the
 * picture, which is then copied to the window. 0 when it can't (nothing drawn). */
static int draw_damaged(App *app)
{
    if (app->no_damage || !pic_ready(app))
        return 0;
    Ui *ui = &app->ui;
    Rec *cur = &app->rec[app->rec_cur], *old = &app->rec[!app->rec_cur];
    rec_begin(cur);
    cur->stamp0 = text_stamp(ui->text);
    ui->rec = cur;
    text_set_rec(ui->text, cur);
    draw_screens(app, 1);
    ui->rec = NULL;
    text_set_rec(ui->text, NULL);
    cur->on = 0;
    if (cur->failed) {
        app->pic_valid = 0;
        return 0;
    }
    SDL_Rect d[REC_MAX_DAMAGE];
    int n;
    if (app->pic_valid) {
        n = rec_damage(old, cur, d, REC_MAX_DAMAGE, app->out_w, app->out_h);
    } else {
        d[0].x = d[0].y = 0;
        d[0].w = app->out_w;
        d[0].h = app->out_h;
        n = 1;
    }
    if (n > 0) {
        SDL_SetRenderTarget(app->ren, app->pic);
        for (int i = 0; i < n; i++) {
            rec_replay(cur, app->ren, d[i]);
            app->stats.damage_px += (long)d[i].w * d[i].h;
        }
        SDL_SetRenderTarget(app->ren, NULL);
    }
    app->rec_cur = !app->rec_cur;
    app->pic_valid = 1;
    app->stats.damage_draws++;
    if (app->check_damage)
        check_damage(app);
    SDL_RenderCopy(app->ren, app->pic, NULL, NULL);
    return 1;
}

/* Draws a frame. With use_layer (a frame of an animation), the screens' draw goes into the
 * layer texture, which later frames of the animation copy, drawing only draw_live over
 * it, for as long as nothing but time changes: every event, screen change, app_redraw,
 * toast, hover change, refit and settings change invalidates it (app_layer_invalidate). */
static void draw(App *app, int use_layer)
{
    Ui *ui = &app->ui;
    if (use_layer && layer_possible(app) && layer_ready(app)) {
        if (!app->layer_valid || app->layer_hover != ui->hover_id) {
            SDL_SetRenderTarget(app->ren, app->layer);
            draw_screens(app, 0);
            SDL_SetRenderTarget(app->ren, NULL);
            app->layer_hits = ui->hit_count;
            app->layer_hover = ui->hover_id;
            app->layer_valid = 1;
            app->stats.layer_draws++;
        } else {
            ui->hit_count = app->layer_hits; /* the hit regions its draw registered */
            app->stats.layer_reuses++;
        }
        SDL_RenderCopy(app->ren, app->layer, NULL, NULL);
        Screen *t = app->stack[app->depth - 1];
        if (t->draw_live)
            t->draw_live(t, app);
    } else {
        app->layer_valid = 0;
        if (!draw_damaged(app))
            draw_screens(app, 1);
        app->stats.full_draws++;
    }
    /* a new full screen fades in over 150 ms; input is taken throughout */
    Uint32 since = app->now - app->changed_at;
    if (app->depth > 0 && !app->stack[app->depth - 1]->overlay && since < APP_FADE_MS) {
        float p = tween_ease((float)since / (float)APP_FADE_MS);
        SDL_Rect all = {0, 0, app->out_w, app->out_h};
        widget_fill(ui, all, theme_alpha(app->theme.c.bg, (Uint8)(200.0f * (1.0f - p))));
    }
    draw_watch_panel(app);
    draw_toast(app);
    const char *tip = ui->hover_id ? widget_tip(ui, ui->hover_id) : NULL;
    if (tip)
        widget_tooltip(ui, ui->mouse_x, ui->mouse_y, tip);
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
        app->layer_valid = 0;
    }
    if (app->round_on) {
        int left = app_round_seconds_left(app);
        if (left == 0)
            times_up(app);
        else if (left != app->round_shown) {
            app->round_shown = left;
            app->dirty = 1;
            app->layer_valid = 0;
        }
    }
    if (app->opts.watch && now_ms >= app->next_watch) {
        app->next_watch = now_ms + 500;
        app->layer_valid = 0; /* a reload may replace the scenario and the game */
        watch_scenario(app);
    }
    apply_pending(app);
    if (!app->dirty || app->depth == 0)
        return 0;
    app->dirty = 0;
    /* frames of an animation keep the screens' picture and redraw what moves */
    draw(app, app->animating || app->bench_live);
    SDL_RenderPresent(app->ren);
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
    app->no_damage = 1; /* from scratch: the pictures tests and bench compare against */
    draw(app, 0);
    app->no_damage = nd;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, app->out_w, app->out_h, 24, SDL_PIXELFORMAT_RGB24);
    if (!surf)
        return NULL;
    if (SDL_RenderReadPixels(app->ren, NULL, SDL_PIXELFORMAT_RGB24, surf->pixels, surf->pitch) != 0) {
        SDL_FreeSurface(surf);
        return NULL;
    }
    SDL_RenderPresent(app->ren);
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
        int from = app->opts.from_week > weeks ? weeks : app->opts.from_week;
        if (st && from > 1) {
            Rng rng;
            rng_seed(&rng, seed, 0x57a7u);
            Session *s = app->session;
            for (int i = 0; i < 200000 && !game_over(s->game) && game_week(s->game) < from; i++) {
                Action a = strategy_choose(st, s->game, &rng);
                if (session_apply(s, &a) != ACTION_OK)
                    break;
            }
            if (from < app->opts.from_week)
                app_toast(app, "This scenario has %d weeks: weeks 1 to %d were played by %s.", weeks, from - 1, name);
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
    if (app->save_path[0] && platform_is_file(app->save_path)) {
        remove(app->save_path); /* a finished game has nothing to resume */
        app->resume.valid = 0;
    }
    if (!s->saved) {
        const char *dir = app_results_dir(app);
        platform_make_dir(dir);
        session_save(s, dir);
        ScoreCard sc;
        score_compute(s->game, &sc);
        app->new_best = settings_record_best(&app->settings, scenario_id(s->scenario), sc.total) && sc.total > 0;
        if (app->settings_path[0])
            settings_save(&app->settings, app->settings_path);
    }
    session_compare(s);
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
    Session *s = app->session;
    if (!s || !app->save_path[0])
        return -1;
    if (game_over(s->game)) {
        remove(app->save_path);
        app->resume.valid = 0;
        return 0;
    }
    ResultsMeta meta = {s->player[0] ? s->player : NULL, s->scenario_path[0] ? s->scenario_path : NULL,
                        s->started};
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
    char who[64];
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

void app_class_code(const App *app, char *out, size_t cap)
{
    out[0] = '\0';
    const Scenario *sc = app_scenario(app);
    if (sc && app->opts.has_seed)
        classcode_make(scenario_id(sc), app->opts.seed, out, cap);
}
