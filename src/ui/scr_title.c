/* The title screen: the game's name, the lesson in one line, the scenario ready to play
 * and the ways on (Enter starts). */
#include <stdlib.h>

#include "app.h"
#include "nav.h"

enum { ITEM_START, ITEM_PICK, ITEM_SETTINGS, ITEM_QUIT, ITEM_COUNT };
enum { HIT_ITEM = 1 };

typedef struct Title {
    Screen base;
    int focus;
} Title;

static const char *const labels[ITEM_COUNT] = {"Start", "Choose a scenario", "Settings", "Quit"};
static const char *const keys[ITEM_COUNT] = {"Enter", "C", "S", "Q"};

static void choose(Title *t, App *app, int item)
{
    t->focus = item;
    switch (item) {
    case ITEM_START:
        if (app_scenario(app))
            app_push(app, briefing_screen_new());
        else
            app_toast(app, "%s", app->load_error[0] ? app->load_error : "No scenario to play");
        break;
    case ITEM_PICK:
        app_push(app, picker_screen_new());
        break;
    case ITEM_SETTINGS:
        app_push(app, settings_screen_new());
        break;
    default:
        app_quit(app);
        break;
    }
}

static int title_event(Screen *s, App *app, const SDL_Event *ev)
{
    Title *t = (Title *)s;
    if (ev->type == SDL_KEYDOWN) {
        switch (ev->key.keysym.sym) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            choose(t, app, t->focus);
            return 1;
        case SDLK_c:
            choose(t, app, ITEM_PICK);
            return 1;
        case SDLK_s:
            choose(t, app, ITEM_SETTINGS);
            return 1;
        case SDLK_q:
            choose(t, app, ITEM_QUIT);
            return 1;
        default:
            break;
        }
        NavResult r = nav_key(ev, &t->focus, ITEM_COUNT);
        if (r == NAV_CHOSEN)
            choose(t, app, t->focus);
        return r != NAV_NONE;
    }
    if (nav_click(ev)) {
        int id = app->ui.hover_id;
        if (id >= HIT_ITEM && id < HIT_ITEM + ITEM_COUNT) {
            choose(t, app, id - HIT_ITEM);
            return 1;
        }
    }
    return 0;
}

static void title_draw(Screen *s, App *app)
{
    Title *t = (Title *)s;
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    int W = app->out_w, H = app->out_h, g = theme_grid(th, 1);
    int cw = theme_px(th, 560);
    int x = (W - cw) / 2;
    int y = H / 2 - theme_px(th, 270);
    if (y < g * 2)
        y = g * 2;

    /* the four stages as the game's signature strip */
    int sw = cw / STAGE_COUNT;
    for (int i = 0; i < STAGE_COUNT; i++) {
        SDL_Rect r = {x + i * sw, y, sw - g / 2, theme_px(th, 6)};
        widget_round(ui, r, theme_px(th, 3), th->c.stage[i]);
        widget_label(ui, r.x, y + theme_px(th, 12), r.w, FONT_BODY_BOLD, th->c.stage[i],
                     stage_label((Stage)i), ALIGN_LEFT);
    }
    y += theme_px(th, 12) + th->line[FONT_BODY_BOLD] + g * 3;
    widget_label(ui, x, y, cw, FONT_DISPLAY, th->c.text, "Upfront", ALIGN_CENTER);
    y += th->line[FONT_DISPLAY] + g;
    widget_label(ui, g * 2, y, W - g * 4, FONT_LABEL, th->c.muted,
                 "A sales-training game: put the effort in up front, and closing gets easy.", ALIGN_CENTER);
    y += th->line[FONT_LABEL] + g * 4;

    /* the scenario ready to play */
    const Scenario *sc = app_scenario(app);
    int card_h = g * 2 + th->line[FONT_BODY] + th->line[FONT_LABEL_BOLD] + th->line[FONT_BODY] + g * 2;
    SDL_Rect card = {x, y, cw, card_h};
    widget_card(ui, card, 0, sc ? th->c.stage[STAGE_PREPARE] : th->c.bad);
    int cx = x + g * 3, cy = y + g * 2, ciw = cw - g * 5;
    if (sc) {
        widget_label(ui, cx, cy, ciw, FONT_BODY, th->c.muted, "Ready to play", ALIGN_LEFT);
        long long best = (long long)settings_best(&app->settings, scenario_id(sc));
        if (best >= 0) {
            char b[64];
            SDL_snprintf(b, sizeof b, "Your best: %lld points", best);
            widget_label(ui, cx, cy, ciw, FONT_BODY_BOLD, th->c.good, b, ALIGN_RIGHT);
        }
        cy += th->line[FONT_BODY];
        widget_label(ui, cx, cy, ciw, FONT_LABEL_BOLD, th->c.text, scenario_title(sc), ALIGN_LEFT);
        cy += th->line[FONT_LABEL_BOLD];
        const Calendar *cal = scenario_calendar(sc);
        char quota[48], line[200];
        nav_money(quota, sizeof quota, (long long)scenario_quota(sc), scenario_currency(sc));
        SDL_snprintf(line, sizeof line, "%d week%s \xC2\xB7 %d prospects \xC2\xB7 quota %s \xC2\xB7 difficulty %d of 5",
                     cal->weeks, cal->weeks == 1 ? "" : "s", scenario_prospect_count(sc), quota,
                     scenario_difficulty(sc));
        widget_label(ui, cx, cy, ciw, FONT_BODY, th->c.muted, line, ALIGN_LEFT);
    } else {
        widget_label(ui, cx, cy, ciw, FONT_BODY_BOLD, th->c.bad, "No scenario could be loaded", ALIGN_LEFT);
        cy += th->line[FONT_BODY] + g / 2;
        widget_text(ui, cx, cy, ciw, FONT_BODY, th->c.text, app->load_error);
    }
    y += card_h + g * 4;

    /* the menu */
    int bw = theme_px(th, 320), bh = theme_px(th, 44);
    int bx = (W - bw) / 2;
    for (int i = 0; i < ITEM_COUNT; i++) {
        int flags = (i == t->focus ? WIDGET_FOCUSED : 0) | (i == ITEM_START ? WIDGET_PRIMARY : 0);
        if (app->ui.hover_id == HIT_ITEM + i)
            flags |= WIDGET_HOVER;
        if (i == ITEM_START && !sc)
            flags |= WIDGET_DISABLED;
        SDL_Rect b = {bx, y, bw, bh};
        widget_button(ui, b, labels[i], keys[i], flags, HIT_ITEM + i, NULL);
        y += bh + g * 2;
    }
    widget_label(ui, 0, H - th->line[FONT_BODY] - g * 2, W, FONT_BODY, th->c.muted,
                 "Tab or arrows move \xC2\xB7 Enter chooses \xC2\xB7 Esc goes back \xC2\xB7 F11 full screen",
                 ALIGN_CENTER);
}

static void title_leave(Screen *s, App *app)
{
    (void)app;
    free(s);
}

Screen *title_screen_new(void)
{
    Title *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->base.name = "title";
    t->base.leave = title_leave;
    t->base.event = title_event;
    t->base.draw = title_draw;
    return &t->base;
}
