/* The briefing: the goal, the quota, the calendar, the prospects at a glance and how the
 * score is made, before the first day starts. */
#include <stdlib.h>

#include "app.h"
#include "nav.h"
#include "upfront/score.h"

enum { HIT_START = 1, HIT_BACK };

typedef struct Briefing {
    Screen base;
    int focus; /* 0 start, 1 back */
} Briefing;

static void start(App *app)
{
    if (app_start_game(app) == 0)
        app_replace(app, play_screen_new());
}

static int briefing_event(Screen *s, App *app, const SDL_Event *ev)
{
    Briefing *b = (Briefing *)s;
    if (nav_click(ev)) {
        if (app->ui.hover_id == HIT_START)
            start(app);
        else if (app->ui.hover_id == HIT_BACK)
            app_pop(app);
        return app->ui.hover_id != 0;
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

static int fact(Ui *ui, int x, int y, int w, const char *label, const char *value)
{
    const Theme *th = ui->theme;
    widget_label(ui, x, y, w, FONT_BODY, th->c.muted, label, ALIGN_LEFT);
    widget_label(ui, x, y + th->line[FONT_BODY], w, FONT_LABEL_BOLD, th->c.text, value, ALIGN_LEFT);
    return th->line[FONT_BODY] + th->line[FONT_LABEL_BOLD];
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
    int lw = (W - 2 * m - col_gap) * 5 / 12;
    int rw = W - 2 * m - col_gap - lw;
    int top = y;

    /* left: the goal and how the score is made */
    SDL_Rect goal = {m, top, lw, bottom - top - g * 2};
    widget_card(ui, goal, 0, (SDL_Color){0, 0, 0, 0});
    int x = m + g * 3, cy = top + g * 2, iw = lw - g * 6;
    widget_heading(ui, x, cy, iw, "YOUR GOAL", (SDL_Color){0, 0, 0, 0});
    cy += th->line[FONT_BODY_BOLD] + g;
    char buf[160], money[48];
    const Calendar *cal = scenario_calendar(sc);
    int fw = iw / 3;
    nav_money(money, sizeof money, (long long)scenario_quota(sc), scenario_currency(sc));
    fact(ui, x, cy, fw, "Quota", money);
    SDL_snprintf(buf, sizeof buf, "%d wk \xC3\x97 %d days", cal->weeks, cal->days_per_week);
    fact(ui, x + fw, cy, fw, "Calendar", buf);
    SDL_snprintf(buf, sizeof buf, "%d hours", cal->hours_per_day);
    cy += fact(ui, x + 2 * fw, cy, fw, "Each day", buf) + g;
    SDL_snprintf(buf, sizeof buf, "%d points", scenario_energy(sc)->daily);
    fact(ui, x, cy, fw, "Energy a day", buf);
    nav_money(money, sizeof money, (long long)scenario_budget(sc), scenario_currency(sc));
    fact(ui, x + fw, cy, fw, "Campaign budget", money);
    SDL_snprintf(buf, sizeof buf, "%d", scenario_prospect_count(sc));
    cy += fact(ui, x + 2 * fw, cy, fw, "Prospects", buf) + g * 2;

    widget_heading(ui, x, cy, iw, "HOW THE SCORE IS MADE", (SDL_Color){0, 0, 0, 0});
    cy += th->line[FONT_BODY_BOLD] + g;
    const ScoringRules *sr = scenario_scoring(sc);
    SDL_snprintf(buf, sizeof buf, "Results \xE2\x80\x94 up to %d points for revenue against quota.", sr->results_weight);
    cy += widget_text(ui, x, cy, iw, FONT_BODY, th->c.text, buf) + g / 2;
    SDL_snprintf(buf, sizeof buf, "Process \xE2\x80\x94 up to %d for front-loaded, personalised, multi-channel work (only with revenue).", sr->process_weight);
    cy += widget_text(ui, x, cy, iw, FONT_BODY, th->c.text, buf) + g / 2;
    SDL_snprintf(buf, sizeof buf, "Efficiency \xE2\x80\x94 up to %d for little closing effort per deal and rested days.", sr->efficiency_weight);
    cy += widget_text(ui, x, cy, iw, FONT_BODY, th->c.text, buf) + g / 2;
    SDL_snprintf(buf, sizeof buf, "Penalties \xE2\x80\x94 %d per generic call to an executive, %d per burned prospect, %d per deal lost to pressure.",
                 sr->penalty_generic_exec, sr->penalty_burned, sr->penalty_pressure_loss);
    cy += widget_text(ui, x, cy, iw, FONT_BODY, th->c.text, buf) + g;
    /* the two reference curves as the lesson */
    int bar_h = theme_px(th, 12);
    const int *curves[2] = {sr->curve_sales2, sr->curve_sales1};
    const char *names[2] = {"Sales 2.0", "Sales 1.0"};
    int nw = theme_px(th, 84);
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

    /* right: the prospects */
    SDL_Rect pr = {m + lw + col_gap, top, rw, bottom - top - g * 2};
    widget_card(ui, pr, 0, (SDL_Color){0, 0, 0, 0});
    x = pr.x + g * 3;
    iw = rw - g * 6;
    cy = top + g * 2;
    SDL_snprintf(buf, sizeof buf, "YOUR %d PROSPECTS", scenario_prospect_count(sc));
    widget_heading(ui, x, cy, iw, buf, (SDL_Color){0, 0, 0, 0});
    cy += th->line[FONT_BODY_BOLD] + g;
    int n = scenario_prospect_count(sc);
    int row = th->line[FONT_BODY_BOLD] + th->line[FONT_BODY] + g;
    int avail = pr.y + pr.h - g * 2 - cy;
    int shown = n;
    if (shown * row > avail)
        shown = avail / row;
    int c1 = iw * 50 / 100, c2 = iw * 18 / 100, c3 = iw * 14 / 100;
    for (int i = 0; i < shown; i++) {
        const Prospect *p = scenario_prospect(sc, i);
        if (i == shown - 1 && shown < n) {
            SDL_snprintf(buf, sizeof buf, "\xE2\x80\xA6 and %d more", n - shown + 1);
            widget_label(ui, x, cy, iw, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
            break;
        }
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

    /* buttons */
    int bw = theme_px(th, 240);
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
