/* The title screen: the game's name, the lesson in one line, the scenario ready to play
 * and the ways on (Enter starts; R resumes a saved game; J joins a class). */
#include <stdlib.h>

#include "app.h"
#include "nav.h"

enum { ITEM_START, ITEM_RESUME, ITEM_CLASS, ITEM_PICK, ITEM_SETTINGS, ITEM_QUIT, ITEM_COUNT };
enum { HIT_ITEM = 1 };

typedef struct Title {
    Screen base;
    int focus; /* index into the items shown */
} Title;

static const char *const labels[ITEM_COUNT] = {"Start", "Resume the saved game", "Join a class",
                                               "Choose a scenario", "Settings", "Quit"};
static const char *const keys[ITEM_COUNT] = {"Enter", "R", "J", "C", "S", "Q"};

/* The items shown: Resume only when there is a saved game. Returns how many. */
static int shown_items(const App *app, int *items)
{
    int n = 0;
    for (int i = 0; i < ITEM_COUNT; i++)
        if (i != ITEM_RESUME || app->resume.valid)
            items[n++] = i;
    return n;
}

static void choose(Title *t, App *app, int item)
{
    int items[ITEM_COUNT], n = shown_items(app, items);
    for (int i = 0; i < n; i++)
        if (items[i] == item)
            t->focus = i;
    switch (item) {
    case ITEM_START:
        if (app_scenario(app))
            app_push(app, briefing_screen_new());
        else
            app_toast(app, "%s", app->load_error[0] ? app->load_error : "No scenario to play");
        break;
    case ITEM_RESUME:
        if (!app->resume.valid)
            break;
        if (app_resume_game(app) == 0) {
            app_reset(app, play_screen_new());
            app_toast(app, "Welcome back: day %d of %d.", game_day(app_game(app)),
                      scenario_day_count(game_scenario(app_game(app))));
        }
        break;
    case ITEM_CLASS:
        app_push(app, class_screen_new());
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
    int items[ITEM_COUNT], n = shown_items(app, items);
    if (t->focus >= n)
        t->focus = 0;
    /* -2: Enter, which chooses the focused item */
    static const NavShortcut shortcuts[] = {{SDLK_RETURN, -2},        {SDLK_KP_ENTER, -2},
                                            {SDLK_r, ITEM_RESUME},    {SDLK_j, ITEM_CLASS},
                                            {SDLK_c, ITEM_PICK},      {SDLK_s, ITEM_SETTINGS},
                                            {SDLK_q, ITEM_QUIT}};
    if (ev->type == SDL_KEYDOWN) {
        int k = nav_shortcut(ev, shortcuts, (int)(sizeof shortcuts / sizeof shortcuts[0]));
        if (k != -1) {
            choose(t, app, k == -2 ? items[t->focus] : k);
            return 1;
        }
        NavResult r = nav_key(ev, &t->focus, n);
        if (r == NAV_CHOSEN)
            choose(t, app, items[t->focus]);
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
    int items[ITEM_COUNT], n = shown_items(app, items);
    int cw = theme_px(th, 560);
    int x = (W - cw) / 2;
    const Scenario *sc = app_scenario(app);

    /* what sits under the scenario card: the class set-up, and the saved game */
    char cls[200] = "", code[16];
    app_class_code(app, code, sizeof code);
    if (sc && (code[0] || app->player[0])) {
        size_t k = 0;
        if (app->player[0])
            k = (size_t)SDL_snprintf(cls, sizeof cls, "Playing as %s", app->player);
        if (code[0] && k < sizeof cls)
            SDL_snprintf(cls + k, sizeof cls - k, "%sclass code %s", k ? " \xC2\xB7 " : "", code);
        if (cls[0] >= 'a' && cls[0] <= 'z')
            cls[0] = (char)(cls[0] - 'a' + 'A');
    }
    int bh = theme_px(th, n > 4 ? 40 : 44), bgap = n > 4 ? g * 3 / 2 : g * 2;
    int card_h = g * 2 + th->line[FONT_BODY] + th->line[FONT_LABEL_BOLD] + th->line[FONT_BODY] + g * 2;
    int total = theme_px(th, 12) + th->line[FONT_BODY_BOLD] + g * 3 + th->line[FONT_DISPLAY] + g +
                th->line[FONT_LABEL] + g * 4 + card_h + g * 4 + n * (bh + bgap) - bgap;
    if (cls[0])
        total += th->line[FONT_BODY] + g;
    int footer = th->line[FONT_BODY] + g * 3;
    int y = (H - footer - total) / 2;
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
    SDL_Rect card = {x, y, cw, card_h};
    widget_card(ui, card, 0, sc ? th->c.stage[STAGE_PREPARE] : th->c.bad);
    int cx = x + g * 3, cy = y + g * 2, ciw = cw - g * 5;
    if (sc) {
        widget_label(ui, cx, cy, ciw, FONT_BODY, th->c.muted, "Ready to play", ALIGN_LEFT);
        long long best = (long long)settings_best(&app->settings, scenario_id(sc));
        if (best >= 0) {
            char b[64];
            int rw = settings_best_rewound(&app->settings, scenario_id(sc));
            if (rw > 0)
                SDL_snprintf(b, sizeof b, "Your best: %lld points (rewound to day %d)", best, rw);
            else
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
    y += card_h + g;
    if (cls[0]) {
        widget_label(ui, x, y, cw, FONT_BODY_BOLD, th->c.muted, cls, ALIGN_CENTER);
        y += th->line[FONT_BODY] + g;
    }
    y += g * 3;

    /* the menu */
    int bw = theme_px(th, 320);
    int bx = (W - bw) / 2;
    for (int k = 0; k < n; k++) {
        int i = items[k];
        int flags = (k == t->focus ? WIDGET_FOCUSED : 0) | (i == ITEM_START ? WIDGET_PRIMARY : 0);
        if (app->ui.hover_id == HIT_ITEM + i)
            flags |= WIDGET_HOVER;
        if (i == ITEM_START && !sc)
            flags |= WIDGET_DISABLED;
        SDL_Rect b = {bx, y, bw, bh};
        char tip[200];
        const char *tp = NULL;
        if (i == ITEM_RESUME) {
            SDL_snprintf(tip, sizeof tip, "%s, day %d of %d%s%s. Saved at the end of each day.", app->resume.title,
                         app->resume.day, app->resume.days, app->resume.player[0] ? ", played by " : "",
                         app->resume.player);
            tp = tip;
        }
        char label[80];
        SDL_strlcpy(label, labels[i], sizeof label);
        if (i == ITEM_RESUME)
            SDL_snprintf(label, sizeof label, "Resume: day %d of %d", app->resume.day, app->resume.days);
        widget_button(ui, b, label, keys[i], flags, HIT_ITEM + i, tp);
        y += bh + bgap;
    }
    widget_label(ui, 0, H - th->line[FONT_BODY] - g * 2, W, FONT_BODY, th->c.muted,
                 "Tab or arrows move \xC2\xB7 Enter chooses \xC2\xB7 Esc goes back \xC2\xB7 F11 full screen",
                 ALIGN_CENTER);
}

static void title_enter(Screen *s, App *app)
{
    (void)s;
    app_scan_save(app);
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
    t->base.enter = title_enter;
    t->base.leave = title_leave;
    t->base.event = title_event;
    t->base.draw = title_draw;
    return &t->base;
}
