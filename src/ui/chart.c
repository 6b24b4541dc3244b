/* chart — lines, stacked bars and timelines for the debrief. */
#include "chart.h"

#include "nav.h"
#include "play_model.h"

static void thick_line(Ui *ui, int x1, int y1, int x2, int y2, int w, SDL_Color c, int dashed)
{
    SDL_Color opaque = {c.r, c.g, c.b, 255};
    rec_color(ui->rec, opaque, SDL_BLENDMODE_NONE);
    int dx = x2 - x1, dy = y2 - y1;
    int steps = 1;
    if (dashed) {
        int len = (int)SDL_sqrt((double)(dx * dx + dy * dy));
        steps = len / theme_px(ui->theme, 8);
        if (steps < 1)
            steps = 1;
    }
    for (int s = 0; s < steps; s++) {
        if (dashed && (s % 2))
            continue;
        int ax = x1 + dx * s / steps, ay = y1 + dy * s / steps;
        int bx = x1 + dx * (s + 1) / steps, by = y1 + dy * (s + 1) / steps;
        for (int o = -(w / 2); o <= w / 2; o++) {
            rec_line(ui->rec, ax, ay + o, bx, by + o);
            rec_line(ui->rec, ax + o, ay, bx + o, by);
        }
    }
}

void chart_curve(Ui *ui, SDL_Rect r, const int *player_bp, const int *sales1_pct, const int *sales2_pct,
                 const char *who)
{
    const Theme *th = ui->theme;
    int gpx = theme_grid(th, 1);
    /* room for the widest axis label ("100%") whatever the text size */
    int axis_w = text_width(th->font[FONT_BODY], "100%") + gpx * 2;
    if (axis_w < theme_px(th, 40))
        axis_w = theme_px(th, 40);
    int label_h = th->line[FONT_BODY] + gpx;
    SDL_Rect plot = {r.x + axis_w, r.y + gpx, r.w - axis_w - gpx * 2, r.h - label_h - gpx * 2};
    int max = 50;
    for (int s = 0; s < STAGE_COUNT; s++) {
        if (player_bp[s] / 100 > max)
            max = player_bp[s] / 100;
        if (sales1_pct[s] > max)
            max = sales1_pct[s];
        if (sales2_pct[s] > max)
            max = sales2_pct[s];
    }
    max = (max + 9) / 10 * 10;
    for (int v = 0; v <= max; v += 10) {
        int y = plot.y + plot.h - plot.h * v / max;
        SDL_Rect gl = {plot.x, y, plot.w, 1};
        widget_fill(ui, gl, th->c.track);
        if (v % 20 == 0) {
            char buf[16];
            SDL_snprintf(buf, sizeof buf, "%d%%", v);
            widget_label(ui, r.x, y - th->line[FONT_BODY] / 2, axis_w - gpx, FONT_BODY, th->c.muted, buf, ALIGN_RIGHT);
        }
    }
    int xs[STAGE_COUNT];
    for (int s = 0; s < STAGE_COUNT; s++) {
        xs[s] = plot.x + plot.w * (2 * s + 1) / (2 * STAGE_COUNT);
        SDL_Rect band = {xs[s] - theme_px(th, 2), plot.y + plot.h + theme_px(th, 2), theme_px(th, 4), theme_px(th, 4)};
        widget_fill(ui, band, th->c.stage[s]);
        widget_label(ui, xs[s] - plot.w / 8, plot.y + plot.h + gpx, plot.w / 4, FONT_BODY_BOLD, th->c.stage[s],
                     stage_label((Stage)s), ALIGN_CENTER);
    }
    SDL_Color c1 = th->c.muted, c2 = th->c.muted, cp = th->c.accent;
    int lw = theme_px(th, 2);
    for (int s = 0; s + 1 < STAGE_COUNT; s++) {
        int y1a = plot.y + plot.h - plot.h * sales1_pct[s] / max, y1b = plot.y + plot.h - plot.h * sales1_pct[s + 1] / max;
        int y2a = plot.y + plot.h - plot.h * sales2_pct[s] / max, y2b = plot.y + plot.h - plot.h * sales2_pct[s + 1] / max;
        int ypa = plot.y + plot.h - plot.h * player_bp[s] / 100 / max;
        int ypb = plot.y + plot.h - plot.h * player_bp[s + 1] / 100 / max;
        thick_line(ui, xs[s], y1a, xs[s + 1], y1b, lw, c1, 1);
        thick_line(ui, xs[s], y2a, xs[s + 1], y2b, lw, c2, 0);
        thick_line(ui, xs[s], ypa, xs[s + 1], ypb, theme_px(th, 4), cp, 0);
    }
    for (int s = 0; s < STAGE_COUNT; s++) {
        int d = theme_px(th, 10);
        int yp = plot.y + plot.h - plot.h * player_bp[s] / 100 / max;
        SDL_Rect dot = {xs[s] - d / 2, yp - d / 2, d, d};
        widget_round(ui, dot, d / 2, th->c.stage[s]);
        char buf[16];
        SDL_snprintf(buf, sizeof buf, "%d%%", (player_bp[s] + 50) / 100);
        /* above the dot, or below it where the curve rises to the right (not across it) */
        int rises = s + 1 < STAGE_COUNT && player_bp[s + 1] > player_bp[s];
        int ly = rises ? yp + theme_px(th, 2) : yp - th->line[FONT_BODY_BOLD] - theme_px(th, 2);
        widget_label(ui, xs[s] + d / 2 + theme_px(th, 4), ly, theme_px(th, 60), FONT_BODY_BOLD, th->c.text, buf,
                     ALIGN_LEFT);
    }
    /* end labels of the reference curves */
    int ye1 = plot.y + plot.h - plot.h * sales1_pct[STAGE_COUNT - 1] / max;
    int ye2 = plot.y + plot.h - plot.h * sales2_pct[STAGE_COUNT - 1] / max;
    widget_label(ui, xs[STAGE_COUNT - 1] + gpx, ye1 - th->line[FONT_BODY] / 2, theme_px(th, 90), FONT_BODY, th->c.muted,
                 "Sales 1.0", ALIGN_LEFT);
    widget_label(ui, xs[STAGE_COUNT - 1] + gpx, ye2 - th->line[FONT_BODY] / 2, theme_px(th, 90), FONT_BODY, th->c.muted,
                 "Sales 2.0", ALIGN_LEFT);
    int yp0 = plot.y + plot.h - plot.h * player_bp[0] / 100 / max;
    int you_w = text_width(th->font[FONT_BODY_BOLD], who);
    widget_label(ui, xs[0] - you_w - gpx * 2, yp0 - th->line[FONT_BODY_BOLD] / 2, 0, FONT_BODY_BOLD, th->c.accent, who,
                 ALIGN_LEFT);
}

SDL_Color chart_unused_color(const Theme *th)
{
    return theme_mix(th->c.surface, th->c.muted, 22);
}

void chart_weeks(Ui *ui, SDL_Rect r, const Game *g, int hit_id)
{
    const Theme *th = ui->theme;
    const Scenario *sc = game_scenario(g);
    const Calendar *cal = scenario_calendar(sc);
    int weeks = cal->weeks;
    int gpx = theme_grid(th, 1);
    int label_h = th->line[FONT_BODY] + gpx / 2;
    int top_h = th->line[FONT_BODY]; /* the share of the week used, above each bar */
    int max = cal->days_per_week * cal->hours_per_day * 60; /* a week's working minutes */
    if (max <= 0)
        max = 1;
    char axis[5][16];
    int axis_w = theme_px(th, 40); /* as wide as the widest hour label, at any text size */
    for (int q = 0; q <= 4; q++) {
        if (max * q / 4 % 60 == 0)
            SDL_snprintf(axis[q], sizeof axis[q], "%dh", max * q / 4 / 60);
        else
            nav_minutes(axis[q], sizeof axis[q], max * q / 4);
        int w = text_width(th->font[FONT_BODY], axis[q]) + gpx * 2;
        if (w > axis_w)
            axis_w = w;
    }
    SDL_Rect plot = {r.x + axis_w, r.y + gpx + top_h, r.w - axis_w, r.h - label_h - gpx - top_h};
    for (int q = 0; q <= 4; q++) {
        int y = plot.y + plot.h - plot.h * q / 4;
        SDL_Rect gl = {plot.x, y, plot.w, 1};
        widget_fill(ui, gl, th->c.track);
        widget_label(ui, r.x, y - th->line[FONT_BODY] / 2, axis_w - gpx, FONT_BODY, th->c.muted, axis[q], ALIGN_RIGHT);
    }
    int slot = plot.w / (weeks > 0 ? weeks : 1);
    int bw = slot * 6 / 10;
    if (bw > theme_px(th, 56))
        bw = theme_px(th, 56);
    SDL_Color unused = chart_unused_color(th);
    for (int w = 0; w < weeks; w++) {
        int x = plot.x + slot * w + (slot - bw) / 2;
        int y = plot.y + plot.h;
        /* the whole week in the neutral colour, then the effort over it from the bottom */
        SDL_Rect all = {x, plot.y, bw, plot.h};
        widget_fill(ui, all, unused);
        int spent = 0, mins[STAGE_COUNT];
        for (int s = 0; s < STAGE_COUNT; s++) {
            mins[s] = game_effort_week_minutes(g, w, (Stage)s);
            spent += mins[s];
            int h = plot.h * spent / max - (plot.y + plot.h - y); /* rounded on the running total */
            SDL_Rect part = {x, y - h, bw, h};
            widget_fill(ui, part, th->c.stage[s]);
            y -= h;
        }
        char buf[16];
        SDL_snprintf(buf, sizeof buf, "%d%%", (int)(((long long)spent * 100 + max / 2) / max));
        widget_label(ui, plot.x + slot * w, plot.y - top_h, slot, FONT_BODY, th->c.muted, buf, ALIGN_CENTER);
        SDL_snprintf(buf, sizeof buf, "Wk %d", w + 1);
        widget_label(ui, plot.x + slot * w, plot.y + plot.h + gpx / 2, slot, FONT_BODY, th->c.muted, buf, ALIGN_CENTER);
        if (hit_id > 0) {
            char tip[UI_TIP_MAX], t[STAGE_COUNT][32], used[32], avail[32], left[32];
            for (int s = 0; s < STAGE_COUNT; s++)
                nav_minutes(t[s], sizeof t[s], mins[s]);
            nav_minutes(used, sizeof used, spent);
            nav_minutes(avail, sizeof avail, max);
            nav_minutes(left, sizeof left, max - spent);
            SDL_snprintf(tip, sizeof tip,
                         "Week %d: %s of %s on actions (Prepare %s, Prospect %s, Progress %s, Close %s); %s unused.",
                         w + 1, used, avail, t[0], t[1], t[2], t[3], left);
            SDL_Rect hr = {plot.x + slot * w, plot.y - top_h, slot, plot.h + top_h + label_h};
            widget_hit(ui, hr, hit_id + w, tip);
        }
    }
}

void chart_timeline(Ui *ui, SDL_Rect r, const Game *g, int prospect)
{
    const Theme *th = ui->theme;
    int days = scenario_day_count(game_scenario(g));
    int gw = th->line[FONT_LABEL];
    int span = r.w - gw;
    int base = r.y + r.h - theme_px(th, 3);
    SDL_Rect axis = {r.x, base, r.w, 1};
    widget_fill(ui, axis, th->c.border);
    for (int d = 0; d < days; d++) {
        int x = r.x + gw / 2 + (days > 1 ? span * d / (days - 1) : 0);
        SDL_Rect tick = {x, base - theme_px(th, 3), 1, theme_px(th, 3)};
        widget_fill(ui, tick, th->c.border);
    }
    int n = game_touch_count(g, prospect);
    for (int i = 0; i < n; i++) {
        const Touch *t = game_touch(g, prospect, i);
        int x = r.x + (days > 1 ? span * (t->day - 1) / (days - 1) : 0);
        int good = t->outcome == TOUCH_MEETING || t->outcome == TOUCH_REPLY;
        SDL_Color c = good ? th->c.good
                      : t->outcome == TOUCH_BURNED ? th->c.bad
                      : t->outcome == TOUCH_MISSED || t->outcome == TOUCH_PENDING ? th->c.muted : th->c.text;
        /* touches on the same day sit side by side */
        int same = 0;
        for (int k = 0; k < i; k++)
            same += game_touch(g, prospect, k)->day == t->day;
        int y = base - th->line[FONT_LABEL];
        x += same * gw * 2 / 3;
        const char *icon = play_channel_icon(t->channel);
        int iw = text_width(th->font[FONT_LABEL_BOLD], icon);
        widget_label(ui, x + (gw - iw) / 2, y, 0, FONT_LABEL_BOLD, c, icon, ALIGN_LEFT);
        if (good) {
            /* a shape as well as a colour for the touches that worked */
            int d = theme_px(th, 5);
            SDL_Rect dot = {x + (gw - d) / 2, base + theme_px(th, 2), d, d};
            widget_round(ui, dot, d / 2, th->c.good);
        }
    }
}

/* The top of a points axis: the first of 1, 2, 5, 10, 20, 50... as a step that reaches v
 * in at most 5 steps, and that many steps. */
static int64_t nice_top(int64_t v, int64_t *step)
{
    static const int m[] = {1, 2, 5};
    if (v < 1)
        v = 1;
    for (int64_t unit = 1;; unit *= 10)
        for (int i = 0; i < 3; i++) {
            int64_t st = unit * m[i];
            int64_t n = (v + st - 1) / st;
            if (n <= 5) {
                *step = st;
                return n * st;
            }
        }
}

void chart_whatif(Ui *ui, SDL_Rect r, const WhatIf *w, const Scenario *sc, int chosen_day, int hit_id)
{
    const Theme *th = ui->theme;
    int gpx = theme_grid(th, 1);
    int n = whatif_count(w);
    int days = whatif_days(w);
    if (days < 1)
        return;
    int64_t own = whatif_score(w), top = own > 0 ? own : 1;
    for (int i = 0; i < n; i++)
        if (whatif_takeover(w, i)->score > top)
            top = whatif_takeover(w, i)->score;
    int64_t step;
    top = nice_top(top, &step);
    char buf[UI_TIP_MAX];
    SDL_snprintf(buf, sizeof buf, "%lld", (long long)top);
    int axis_w = text_width(th->font[FONT_BODY], buf) + gpx * 2;
    int label_h = th->line[FONT_BODY] + gpx;
    /* room on the right for the trainee's label */
    int you_w = text_width(th->font[FONT_BODY_BOLD], "You 0000") + gpx * 2;
    SDL_Rect plot = {r.x + axis_w, r.y + th->line[FONT_BODY] / 2, r.w - axis_w - you_w, r.h - label_h - th->line[FONT_BODY] / 2};
    if (plot.w < days || plot.h < 8)
        return;
#define WY(v) (plot.y + plot.h - (int)((int64_t)plot.h * (v) / top))
#define WX(i) (plot.x + (int)((int64_t)plot.w * (2 * (i) + 1) / (2 * days)))
    /* the chosen day's band, behind everything */
    if (chosen_day >= 1 && chosen_day <= days) {
        int x0 = plot.x + plot.w * (chosen_day - 1) / days, x1 = plot.x + plot.w * chosen_day / days;
        SDL_Rect band = {x0, plot.y, x1 - x0 > 2 ? x1 - x0 : 2, plot.h};
        widget_fill(ui, band, th->c.surface_alt);
    }
    for (int64_t v = 0; v <= top; v += step) {
        int y = WY(v);
        SDL_Rect gl = {plot.x, y, plot.w, 1};
        widget_fill(ui, gl, th->c.track);
        SDL_snprintf(buf, sizeof buf, "%lld", (long long)v);
        widget_label(ui, r.x, y - th->line[FONT_BODY] / 2, axis_w - gpx, FONT_BODY, th->c.muted, buf, ALIGN_RIGHT);
    }
    /* weeks: a faint line between them and the week's number under its days */
    const Calendar *cal = scenario_calendar(sc);
    int per = cal->days_per_week > 0 ? cal->days_per_week : days;
    int weeks = (days + per - 1) / per;
    int wk_w = plot.w / (weeks > 0 ? weeks : 1);
    int wide = text_width(th->font[FONT_BODY], "Week 00") + gpx <= wk_w;
    for (int k = 0; k < weeks; k++) {
        int x0 = plot.x + plot.w * k * per / days, x1 = plot.x + plot.w * ((k + 1) * per < days ? (k + 1) * per : days) / days;
        if (k > 0) {
            SDL_Rect sep = {x0, plot.y, 1, plot.h + gpx / 2};
            widget_fill(ui, sep, th->c.border);
        }
        SDL_snprintf(buf, sizeof buf, wide ? "Week %d" : "%d", k + 1);
        widget_label(ui, x0, plot.y + plot.h + gpx / 2, x1 - x0, FONT_BODY, th->c.muted, buf, ALIGN_CENTER);
    }
    /* the trainee's own score, dashed across */
    int yo = WY(own);
    thick_line(ui, plot.x, yo, plot.x + plot.w, yo, theme_px(th, 2), th->c.accent, 1);
    SDL_snprintf(buf, sizeof buf, "You %lld", (long long)own);
    widget_label(ui, plot.x + plot.w + gpx, yo - th->line[FONT_BODY_BOLD] / 2, you_w - gpx, FONT_BODY_BOLD, th->c.accent, buf,
                 ALIGN_LEFT);
    /* the takeovers */
    for (int i = 0; i + 1 < n; i++)
        thick_line(ui, WX(i), WY(whatif_takeover(w, i)->score), WX(i + 1), WY(whatif_takeover(w, i + 1)->score),
                   theme_px(th, 2), th->c.muted, 0);
    const WhatIfTurn *turn = whatif_turn(w);
    int dot = theme_px(th, days > 45 ? 7 : 10);
    int pitch = plot.w / days;
    if (dot > pitch - 1)
        dot = pitch - 1 > 3 ? pitch - 1 : 3;
    for (int i = 0; i < n; i++) {
        const WhatIfTakeover *t = whatif_takeover(w, i);
        int x = WX(i), y = WY(t->score);
        if (t->day == turn->day) {
            int ring = dot + theme_px(th, 8);
            SDL_Rect rr = {x - ring / 2, y - ring / 2, ring, ring};
            widget_round(ui, rr, ring / 2, th->c.bad);
            SDL_Rect hole = {rr.x + theme_px(th, 2), rr.y + theme_px(th, 2), ring - theme_px(th, 4), ring - theme_px(th, 4)};
            widget_round(ui, hole, hole.w / 2, t->day == chosen_day ? th->c.surface_alt : th->c.surface);
        }
        SDL_Rect dr = {x - dot / 2, y - dot / 2, dot, dot};
        if (t->score > own) {
            widget_round(ui, dr, dot / 2, th->c.good);
        } else {
            widget_round(ui, dr, dot / 2, th->c.muted);
            int in = dot - theme_px(th, 4) > 1 ? dot - theme_px(th, 4) : 1;
            SDL_Rect hole = {x - in / 2, y - in / 2, in, in};
            widget_round(ui, hole, in / 2, t->day == chosen_day ? th->c.surface_alt : th->c.surface);
        }
        /* a hit region per day, or per few days on a calendar of more than 100, and never
         * so many that the screen's own buttons after the chart would find no room */
        int group = (days + 99) / 100;
        if (hit_id > 0 && i % group == 0 && ui->hit_count < UI_MAX_HITS - 16) {
            char rev[48], tip[UI_TIP_MAX];
            nav_money(rev, sizeof rev, (long long)t->revenue, scenario_currency(sc));
            long long gap = (long long)(t->score - own);
            SDL_snprintf(tip, sizeof tip, "Day %d (week %d): %s from here would have scored %lld (%s%lld against your %lld), "
                         "%s, %d won. Click to choose it; R rewinds to it.",
                         t->day, (t->day - 1) / per + 1, whatif_strategy_label(whatif_strategy(w)), (long long)t->score,
                         gap > 0 ? "+" : "", gap, (long long)own, rev, t->deals_won);
            int last = i + group < n ? i + group : n;
            int x0 = plot.x + plot.w * i / days, x1 = plot.x + plot.w * last / days;
            SDL_Rect hr = {x0, plot.y, x1 - x0, plot.h + label_h};
            widget_hit(ui, hr, hit_id + i, tip);
        }
    }
#undef WX
#undef WY
}
