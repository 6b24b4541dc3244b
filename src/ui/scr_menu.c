/* The pause menu, the help (every key binding) and the settings: small overlays over the
 * screen below. Esc always goes back one step. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "nav.h"

enum { HIT_ITEM = 1 };

typedef struct Menu {
    Screen base;
    int focus;
} Menu;

static void menu_leave(Screen *s, App *app)
{
    (void)app;
    free(s);
}

static Menu *menu_new(const char *name)
{
    Menu *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->base.name = name;
    m->base.overlay = 1;
    m->base.leave = menu_leave;
    return m;
}

/* A centred panel with a title; returns the inner area. */
static SDL_Rect panel(App *app, int w, int h, const char *title)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    int gpx = theme_grid(th, 1);
    if (w > app->out_w - gpx * 4)
        w = app->out_w - gpx * 4;
    if (h > app->out_h - gpx * 4)
        h = app->out_h - gpx * 4;
    SDL_Rect r = {(app->out_w - w) / 2, (app->out_h - h) / 2, w, h};
    widget_card(ui, r, 0, (SDL_Color){0, 0, 0, 0});
    widget_label(ui, r.x + gpx * 4, r.y + gpx * 3, w - gpx * 8, FONT_TITLE, th->c.text, title, ALIGN_LEFT);
    SDL_Rect in = {r.x + gpx * 4, r.y + gpx * 4 + th->line[FONT_TITLE], w - gpx * 8,
                   h - gpx * 7 - th->line[FONT_TITLE]};
    return in;
}

static void buttons(App *app, SDL_Rect in, const char *const *labels, const char *const *keys, int n, int focus)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    int bh = theme_px(th, 44), gpx = theme_grid(th, 1);
    int y = in.y;
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {in.x, y, in.w, bh};
        int flags = (i == focus ? WIDGET_FOCUSED : 0) | (ui->hover_id == HIT_ITEM + i ? WIDGET_HOVER : 0) |
                    (i == 0 ? WIDGET_PRIMARY : 0);
        widget_button(ui, b, labels[i], keys[i], flags, HIT_ITEM + i, NULL);
        y += bh + gpx * 2;
    }
}

/* --- pause --------------------------------------------------------------------------- */

enum { PAUSE_RESUME, PAUSE_HELP, PAUSE_SETTINGS, PAUSE_QUIT_TITLE, PAUSE_QUIT, PAUSE_COUNT };
static const char *const pause_labels[PAUSE_COUNT] = {"Resume", "Help and keys", "Settings",
                                                      "Abandon and go to the title", "Quit the game"};
static const char *const pause_keys[PAUSE_COUNT] = {"Esc", "H", "S", "T", "Q"};

static void pause_choose(Menu *m, App *app, int item)
{
    m->focus = item;
    switch (item) {
    case PAUSE_RESUME:
        app_pop(app);
        break;
    case PAUSE_HELP:
        app_push(app, help_screen_new());
        break;
    case PAUSE_SETTINGS:
        app_push(app, settings_screen_new());
        break;
    case PAUSE_QUIT_TITLE:
        /* abandoned: nothing to resume */
        if (app->save_path[0])
            remove(app->save_path);
        app_end_game(app);
        app_reset(app, title_screen_new());
        break;
    default:
        app_quit(app);
        break;
    }
}

static int pause_event(Screen *s, App *app, const SDL_Event *ev)
{
    Menu *m = (Menu *)s;
    if (nav_click(ev)) {
        int id = app->ui.hover_id - HIT_ITEM;
        if (id >= 0 && id < PAUSE_COUNT)
            pause_choose(m, app, id);
        return 1;
    }
    static const NavShortcut shortcuts[] = {{SDLK_h, PAUSE_HELP},
                                       {SDLK_F1, PAUSE_HELP},
                                       {SDLK_s, PAUSE_SETTINGS},
                                       {SDLK_t, PAUSE_QUIT_TITLE},
                                       {SDLK_q, PAUSE_QUIT}};
    int k = nav_shortcut(ev, shortcuts, (int)(sizeof shortcuts / sizeof shortcuts[0]));
    if (k >= 0) {
        pause_choose(m, app, k);
        return 1;
    }
    NavResult r = nav_key(ev, &m->focus, PAUSE_COUNT);
    if (r == NAV_CHOSEN)
        pause_choose(m, app, m->focus);
    else if (r == NAV_BACK)
        app_pop(app);
    return r != NAV_NONE;
}

static void pause_draw(Screen *s, App *app)
{
    Menu *m = (Menu *)s;
    const Theme *th = &app->theme;
    int h = theme_px(th, 44) * PAUSE_COUNT + theme_grid(th, 2) * PAUSE_COUNT + theme_grid(th, 7) +
            th->line[FONT_TITLE] + th->line[FONT_BODY] * 2;
    SDL_Rect in = panel(app, theme_px(th, 440), h, "Paused");
    widget_text(&app->ui, in.x, in.y, in.w, FONT_BODY, th->c.muted,
                "The day waits for you. Finished games are saved the moment they end.");
    in.y += th->line[FONT_BODY] * 2 + theme_grid(th, 1);
    buttons(app, in, pause_labels, pause_keys, PAUSE_COUNT, m->focus);
}

Screen *pause_screen_new(void)
{
    Menu *m = menu_new("pause");
    if (!m)
        return NULL;
    m->base.event = pause_event;
    m->base.draw = pause_draw;
    return &m->base;
}

/* --- help ---------------------------------------------------------------------------- */

static const char *const help_keys[][2] = {
    {"\xE2\x86\x91 \xE2\x86\x93", "Select a prospect (or the mouse wheel)"},
    {"PgUp PgDn Home End", "Page through the prospects; the first, the last"},
    {"S / Shift+S", "Sort the prospects: default order, stage, deal value, fit, readiness"},
    {"F / Shift+F", "Show only some: all, cold, engaged, opportunities, closed, good fit (70+)"},
    {"Tab / Shift+Tab", "Move to the next / previous action"},
    {"\xE2\x86\x90 \xE2\x86\x92", "Jump to the previous / next stage: Prepare, Prospect, Progress, Close"},
    {"1 \xE2\x80\xA6 9", "Take that action of the highlighted stage on the selected prospect"},
    {"Enter / Space", "Take the highlighted action"},
    {"E", "End the day"},
    {"Esc", "Pause menu; on other screens, go back"},
    {"H, F1 or ?", "This help"},
    {"F11", "Full screen on or off"},
    {"Mouse", "Click a prospect, an action, or the list's Sort or Show; hover for details"},
    {"Title screen", "Enter starts, C chooses a scenario, S settings, Q quits"},
    {"Debrief", "Tab or \xE2\x86\x90 \xE2\x86\x92 switch pages, Enter plays again, Esc back to the title"},
    {"Debrief: 4 What if", "\xE2\x86\x90 \xE2\x86\x92 Home End choose a day, R rewinds to it, S the other strategy"},
};

static int help_event(Screen *s, App *app, const SDL_Event *ev)
{
    (void)s;
    if (nav_click(ev) || (ev->type == SDL_KEYDOWN &&
                          (ev->key.keysym.sym == SDLK_ESCAPE || ev->key.keysym.sym == SDLK_RETURN ||
                           ev->key.keysym.sym == SDLK_BACKSPACE || ev->key.keysym.sym == SDLK_h ||
                           ev->key.keysym.sym == SDLK_F1))) {
        app_pop(app);
        return 1;
    }
    return 0;
}

static void help_draw(Screen *s, App *app)
{
    (void)s;
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    int n = (int)(sizeof help_keys / sizeof help_keys[0]);
    int gpx = theme_grid(th, 1);
    int row = th->line[FONT_BODY] + gpx;
    int h = th->line[FONT_TITLE] + gpx * 9 + n * row + th->line[FONT_BODY] * 4;
    SDL_Rect in = panel(app, theme_px(th, 820), h, "Help: playing with the keyboard");
    int kw = in.w * 30 / 100;
    int y = in.y;
    for (int i = 0; i < n; i++) {
        widget_label(ui, in.x, y, kw - gpx, FONT_BODY_BOLD, th->c.text, help_keys[i][0], ALIGN_LEFT);
        widget_label(ui, in.x + kw, y, in.w - kw, FONT_BODY, th->c.text, help_keys[i][1], ALIGN_LEFT);
        y += row;
    }
    y += gpx;
    y += widget_text(ui, in.x, y, in.w, FONT_BODY, th->c.muted,
                     "Every action shows its time, energy and money cost and its likely effect before you take it. "
                     "Prepare first: research raises the personalisation of every touch and the odds of every meeting. "
                     "Then run a multi-channel campaign to get in, progress the opportunity, and let a ready buyer ask to sign.");
    widget_label(ui, in.x, y + gpx, in.w, FONT_BODY_BOLD, th->c.accent, "Press Esc or Enter to go back", ALIGN_LEFT);
}

Screen *help_screen_new(void)
{
    Menu *m = menu_new("help");
    if (!m)
        return NULL;
    m->base.event = help_event;
    m->base.draw = help_draw;
    return &m->base;
}

/* --- settings ------------------------------------------------------------------------ */

enum { SET_TEXT, SET_PALETTE, SET_FULLSCREEN, SET_DONE, SET_COUNT };

static void settings_change(App *app, int item, int dir)
{
    Settings *st = &app->settings;
    switch (item) {
    case SET_TEXT:
        st->text_size = (st->text_size + dir + THEME_TEXT_SIZES) % THEME_TEXT_SIZES;
        break;
    case SET_PALETTE:
        st->palette = st->palette == PALETTE_OKABE_ITO ? PALETTE_HIGH_CONTRAST : PALETTE_OKABE_ITO;
        break;
    case SET_FULLSCREEN:
        st->fullscreen = !st->fullscreen;
        break;
    default:
        return;
    }
    app_apply_settings(app);
}

static int settings_event(Screen *s, App *app, const SDL_Event *ev)
{
    Menu *m = (Menu *)s;
    if (nav_click(ev)) {
        int id = app->ui.hover_id - HIT_ITEM;
        if (id >= 0 && id < SET_COUNT) {
            m->focus = id;
            if (id == SET_DONE)
                app_pop(app);
            else
                settings_change(app, id, 1);
        }
        return 1;
    }
    if (ev->type == SDL_KEYDOWN) {
        SDL_Keycode k = ev->key.keysym.sym;
        if (k == SDLK_LEFT || k == SDLK_RIGHT) {
            settings_change(app, m->focus, k == SDLK_LEFT ? -1 : 1);
            return 1;
        }
        if (k == SDLK_UP || k == SDLK_DOWN || k == SDLK_TAB || k == SDLK_RETURN || k == SDLK_KP_ENTER ||
            k == SDLK_SPACE || k == SDLK_ESCAPE || k == SDLK_BACKSPACE) {
            NavResult r = nav_key(ev, &m->focus, SET_COUNT);
            if (r == NAV_CHOSEN) {
                if (m->focus == SET_DONE)
                    app_pop(app);
                else
                    settings_change(app, m->focus, 1);
            } else if (r == NAV_BACK) {
                app_pop(app);
            }
            return 1;
        }
    }
    return 0;
}

static void settings_draw(Screen *s, App *app)
{
    Menu *m = (Menu *)s;
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    int gpx = theme_grid(th, 1);
    int rh = theme_px(th, 52);
    int h = th->line[FONT_TITLE] + gpx * 9 + SET_COUNT * (rh + gpx) + th->line[FONT_BODY] * 2 + STAGE_COUNT;
    SDL_Rect in = panel(app, theme_px(th, 620), h, "Settings");
    const char *names[SET_COUNT] = {"Text size", "Colours", "Full screen", "Done"};
    char values[SET_COUNT][80];
    SDL_strlcpy(values[SET_TEXT], theme_text_size_label(app->settings.text_size), sizeof values[0]);
    SDL_strlcpy(values[SET_PALETTE], theme_palette_label(app->settings.palette), sizeof values[0]);
    SDL_strlcpy(values[SET_FULLSCREEN], app->settings.fullscreen ? "On" : "Off", sizeof values[0]);
    values[SET_DONE][0] = '\0';
    int y = in.y;
    for (int i = 0; i < SET_COUNT; i++) {
        SDL_Rect r = {in.x, y, in.w, rh};
        if (i == SET_DONE) {
            widget_button(ui, r, "Done", "Esc",
                          WIDGET_PRIMARY | (m->focus == i ? WIDGET_FOCUSED : 0) |
                              (ui->hover_id == HIT_ITEM + i ? WIDGET_HOVER : 0),
                          HIT_ITEM + i, NULL);
        } else {
            widget_card(ui, r, (m->focus == i ? WIDGET_FOCUSED : 0) | (ui->hover_id == HIT_ITEM + i ? WIDGET_HOVER : 0),
                        (SDL_Color){0, 0, 0, 0});
            int ty = y + (rh - th->line[FONT_LABEL]) / 2;
            widget_label(ui, r.x + gpx * 2, ty, r.w / 3, FONT_LABEL, th->c.text, names[i], ALIGN_LEFT);
            char v[120];
            SDL_snprintf(v, sizeof v, "\xE2\x97\x80  %s  \xE2\x96\xB6", values[i]);
            widget_label(ui, r.x + r.w / 3, ty, r.w * 2 / 3 - gpx * 2, FONT_LABEL_BOLD, th->c.text, v, ALIGN_RIGHT);
            widget_hit(ui, r, HIT_ITEM + i, "Click, Enter or \xE2\x86\x90 \xE2\x86\x92 to change");
        }
        y += rh + gpx;
    }
    /* a sample of the stage colours in the chosen palette */
    int sw = in.w / STAGE_COUNT;
    for (int i = 0; i < STAGE_COUNT; i++) {
        SDL_Rect r = {in.x + i * sw, y + gpx, sw - gpx, th->line[FONT_BODY] + gpx};
        widget_round(ui, r, theme_px(th, 4), th->c.stage[i]);
        widget_label(ui, r.x, r.y + gpx / 2, r.w, FONT_BODY_BOLD, th->c.on_stage[i], stage_label((Stage)i), ALIGN_CENTER);
    }
}

Screen *settings_screen_new(void)
{
    Menu *m = menu_new("settings");
    if (!m)
        return NULL;
    m->base.event = settings_event;
    m->base.draw = settings_draw;
    return &m->base;
}
