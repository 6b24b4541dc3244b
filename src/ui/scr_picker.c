/* The scenario picker: a card per scenario in the data folder with its title, difficulty,
 * length, summary and the trainee's personal best. */
#include <stdlib.h>

#include "app.h"
#include "nav.h"

enum { HIT_OPEN = 1, HIT_CARD = 2 };

/* Where the host can ask for a file (the browser's file picker), an instructor's own
 * scenario can be opened; it arrives as a dropped file (app_open_scenario). */
static int can_open(const App *app)
{
    const UiHost *h = app->opts.host;
    return h && h->open_file;
}

static void open_file(App *app)
{
    const UiHost *h = app->opts.host;
    if (can_open(app) && h->open_file(h->ctx) != 0)
        app_toast(app, "The file picker could not be opened.");
}

typedef struct Picker {
    Screen base;
    int focus;
} Picker;

static void pick(App *app, int i)
{
    if (i < 0 || i >= app->catalog.count)
        return;
    if (!app->catalog.items[i].scenario) {
        app_toast(app, "%s", app->catalog.items[i].error);
        return;
    }
    app->current = i;
    app_push(app, briefing_screen_new());
}

static int picker_event(Screen *s, App *app, const SDL_Event *ev)
{
    Picker *p = (Picker *)s;
    int n = app->catalog.count;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_o && can_open(app)) {
        open_file(app);
        return 1;
    }
    if (nav_click(ev)) {
        if (app->ui.hover_id == HIT_OPEN && can_open(app)) {
            open_file(app);
            return 1;
        }
        int id = app->ui.hover_id - HIT_CARD;
        if (id >= 0 && id < n) {
            p->focus = id;
            pick(app, id);
        }
        return 1;
    }
    if (n == 0) {
        if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
            app_pop(app);
            return 1;
        }
        return 0;
    }
    NavResult r = nav_key(ev, &p->focus, n);
    if (r == NAV_CHOSEN)
        pick(app, p->focus);
    else if (r == NAV_BACK)
        app_pop(app);
    return r != NAV_NONE;
}

static void picker_draw(Screen *s, App *app)
{
    Picker *p = (Picker *)s;
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    int W = app->out_w, H = app->out_h, gpx = theme_grid(th, 1);
    int m = gpx * 4;
    int y = gpx * 3;
    widget_label(ui, m, y, W - 2 * m, FONT_DISPLAY, th->c.text, "Choose a scenario", ALIGN_LEFT);
    if (can_open(app)) {
        int bw = theme_px(th, 300), bh = theme_px(th, 40);
        SDL_Rect r = {W - m - bw, y + (th->line[FONT_DISPLAY] - bh) / 2, bw, bh};
        widget_button(ui, r, "Open a scenario file", "O", ui->hover_id == HIT_OPEN ? WIDGET_HOVER : 0, HIT_OPEN,
                      "Play a scenario of your own: a .json file from this computer.");
    }
    y += th->line[FONT_DISPLAY] + gpx / 2;
    widget_label(ui, m, y, W - 2 * m, FONT_BODY, th->c.muted,
                 "Arrows or Tab move \xC2\xB7 Enter opens the briefing \xC2\xB7 Esc goes back", ALIGN_LEFT);
    y += th->line[FONT_BODY] + gpx * 3;
    int n = app->catalog.count;
    if (n == 0) {
        char buf[1200];
        SDL_snprintf(buf, sizeof buf, "No scenarios were found in %s/scenarios.", app->data_dir);
        widget_text(ui, m, y, W - 2 * m, FONT_LABEL, th->c.bad, buf);
        return;
    }
    int cols = 2;
    int cw = (W - 2 * m - gpx * 3) / cols;
    int ch = th->line[FONT_LABEL_BOLD] + th->line[FONT_BODY] * 6 + gpx * 5;
    int rows_fit = (H - y - gpx * 2) / (ch + gpx * 3);
    if (rows_fit < 1)
        rows_fit = 1;
    int first_row = p->focus / cols >= rows_fit ? p->focus / cols - rows_fit + 1 : 0;
    for (int i = first_row * cols; i < n && i < (first_row + rows_fit) * cols; i++) {
        const CatalogEntry *e = &app->catalog.items[i];
        int col = i % cols, row = i / cols - first_row;
        SDL_Rect r = {m + col * (cw + gpx * 3), y + row * (ch + gpx * 3), cw, ch};
        int flags = (i == p->focus ? WIDGET_FOCUSED : 0) | (ui->hover_id == HIT_CARD + i ? WIDGET_HOVER : 0);
        const Scenario *sc = e->scenario;
        widget_card(ui, r, flags, sc ? th->c.stage[STAGE_PREPARE] : th->c.bad);
        int x = r.x + gpx * 3, iw = r.w - gpx * 5, cy = r.y + gpx * 2;
        char buf[300];
        if (!sc) {
            const char *base = SDL_strrchr(e->path, '/');
            widget_label(ui, x, cy, iw, FONT_LABEL_BOLD, th->c.text, base ? base + 1 : e->path, ALIGN_LEFT);
            cy += th->line[FONT_LABEL_BOLD] + gpx / 2;
            widget_label(ui, x, cy, iw, FONT_BODY_BOLD, th->c.bad, "This scenario has errors:", ALIGN_LEFT);
            cy += th->line[FONT_BODY_BOLD];
            widget_text(ui, x, cy, iw, FONT_BODY, th->c.text, e->error);
            widget_hit(ui, r, HIT_CARD + i, e->error);
            continue;
        }
        char dots[64] = "";
        for (int d = 1; d <= 5; d++)
            SDL_strlcat(dots, d <= scenario_difficulty(sc) ? "\xE2\x97\x8F" : "\xE2\x97\x8B", sizeof dots);
        int dw = text_width(th->font[FONT_BODY], dots);
        widget_label(ui, x + iw - dw, cy + (th->line[FONT_LABEL_BOLD] - th->line[FONT_BODY]) / 2, dw, FONT_BODY,
                     th->c.warn, dots, ALIGN_LEFT);
        widget_label(ui, x, cy, iw - dw - gpx, FONT_LABEL_BOLD, th->c.text, scenario_title(sc), ALIGN_LEFT);
        cy += th->line[FONT_LABEL_BOLD];
        const Calendar *cal = scenario_calendar(sc);
        char quota[48];
        nav_money(quota, sizeof quota, (long long)scenario_quota(sc), scenario_currency(sc));
        SDL_snprintf(buf, sizeof buf, "Difficulty %d of 5 \xC2\xB7 %d week%s \xC3\x97 %d days \xC2\xB7 %d prospects \xC2\xB7 quota %s",
                     scenario_difficulty(sc), cal->weeks, cal->weeks == 1 ? "" : "s", cal->days_per_week,
                     scenario_prospect_count(sc), quota);
        widget_label(ui, x, cy, iw, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
        cy += th->line[FONT_BODY] + gpx / 2;
        /* four lines at most, cut after a word with an ellipsis (and clipped, should the
         * wrapping differ by a word) */
        char summary[1200];
        text_fit_lines(th->font[FONT_BODY], scenario_summary(sc), iw, 4, summary, sizeof summary);
        SDL_Rect clip = {x, cy, iw, th->line[FONT_BODY] * 4};
        rec_clip(ui->rec, &clip);
        widget_text(ui, x, cy, iw, FONT_BODY, th->c.text, summary);
        rec_clip(ui->rec, NULL);
        cy = r.y + r.h - gpx * 2 - th->line[FONT_BODY_BOLD];
        long long best = (long long)settings_best(&app->settings, scenario_id(sc));
        int rw = settings_best_rewound(&app->settings, scenario_id(sc));
        if (best >= 0 && rw > 0)
            SDL_snprintf(buf, sizeof buf, "Your best: %lld points (rewound to day %d)", best, rw);
        else if (best >= 0)
            SDL_snprintf(buf, sizeof buf, "Your best: %lld points", best);
        else
            SDL_strlcpy(buf, "Not played yet", sizeof buf);
        widget_label(ui, x, cy, iw, FONT_BODY_BOLD, best >= 0 ? th->c.good : th->c.muted, buf, ALIGN_LEFT);
        widget_hit(ui, r, HIT_CARD + i, NULL);
    }
}

static void picker_enter(Screen *s, App *app)
{
    Picker *p = (Picker *)s;
    p->focus = app->current >= 0 ? app->current : 0;
}

static void picker_leave(Screen *s, App *app)
{
    (void)app;
    free(s);
}

Screen *picker_screen_new(void)
{
    Picker *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.name = "picker";
    p->base.enter = picker_enter;
    p->base.leave = picker_leave;
    p->base.event = picker_event;
    p->base.draw = picker_draw;
    return &p->base;
}
