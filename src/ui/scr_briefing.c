/* The briefing: the goal, the quota, the calendar, the prospects at a glance and how the
 * score is made, before the first day starts. */
#include <stdlib.h>

#include "app.h"
#include "nav.h"
#include "upfront/score.h"

enum { HIT_START = 1, HIT_BACK, HIT_ROW = 100 /* + prospect index, tooltips only */ };

typedef struct Briefing {
    Screen base;
    int focus;  /* 0 start, 1 back */
    int scroll; /* first prospect shown when the territory does not fit */
    int step;   /* prospects a PgDn moves on (a column of the last frame) */
    int more;   /* 1 when the last frame could not show every prospect */
} Briefing;

static void start(App *app)
{
    /* a strategy may have played the whole game (--from-week past the last week) */
    if (app_start_game(app) == 0)
        app_replace(app, game_over(app->session->game) ? debrief_screen_new() : play_screen_new());
}

/* Moves the territory list by d prospects, within what there is to see. */
static int scroll_by(Briefing *b, const App *app, int d)
{
    const Scenario *sc = app_scenario(app);
    int n = sc ? scenario_prospect_count(sc) : 0;
    int old = b->scroll;
    if (d > 0 && !b->more)
        return 0;
    b->scroll += d;
    if (b->scroll > n - 1)
        b->scroll = n - 1;
    if (b->scroll < 0)
        b->scroll = 0;
    return b->scroll != old;
}

static int briefing_event(Screen *s, App *app, const SDL_Event *ev)
{
    Briefing *b = (Briefing *)s;
    int step = b->step > 0 ? b->step : 1;
    if (ev->type == SDL_MOUSEWHEEL) {
        scroll_by(b, app, ev->wheel.y > 0 ? -step : step);
        return 1;
    }
    if (ev->type == SDL_KEYDOWN && (ev->key.keysym.sym == SDLK_PAGEDOWN || ev->key.keysym.sym == SDLK_PAGEUP)) {
        scroll_by(b, app, ev->key.keysym.sym == SDLK_PAGEUP ? -step : step);
        return 1;
    }
    if (nav_click(ev)) {
        if (app->ui.hover_id == HIT_START)
            start(app);
        else if (app->ui.hover_id == HIT_BACK)
            app_pop(app);
        return app->ui.hover_id == HIT_START || app->ui.hover_id == HIT_BACK;
    }
    NavResult r = nav_key(ev, &b->focus, 2);
    if (r == NAV_CHOSEN) {
        if (b->focus == 0)
            start(app);
        else
            app_pop(app);
    } else if (r == NAV_BACK) {
        app_pop(app);
    }
    return r != NAV_NONE;
}

/* A paragraph drawn only when it fits above bottom (the card's edge); returns its height,
 * or 0 when left out. */
static int para(Ui *ui, int x, int y, int w, int bottom, const char *text)
{
    const Theme *th = ui->theme;
    int h = 0;
    if (!text_get(ui->text, th->font[FONT_BODY], text, th->c.text, w, NULL, &h) || y + h > bottom)
        return 0;
    return widget_text(ui, x, y, w, FONT_BODY, th->c.text, text);
}

static int fact(Ui *ui, int x, int y, int w, const char *label, const char *value)
{
    const Theme *th = ui->theme;
    widget_label(ui, x, y, w, FONT_BODY, th->c.muted, label, ALIGN_LEFT);
    widget_label(ui, x, y + th->line[FONT_BODY], w, FONT_LABEL_BOLD, th->c.text, value, ALIGN_LEFT);
    return th->line[FONT_BODY] + th->line[FONT_LABEL_BOLD];
}

/* How many columns of the compact territory fit in width w (at least 1). */
static int territory_columns(App *app, int w)
{
    const Theme *th = &app->theme;
    const Scenario *sc = app_scenario(app);
    int g = theme_grid(th, 1), n = scenario_prospect_count(sc);
    char buf[48];
    int vw = 0, sw = 0, warm = 0;
    for (int i = 0; i < n; i++) {
        const Prospect *p = scenario_prospect(sc, i);
        nav_money(buf, sizeof buf, (long long)p->deal_value, scenario_currency(sc));
        int t = text_width(th->font[FONT_BODY_BOLD], buf);
        vw = t > vw ? t : vw;
        t = text_width(th->font[FONT_BODY], seniority_label(p->seniority));
        sw = t > sw ? t : sw;
        warm |= p->start_status != STATUS_COLD;
    }
    nav_stars(buf, sizeof buf, 3, 3);
    int fixed = (warm ? theme_px(th, 8) + g : 0) + g + vw + g + sw + g + text_width(th->font[FONT_BODY], buf);
    int gap = g * 3;
    int cols = (w + gap) / (fixed + theme_tpx(th, 140) + gap);
    return cols < 1 ? 1 : cols;
}

/* Every account on one line (company, deal value, seniority, importance) in as many
 * columns as fit, down then across; when even that is too little, the list scrolls. */
static void draw_territory(Briefing *b, App *app, SDL_Rect r)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Scenario *sc = app_scenario(app);
    int g = theme_grid(th, 1);
    int n = scenario_prospect_count(sc);
    char buf[400], money[48];
    int lh = th->line[FONT_BODY];
    int note_h = th->line[FONT_BODY] + g / 2;
    int any_warm = 0;
    for (int i = 0; i < n; i++)
        any_warm |= scenario_prospect(sc, i)->start_status != STATUS_COLD;
    /* the widest value, seniority and stars set the columns' fixed parts */
    int vw = 0, sw = 0;
    for (int i = 0; i < n; i++) {
        const Prospect *p = scenario_prospect(sc, i);
        nav_money(money, sizeof money, (long long)p->deal_value, scenario_currency(sc));
        int w = text_width(th->font[FONT_BODY_BOLD], money);
        vw = w > vw ? w : vw;
        w = text_width(th->font[FONT_BODY], seniority_label(p->seniority));
        sw = w > sw ? w : sw;
    }
    nav_stars(buf, sizeof buf, 3, 3);
    int stw = text_width(th->font[FONT_BODY], buf);
    int dot = theme_px(th, 8);
    int lead = any_warm ? dot + g : 0; /* room for the dot of an account not cold at the start */
    int fixed = lead + g + vw + g + sw + g + stw;
    int gap = g * 3;
    int max_cols = territory_columns(app, r.w);
    if (max_cols < 1)
        max_cols = 1;
    int rows_h = r.h - (any_warm ? note_h : 0);
    int rows = rows_h / lh;
    if (rows < 1)
        rows = 1;
    int cols = (n + rows - 1) / rows;
    if (cols > max_cols)
        cols = max_cols;
    int cap = rows * cols;
    if (cap < n) { /* a line for where the list is */
        rows = (rows_h - note_h) / lh;
        if (rows < 1)
            rows = 1;
        cap = rows * cols;
    }
    b->step = rows;
    if (b->scroll > n - cap)
        b->scroll = n - cap > 0 ? n - cap : 0;
    b->more = b->scroll + cap < n;
    if (cap >= n) /* all at once: balance the columns */
        rows = (n + cols - 1) / cols;
    int cw = (r.w - (cols - 1) * gap) / cols;
    int company_w = cw - fixed;
    for (int c = 0; c < cols; c++) {
        int cx = r.x + c * (cw + gap);
        int vx = cx + lead + company_w + g;
        int sx = vx + vw + g;
        int tx = sx + sw + g;
        if (b->scroll + c * rows >= n)
            break;
        for (int k = 0; k < rows; k++) {
            int i = b->scroll + c * rows + k;
            if (i >= n)
                break;
            const Prospect *p = scenario_prospect(sc, i);
            int y = r.y + k * lh;
            if (p->start_status != STATUS_COLD) {
                SDL_Rect d = {cx, y + (th->line[FONT_BODY] - dot) / 2, dot, dot};
                widget_round(ui, d, dot / 2,
                             th->c.stage[p->start_status == STATUS_MEETING ? STAGE_PROGRESS : STAGE_PROSPECT]);
            }
            widget_label(ui, cx + lead, y, company_w, FONT_BODY, th->c.text, p->company, ALIGN_LEFT);
            nav_money(money, sizeof money, (long long)p->deal_value, scenario_currency(sc));
            widget_label(ui, vx, y, vw, FONT_BODY_BOLD, th->c.text, money, ALIGN_RIGHT);
            widget_label(ui, sx, y, sw, FONT_BODY, th->c.muted, seniority_label(p->seniority), ALIGN_LEFT);
            nav_stars(buf, sizeof buf, p->importance, 3);
            widget_label(ui, tx, y, stw, FONT_BODY, th->c.warn, buf, ALIGN_LEFT);
            const char *st = p->start_status == STATUS_MEETING ? " Already an opportunity."
                             : p->start_status == STATUS_ENGAGED ? " Already engaged." : "";
            SDL_snprintf(buf, sizeof buf, "%s \xE2\x80\x94 %s, %s (%s). %s. Deal %s, importance %d of 3.%s",
                         p->company, p->contact, p->title, seniority_label(p->seniority), p->industry, money,
                         p->importance, st);
            SDL_Rect hit = {cx, y, cw, lh};
            widget_hit(ui, hit, HIT_ROW + i, buf);
        }
    }
    int ny = r.y + rows * lh + g / 2;
    int nx = r.x;
    if (b->scroll > 0 || b->more) {
        int last = b->scroll + cap < n ? b->scroll + cap : n;
        SDL_snprintf(buf, sizeof buf, "%d\xE2\x80\x93%d of %d \xC2\xB7 PgUp PgDn or the mouse wheel for more",
                     b->scroll + 1, last, n);
        nx += widget_label(ui, nx, ny, r.w, FONT_BODY, th->c.muted, buf, ALIGN_LEFT) + g * 3;
    }
    if (any_warm) {
        for (int k = 0; k < 2 && nx < r.x + r.w; k++) {
            SDL_Rect d = {nx, ny + (th->line[FONT_BODY] - dot) / 2, dot, dot};
            widget_round(ui, d, dot / 2, th->c.stage[k ? STAGE_PROGRESS : STAGE_PROSPECT]);
            nx += dot + g;
            nx += widget_label(ui, nx, ny, r.x + r.w - nx, FONT_BODY, th->c.muted,
                               k ? "an opportunity already" : "engaged already", ALIGN_LEFT) + g * 2;
        }
    }
}

static void briefing_draw(Screen *s, App *app)
{
    Briefing *b = (Briefing *)s;
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Scenario *sc = app_scenario(app);
    if (!sc)
        return;
    int W = app->out_w, H = app->out_h, g = theme_grid(th, 1);
    int m = g * 4;
    int y = g * 3;
    widget_label(ui, m, y, W - 2 * m, FONT_BODY_BOLD, th->c.stage[STAGE_PREPARE], "BRIEFING", ALIGN_LEFT);
    y += th->line[FONT_BODY_BOLD];
    widget_label(ui, m, y, W - 2 * m, FONT_DISPLAY, th->c.text, scenario_title(sc), ALIGN_LEFT);
    y += th->line[FONT_DISPLAY] + g / 2;
    y += widget_text(ui, m, y, W - 2 * m, FONT_LABEL, th->c.muted, scenario_summary(sc));
    y += g * 2;

    int bh = theme_px(th, 44);
    int bottom = H - bh - g * 4;
    int col_gap = g * 3;
    /* a territory too large for two lines an account gets more of the width */
    int n = scenario_prospect_count(sc);
    int top = y;
    int two_lines = n * (th->line[FONT_BODY_BOLD] + th->line[FONT_BODY] + g) <=
                    bottom - top - g * 7 - th->line[FONT_BODY_BOLD];
    /* ... when that gives it two columns (with large text it scrolls in one either way) */
    int lw = (W - 2 * m - col_gap) * 5 / 12;
    int wide = W - 2 * m - col_gap - (W - 2 * m - col_gap) * 4 / 12 - g * 6;
    if (!two_lines && territory_columns(app, wide) >= 2)
        lw = (W - 2 * m - col_gap) * 4 / 12;
    int rw = W - 2 * m - col_gap - lw;

    /* left: the goal and how the score is made */
    SDL_Rect goal = {m, top, lw, bottom - top - g * 2};
    widget_card(ui, goal, 0, (SDL_Color){0, 0, 0, 0});
    int x = m + g * 3, cy = top + g * 2, iw = lw - g * 6;
    widget_heading(ui, x, cy, iw, "YOUR GOAL", (SDL_Color){0, 0, 0, 0});
    cy += th->line[FONT_BODY_BOLD] + g;
    char buf[160], money[48];
    const Calendar *cal = scenario_calendar(sc);
    /* six facts, three to a row, or two when three don't fit the card */
    char facts[6][2][64];
    SDL_strlcpy(facts[0][0], "Quota", sizeof facts[0][0]);
    nav_money(facts[0][1], sizeof facts[0][1], (long long)scenario_quota(sc), scenario_currency(sc));
    SDL_strlcpy(facts[1][0], "Calendar", sizeof facts[1][0]);
    SDL_snprintf(facts[1][1], sizeof facts[1][1], "%d wk \xC3\x97 %d days", cal->weeks, cal->days_per_week);
    SDL_strlcpy(facts[2][0], "Each day", sizeof facts[2][0]);
    SDL_snprintf(facts[2][1], sizeof facts[2][1], "%d hours", cal->hours_per_day);
    SDL_strlcpy(facts[3][0], "Energy a day", sizeof facts[3][0]);
    SDL_snprintf(facts[3][1], sizeof facts[3][1], "%d points", scenario_energy(sc)->daily);
    SDL_strlcpy(facts[4][0], "Campaign budget", sizeof facts[4][0]);
    nav_money(facts[4][1], sizeof facts[4][1], (long long)scenario_budget(sc), scenario_currency(sc));
    SDL_strlcpy(facts[5][0], "Prospects", sizeof facts[5][0]);
    SDL_snprintf(facts[5][1], sizeof facts[5][1], "%d", scenario_prospect_count(sc));
    int per_row = 3;
    for (int i = 0; i < 6; i++)
        if (text_width(th->font[FONT_LABEL_BOLD], facts[i][1]) + g > iw / 3 ||
            text_width(th->font[FONT_BODY], facts[i][0]) + g > iw / 3)
            per_row = 2;
    int fw = iw / per_row;
    for (int i = 0; i < 6; i++) {
        int h = fact(ui, x + (i % per_row) * fw, cy, fw - g, facts[i][0], facts[i][1]);
        if (i % per_row == per_row - 1)
            cy += h + (i == 5 ? g * 2 : g);
    }

    widget_heading(ui, x, cy, iw, "HOW THE SCORE IS MADE", (SDL_Color){0, 0, 0, 0});
    cy += th->line[FONT_BODY_BOLD] + g;
    const ScoringRules *sr = scenario_scoring(sc);
    SDL_snprintf(buf, sizeof buf, "Results \xE2\x80\x94 up to %d points for revenue against quota.", sr->results_weight);
    cy += para(ui, x, cy, iw, goal.y + goal.h - g, buf) + g / 2;
    SDL_snprintf(buf, sizeof buf, "Process \xE2\x80\x94 up to %d for front-loaded, personalised, multi-channel work (only with revenue).", sr->process_weight);
    cy += para(ui, x, cy, iw, goal.y + goal.h - g, buf) + g / 2;
    SDL_snprintf(buf, sizeof buf, "Efficiency \xE2\x80\x94 up to %d for little closing effort per deal and rested days.", sr->efficiency_weight);
    cy += para(ui, x, cy, iw, goal.y + goal.h - g, buf) + g / 2;
    SDL_snprintf(buf, sizeof buf, "Penalties \xE2\x80\x94 %d per executive who hears a generic pitch, %d per burned prospect, %d per deal lost to pressure.",
                 sr->penalty_generic_exec, sr->penalty_burned, sr->penalty_pressure_loss);
    cy += para(ui, x, cy, iw, goal.y + goal.h - g, buf) + g;
    /* the two reference curves as the lesson */
    int bar_h = theme_px(th, 12);
    const int *curves[2] = {sr->curve_sales2, sr->curve_sales1};
    const char *names[2] = {"Sales 2.0", "Sales 1.0"};
    int nw = theme_px(th, 84);
    if (nw < text_width(th->font[FONT_BODY_BOLD], "Sales 2.0") + g)
        nw = text_width(th->font[FONT_BODY_BOLD], "Sales 2.0") + g;
    for (int c = 0; c < 2 && cy + bar_h < goal.y + goal.h - g; c++) {
        long long v[STAGE_COUNT];
        for (int i = 0; i < STAGE_COUNT; i++)
            v[i] = curves[c][i];
        widget_label(ui, x, cy + (bar_h - th->line[FONT_BODY]) / 2, nw, FONT_BODY_BOLD, th->c.text, names[c], ALIGN_LEFT);
        SDL_Rect r = {x + nw, cy, iw - nw, bar_h};
        widget_stacked(ui, r, v, th->c.stage, STAGE_COUNT);
        cy += bar_h + g;
    }
    if (cy + th->line[FONT_BODY] * 3 < goal.y + goal.h - g)
        widget_text(ui, x, cy, iw, FONT_BODY, th->c.muted,
                    "Sales 1.0 saves its effort for closing. Sales 2.0 turns the curve upside down: prepare and "
                    "prospect well, and the buyer asks to sign.");

    /* right: the whole territory */
    SDL_Rect pr = {m + lw + col_gap, top, rw, bottom - top - g * 2};
    widget_card(ui, pr, 0, (SDL_Color){0, 0, 0, 0});
    x = pr.x + g * 3;
    iw = rw - g * 6;
    cy = top + g * 2;
    SDL_snprintf(buf, sizeof buf, "YOUR %d PROSPECTS", n);
    int hw = widget_heading(ui, x, cy, iw, buf, (SDL_Color){0, 0, 0, 0});
    (void)hw;
    if (!two_lines) {
        int tw = text_width(th->font[FONT_BODY_BOLD], buf) + g * 2;
        widget_label(ui, x + tw, cy, iw - tw, FONT_BODY, th->c.muted,
                     "deal value \xC2\xB7 seniority \xC2\xB7 importance \xE2\x98\x85", ALIGN_RIGHT);
    }
    cy += th->line[FONT_BODY_BOLD] + g;
    int row = th->line[FONT_BODY_BOLD] + th->line[FONT_BODY] + g;
    int avail = pr.y + pr.h - g * 2 - cy;
    b->more = 0;
    if (two_lines) {
        /* room for two lines an account: the contact and title under the company */
        b->scroll = 0;
        int c1 = iw * 50 / 100, c2 = iw * 18 / 100, c3 = iw * 14 / 100;
        for (int i = 0; i < n; i++) {
            const Prospect *p = scenario_prospect(sc, i);
            widget_label(ui, x, cy, c1 - g, FONT_BODY_BOLD, th->c.text, p->company, ALIGN_LEFT);
            SDL_snprintf(buf, sizeof buf, "%s, %s", p->contact, p->title);
            widget_label(ui, x, cy + th->line[FONT_BODY_BOLD], c1 - g, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
            nav_money(money, sizeof money, (long long)p->deal_value, scenario_currency(sc));
            widget_label(ui, x + c1, cy, c2 - g, FONT_BODY_BOLD, th->c.text, money, ALIGN_LEFT);
            widget_label(ui, x + c1, cy + th->line[FONT_BODY_BOLD], c2 - g, FONT_BODY, th->c.muted,
                         seniority_label(p->seniority), ALIGN_LEFT);
            nav_stars(buf, sizeof buf, p->importance, 3);
            widget_label(ui, x + c1 + c2, cy, c3, FONT_BODY, th->c.warn, buf, ALIGN_LEFT);
            const char *st = p->start_status == STATUS_MEETING ? "Opportunity"
                             : p->start_status == STATUS_ENGAGED ? "Engaged" : "Cold";
            widget_label(ui, x + c1 + c2 + c3, cy, iw - c1 - c2 - c3, FONT_BODY, th->c.muted, st, ALIGN_LEFT);
            cy += row;
        }
    } else {
        draw_territory(b, app, (SDL_Rect){x, cy, iw, avail});
    }

    /* buttons */
    int bw = theme_px(th, 240);
    /* as wide as the label and its key need at large text sizes */
    int need = text_width(th->font[FONT_BODY_BOLD], "Start the first day") + text_width(th->font[FONT_BODY], "Enter") +
               theme_px(th, 12) + theme_px(th, 8) + theme_px(th, 24);
    bw = need > bw ? need : bw;
    SDL_Rect start_r = {W - m - bw, H - bh - g * 3, bw, bh};
    SDL_Rect back_r = {W - m - 2 * bw - g * 2, H - bh - g * 3, bw, bh};
    widget_button(ui, start_r, "Start the first day", "Enter",
                  WIDGET_PRIMARY | (b->focus == 0 ? WIDGET_FOCUSED : 0) |
                      (ui->hover_id == HIT_START ? WIDGET_HOVER : 0),
                  HIT_START, NULL);
    widget_button(ui, back_r, "Back", "Esc",
                  (b->focus == 1 ? WIDGET_FOCUSED : 0) | (ui->hover_id == HIT_BACK ? WIDGET_HOVER : 0),
                  HIT_BACK, NULL);
    SDL_snprintf(buf, sizeof buf, "Seed %llu. Tip: research before you call \xE2\x80\x94 executives hang up on generic calls.",
                 (unsigned long long)(app->opts.has_seed ? app->opts.seed : app->next_seed));
    widget_text(ui, m, H - bh - g * 3 + (bh - th->line[FONT_BODY] * 2) / 2, W - 2 * m - 2 * bw - g * 4,
                FONT_BODY, th->c.muted, buf);
}

static void briefing_leave(Screen *s, App *app)
{
    (void)app;
    free(s);
}

Screen *briefing_screen_new(void)
{
    Briefing *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->base.name = "briefing";
    b->base.leave = briefing_leave;
    b->base.event = briefing_event;
    b->base.draw = briefing_draw;
    return &b->base;
}
