/* The play screen: the day at a glance, the prospects, the selected account, the actions
 * by stage with their costs and odds before acting, the inbox and the effort so far. Input
 * becomes Actions applied through the session; drawing only reads the game. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "nav.h"
#include "play_model.h"
#include "tween.h"

enum {
    HIT_END_DAY = PLAY_HIT_END_DAY,
    HIT_MENU = PLAY_HIT_MENU,
    HIT_HELP = PLAY_HIT_HELP,
    HIT_SORT = PLAY_HIT_SORT,
    HIT_FILTER = PLAY_HIT_FILTER,
    HIT_PROSPECT = PLAY_HIT_PROSPECT,
    HIT_ACTION = PLAY_HIT_ACTION,
    HIT_INFO = PLAY_HIT_INFO
};

#define BANNER_MS 2200

typedef struct Play {
    Screen base;
    int sel;        /* selected prospect (a scenario index, whatever the list's order) */
    PlaySort sort;  /* the prospect list's order and filter */
    PlayFilter filter;
    PlayList list;  /* rebuilt from the game whenever it is needed */
    int first;      /* the list's first row shown */
    int rows;       /* rows the list showed last (the page for PgUp/PgDn) */
    int act;        /* focused action in the menu */
    int inbox_mark; /* events from here on are new since the last day change */
    Uint32 banner_start;
    int banner_on;
    int banner_phase; /* last phase drawn: 0 in, 1 hold, 2 out */
    char banner_title[96];
    char banner_text[240];
    Tween energy, minutes, revenue, budget;
    PlayMenu menu;  /* rebuilt from the game whenever it is needed */
} Play;

static const Game *game_of(App *app)
{
    return app->session ? app->session->game : NULL;
}

static void retarget(Play *p, App *app, int jump)
{
    const Game *g = game_of(app);
    if (!g)
        return;
    float e = (float)game_energy(g), m = (float)game_minutes_left(g);
    float r = (float)game_revenue(g), b = (float)game_budget_left(g);
    if (jump) {
        tween_set(&p->energy, e);
        tween_set(&p->minutes, m);
        tween_set(&p->revenue, r);
        tween_set(&p->budget, b);
    } else {
        tween_to(&p->energy, e, app->now);
        tween_to(&p->minutes, m, app->now);
        tween_to(&p->revenue, r, app->now);
        tween_to(&p->budget, b, app->now);
    }
}

static void show_banner(Play *p, App *app, int old_week)
{
    const Game *g = game_of(app);
    const Scenario *sc = game_scenario(g);
    const Calendar *cal = scenario_calendar(sc);
    int day = game_day(g), week = game_week(g);
    int fresh = 0;
    for (int i = p->inbox_mark; i < game_event_count(g); i++) {
        GameEventKind k = game_event(g, i)->kind;
        if (k != GEV_DAY_START && k != GEV_TOUCH_SENT)
            fresh++;
    }
    if (week != old_week) {
        SDL_snprintf(p->banner_title, sizeof p->banner_title, "Week %d of %d begins", week, cal->weeks);
        int total = 0, prep = 0;
        for (int s = 0; s < STAGE_COUNT; s++) {
            int m = game_effort_week_minutes(g, old_week - 1, (Stage)s);
            total += m;
            if (s <= STAGE_PROSPECT)
                prep += m;
        }
        char news[64];
        if (fresh)
            SDL_snprintf(news, sizeof news, "%d new message%s.", fresh, fresh == 1 ? "" : "s");
        else
            SDL_strlcpy(news, "Nothing new in the inbox.", sizeof news);
        SDL_snprintf(p->banner_text, sizeof p->banner_text,
                     "Last week %d%% of your time went to preparing and prospecting. %s",
                     total ? prep * 100 / total : 0, news);
    } else {
        SDL_snprintf(p->banner_title, sizeof p->banner_title, "%s \xC2\xB7 day %d of %d",
                     play_weekday((day - 1) % cal->days_per_week), day, scenario_day_count(sc));
        if (fresh)
            SDL_snprintf(p->banner_text, sizeof p->banner_text, "Energy %d. %d new message%s in the inbox.",
                         game_energy(g), fresh, fresh == 1 ? "" : "s");
        else
            SDL_snprintf(p->banner_text, sizeof p->banner_text, "Energy %d. Nothing new in the inbox.", game_energy(g));
    }
    p->banner_on = 1;
    p->banner_start = app->now;
    p->banner_phase = -1;
}

static void take(Play *p, App *app, const Action *a)
{
    Session *s = app->session;
    if (!s)
        return;
    int old_day = game_day(s->game), old_week = game_week(s->game);
    int mark = game_event_count(s->game);
    ActionError e = session_apply(s, a);
    if (e != ACTION_OK) {
        app_toast(app, "%s", action_error_message(e));
        return;
    }
    retarget(p, app, 0);
    if (game_over(s->game)) {
        app_finish_game(app);
        app_replace(app, debrief_screen_new());
        return;
    }
    if (game_day(s->game) != old_day) {
        p->inbox_mark = mark;
        show_banner(p, app, old_week);
        app_checkpoint(app); /* a day's end: the game so far can be resumed */
    }
}

static void end_day(Play *p, App *app)
{
    Action a = {ACTION_END_DAY, -1, 0};
    take(p, app, &a);
}

static int stage_of_focus(const Play *p)
{
    if (p->act < 0 || p->act >= p->menu.count)
        return 0;
    return (int)p->menu.items[p->act].stage;
}

/* The list as the game stands, with the selected account in it even when it no longer
 * passes the filter (an account never vanishes while it is being worked). */
static void list_refresh(Play *p, const Game *g)
{
    play_list_build(&p->list, g, p->sort, p->filter, p->sel);
}

/* Keeps the selected row in view, moving the list as little as possible. */
static void list_follow(Play *p)
{
    int pos = play_list_find(&p->list, p->sel);
    int rows = p->rows > 0 ? p->rows : 1;
    if (pos >= 0) {
        if (pos < p->first)
            p->first = pos;
        if (pos >= p->first + rows)
            p->first = pos - rows + 1;
    }
    if (p->first > p->list.count - rows)
        p->first = p->list.count - rows;
    if (p->first < 0)
        p->first = 0;
}

/* A new sort or filter (chosen by the player): the selected account stays selected, at
 * the same place on screen when it can, when it passes the new filter; otherwise the
 * first account of the new list is selected. */
static void list_change(Play *p, const Game *g, PlaySort sort, PlayFilter filter)
{
    list_refresh(p, g);
    int offset = play_list_find(&p->list, p->sel) - p->first;
    p->sort = sort;
    p->filter = filter;
    play_list_build(&p->list, g, sort, filter, -1);
    if (p->list.count > 0 && play_list_find(&p->list, p->sel) < 0) {
        p->sel = p->list.order[0];
        p->act = 0;
        offset = 0;
    }
    list_refresh(p, g);
    int pos = play_list_find(&p->list, p->sel);
    if (pos >= 0 && offset >= 0)
        p->first = pos - offset;
    list_follow(p);
}

/* Moves the selection by d rows of the list (wrapping at the ends when wrap is 1). */
static void list_move(Play *p, int d, int wrap)
{
    int n = p->list.count;
    if (n <= 0)
        return;
    int pos = play_list_find(&p->list, p->sel);
    if (pos < 0)
        pos = 0;
    else if (wrap)
        pos = ((pos + d) % n + n) % n;
    else
        pos = pos + d < 0 ? 0 : pos + d >= n ? n - 1 : pos + d;
    p->sel = p->list.order[pos];
    list_follow(p);
}

static int play_event(Screen *s, App *app, const SDL_Event *ev)
{
    Play *p = (Play *)s;
    const Game *g = game_of(app);
    if (!g)
        return 0;
    int np = scenario_prospect_count(game_scenario(g));
    if (np <= 0)
        return 0;
    if (p->sel >= np) /* a reloaded scenario may have fewer prospects */
        p->sel = np - 1;
    play_menu_build(&p->menu, g, p->sel);
    list_refresh(p, g);
    if (p->banner_on && (ev->type == SDL_KEYDOWN || ev->type == SDL_MOUSEBUTTONDOWN)) {
        p->banner_on = 0; /* the next action's own banner may start below */
        app_redraw(app);
    }
    if (ev->type == SDL_KEYDOWN) {
        SDL_Keycode k = ev->key.keysym.sym;
        int shift = (ev->key.keysym.mod & KMOD_SHIFT) != 0;
        /* a held key moves the selection but never repeats an action */
        int acts = (k >= SDLK_1 && k <= SDLK_9) || k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE ||
                   k == SDLK_e || k == SDLK_ESCAPE;
        if (ev->key.repeat && acts)
            return 0;
        if (k >= SDLK_1 && k <= SDLK_9) {
            int st = stage_of_focus(p);
            int n = (int)(k - SDLK_1);
            if (n < p->menu.size[st]) {
                p->act = p->menu.first[st] + n;
                take(p, app, &p->menu.items[p->act].action);
            }
            return 1;
        }
        switch (k) {
        case SDLK_UP:
            list_move(p, -1, 1);
            return 1;
        case SDLK_DOWN:
            list_move(p, 1, 1);
            return 1;
        case SDLK_PAGEUP:
            list_move(p, -(p->rows > 1 ? p->rows - 1 : 1), 0);
            return 1;
        case SDLK_PAGEDOWN:
            list_move(p, p->rows > 1 ? p->rows - 1 : 1, 0);
            return 1;
        case SDLK_HOME:
            list_move(p, -p->list.count, 0);
            return 1;
        case SDLK_END:
            list_move(p, p->list.count, 0);
            return 1;
        case SDLK_s:
            list_change(p, g, (PlaySort)((p->sort + (shift ? PLAY_SORT_COUNT - 1 : 1)) % PLAY_SORT_COUNT), p->filter);
            return 1;
        case SDLK_f:
            list_change(p, g, p->sort,
                        (PlayFilter)((p->filter + (shift ? PLAY_FILTER_COUNT - 1 : 1)) % PLAY_FILTER_COUNT));
            return 1;
        case SDLK_TAB:
            if (p->menu.count)
                p->act = (p->act + (shift ? p->menu.count - 1 : 1)) % p->menu.count;
            return 1;
        case SDLK_LEFT:
        case SDLK_RIGHT: {
            int st = (stage_of_focus(p) + (k == SDLK_LEFT ? STAGE_COUNT - 1 : 1)) % STAGE_COUNT;
            if (p->menu.size[st])
                p->act = p->menu.first[st];
            return 1;
        }
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
            if (p->act >= 0 && p->act < p->menu.count)
                take(p, app, &p->menu.items[p->act].action);
            return 1;
        case SDLK_e:
            end_day(p, app);
            return 1;
        case SDLK_ESCAPE:
            app_push(app, pause_screen_new());
            return 1;
        case SDLK_h:
        case SDLK_F1:
        case SDLK_SLASH:
            app_push(app, help_screen_new());
            return 1;
        default:
            return 0;
        }
    }
    if (ev->type == SDL_MOUSEWHEEL) {
        list_move(p, ev->wheel.y > 0 ? -1 : 1, 1);
        return 1;
    }
    if (nav_click(ev)) {
        int id = app->ui.hover_id;
        if (id == HIT_END_DAY)
            end_day(p, app);
        else if (id == HIT_MENU)
            app_push(app, pause_screen_new());
        else if (id == HIT_HELP)
            app_push(app, help_screen_new());
        else if (id == HIT_SORT)
            list_change(p, g, (PlaySort)((p->sort + 1) % PLAY_SORT_COUNT), p->filter);
        else if (id == HIT_FILTER)
            list_change(p, g, p->sort, (PlayFilter)((p->filter + 1) % PLAY_FILTER_COUNT));
        else if (id >= HIT_PROSPECT && id < HIT_PROSPECT + np) {
            p->sel = id - HIT_PROSPECT;
            list_refresh(p, g);
            list_follow(p);
        }
        else if (id >= HIT_ACTION && id < HIT_ACTION + p->menu.count) {
            p->act = id - HIT_ACTION;
            if (p->menu.items[p->act].error == ACTION_OK)
                take(p, app, &p->menu.items[p->act].action);
            else
                app_toast(app, "%s", action_error_message(p->menu.items[p->act].error));
        } else
            return 0;
        return 1;
    }
    return 0;
}

static int play_update(Screen *s, App *app, int step_ms)
{
    (void)step_ms;
    Play *p = (Play *)s;
    Uint32 now = app->now;
    int anim = tween_active(&p->energy, now) || tween_active(&p->minutes, now) ||
               tween_active(&p->revenue, now) || tween_active(&p->budget, now);
    if (p->banner_on) {
        Uint32 t = now - p->banner_start;
        int phase = t < 200 ? 0 : t < BANNER_MS - 200 ? 1 : t < BANNER_MS ? 2 : 3;
        if (phase == 3)
            p->banner_on = 0;
        if (phase != 1 || p->banner_phase != 1)
            anim = 1;
        p->banner_phase = phase;
    }
    return anim;
}

/* --- drawing ------------------------------------------------------------------------- */

static void meter(Ui *ui, SDL_Rect r, const char *label, const char *value, long long v, long long max,
                  SDL_Color fill, int hit, const char *tip)
{
    const Theme *th = ui->theme;
    int vw = widget_label(ui, r.x, r.y, r.w, FONT_BODY_BOLD, th->c.text, value, ALIGN_RIGHT);
    /* the label gives way to the value when both don't fit (the tooltip still names it) */
    if (text_width(th->font[FONT_BODY], label) + vw + theme_px(th, 8) <= r.w)
        widget_label(ui, r.x, r.y, r.w, FONT_BODY, th->c.muted, label, ALIGN_LEFT);
    SDL_Rect bar = {r.x, r.y + th->line[FONT_BODY] + theme_px(th, 4), r.w, theme_px(th, 8)};
    widget_progress(ui, bar, v, max, fill);
    widget_hit(ui, r, hit, tip);
}

static void draw_top(Play *p, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Game *g = game_of(app);
    const Scenario *sc = game_scenario(g);
    const Calendar *cal = scenario_calendar(sc);
    int gpx = theme_grid(th, 1);
    widget_fill(ui, area, th->c.surface);
    SDL_Rect line = {area.x, area.y + area.h - 1, area.w, 1};
    widget_fill(ui, line, th->c.border);

    int x = area.x + gpx * 2, y = area.y + gpx;
    int day = game_day(g);
    char buf[200], v[64], w[64];
    int cw = theme_tpx(th, 264);
    char wd[16];
    SDL_strlcpy(wd, play_weekday((day - 1) % cal->days_per_week), 4); /* "Mon" */
    SDL_snprintf(buf, sizeof buf, "Week %d \xC2\xB7 %s", game_week(g), wd);
    int ww = widget_label(ui, x, y, cw, FONT_LABEL_BOLD, th->c.text, buf, ALIGN_LEFT);
    /* the calendar: a dot per day, grouped by week, today highlighted */
    int days = scenario_day_count(sc), dpw = cal->days_per_week;
    int dot = theme_px(th, 6), dgap = theme_px(th, 2), wgap = theme_px(th, 6);
    SDL_snprintf(buf, sizeof buf, "day %d of %d", day, days);
    if (app->session && app->session->rewound_day > 0) { /* a rewound game is practice */
        SDL_snprintf(buf, sizeof buf, "day %d of %d \xC2\xB7 practice", day, days);
        if (ww + gpx + text_width(th->font[FONT_BODY], buf) > cw)
            SDL_snprintf(buf, sizeof buf, "day %d of %d", day, days);
    }
    int tw = text_width(th->font[FONT_BODY], buf);
    if (ww + gpx + tw <= cw)
        widget_label(ui, x + ww + gpx, y + th->line[FONT_LABEL_BOLD] - th->line[FONT_BODY] - theme_px(th, 1), tw, FONT_BODY,
                     th->c.muted, buf, ALIGN_LEFT);
    int strip_w = days * (dot + dgap) + (cal->weeks - 1) * (wgap - dgap);
    int ly = y + th->line[FONT_LABEL_BOLD];
    /* the round's countdown beside the calendar when it fits there, red in its last minute */
    int left = app_round_seconds_left(app);
    char clock[48] = "";
    int clock_w = 0, clock_beside = 0;
    if (left >= 0) {
        SDL_snprintf(clock, sizeof clock, "Round: %d:%02d left", left / 60, left % 60);
        clock_w = text_width(th->font[FONT_BODY_BOLD], "Round: 00:00 left");
        clock_beside = strip_w <= cw ? strip_w + gpx * 2 + clock_w <= cw : clock_w <= cw;
    }
    if (clock_beside) {
        SDL_Rect cr = {strip_w <= cw ? x + cw - clock_w : x, ly, clock_w, th->line[FONT_BODY]};
        widget_label(ui, cr.x, cr.y, cr.w, FONT_BODY_BOLD, left <= 60 ? th->c.bad : th->c.text, clock,
                     strip_w <= cw ? ALIGN_RIGHT : ALIGN_LEFT);
        widget_hit(ui, cr, HIT_INFO + 6,
                   "The round's time limit. When it runs out the days left pass, your results are saved and "
                   "the debrief opens.");
    }
    if (strip_w <= cw) {
        int dx = x;
        for (int d = 1; d <= days; d++) {
            SDL_Rect r = {dx, ly + (th->line[FONT_BODY] - dot) / 2, dot, dot};
            SDL_Color c = d < day ? th->c.muted : d == day ? th->c.accent : th->c.track;
            widget_round(ui, r, theme_px(th, 2), c);
            dx += dot + (d % dpw == 0 ? wgap : dgap);
        }
    } else {
        SDL_snprintf(buf, sizeof buf, "Day %d of %d \xC2\xB7 %s", day, days, scenario_title(sc));
        if (!clock_beside) /* else the clock takes this line */
            widget_label(ui, x, ly, cw, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
    }
    SDL_Rect cal_r = {x, y, cw, th->line[FONT_LABEL_BOLD] + th->line[FONT_BODY]};
    char tip[200];
    SDL_snprintf(tip, sizeof tip, "%s: day %d of %d, week %d of %d, %d hours a day.", scenario_title(sc), day, days,
                 game_week(g), cal->weeks, cal->hours_per_day);
    if (app->session && app->session->rewound_day > 0) {
        size_t n = SDL_strlen(tip);
        SDL_snprintf(tip + n, sizeof tip - n, " Practice: rewound to day %d, never ranked.", app->session->rewound_day);
    }
    widget_hit(ui, cal_r, HIT_INFO + 5, tip);
    x += cw + gpx * 2;

    int bw = theme_tpx(th, 132), bh = theme_px(th, 40);
    int right = area.x + area.w - gpx * 2;
    SDL_Rect end_r = {right - bw, area.y + (area.h - bh) / 2, bw, bh};
    widget_button(ui, end_r, "End day", "E", WIDGET_PRIMARY | (ui->hover_id == HIT_END_DAY ? WIDGET_HOVER : 0),
                  HIT_END_DAY, "End the day: energy recovers overnight and mail, gifts and books arrive.");
    int mw = theme_tpx(th, 112);
    SDL_Rect menu_r = {end_r.x - mw - gpx, end_r.y, mw, bh};
    widget_button(ui, menu_r, "Menu", "Esc", ui->hover_id == HIT_MENU ? WIDGET_HOVER : 0, HIT_MENU,
                  "Pause: help, settings, quit.");

    int right_edge = menu_r.x;
    if (left >= 0 && !clock_beside) {
        /* no room beside the calendar: a narrow box left of the menu */
        SDL_snprintf(clock, sizeof clock, "%d:%02d", left / 60, left % 60);
        int tw2 = theme_tpx(th, 72);
        SDL_Rect cr = {menu_r.x - gpx - tw2, end_r.y, tw2, bh};
        SDL_Color c = left <= 60 ? th->c.bad : th->c.text;
        widget_label(ui, cr.x, cr.y + theme_px(th, 2), cr.w, FONT_BODY, th->c.muted, "Round", ALIGN_CENTER);
        widget_label(ui, cr.x, cr.y + theme_px(th, 2) + th->line[FONT_BODY], cr.w, FONT_LABEL_BOLD, c, clock,
                     ALIGN_CENTER);
        widget_hit(ui, cr, HIT_INFO + 6,
                   "The round's time limit. When it runs out the days left pass, your results are saved and "
                   "the debrief opens.");
        right_edge = cr.x;
    }
    int avail = right_edge - gpx * 3 - x;
    int mgap = gpx * 3;
    int mwid = (avail - 3 * mgap) / 4;
    int my = area.y + (area.h - (th->line[FONT_BODY] + theme_px(th, 12))) / 2;
    Uint32 now = app->now;
    int minutes = (int)(tween_value(&p->minutes, now) + 0.5f);
    int day_minutes = cal->hours_per_day * 60;
    nav_minutes(v, sizeof v, minutes);
    SDL_snprintf(buf, sizeof buf, "%s left", v);
    SDL_Rect r = {x, my, mwid, area.h - 2 * (my - area.y)};
    meter(ui, r, "Today", buf, minutes, day_minutes, th->c.accent, HIT_INFO + 1,
          "Hours left today. Every action takes time; end the day when it runs out.");
    r.x += mwid + mgap;
    int energy = (int)(tween_value(&p->energy, now) + 0.5f);
    int pool = scenario_energy(sc)->daily;
    SDL_snprintf(buf, sizeof buf, "%d / %d", energy, pool);
    meter(ui, r, game_tired(g) ? "Energy \xE2\x80\x94 tired" : "Energy", buf, energy, pool,
          game_tired(g) ? th->c.bad : th->c.good, HIT_INFO + 2,
          "Energy recovers overnight, less after an exhausting day. Tired work is done at lower quality.");
    r.x += mwid + mgap;
    long long budget = (long long)(tween_value(&p->budget, now) + 0.5f);
    nav_money(v, sizeof v, budget, scenario_currency(sc));
    SDL_snprintf(buf, sizeof buf, "%s left", v);
    meter(ui, r, "Budget", buf, budget, scenario_budget(sc), th->c.accent, HIT_INFO + 3,
          "Money for mail, couriers, gifts and books.");
    r.x += mwid + mgap;
    long long rev = (long long)(tween_value(&p->revenue, now) + 0.5f);
    nav_money(v, sizeof v, rev, scenario_currency(sc));
    nav_money(w, sizeof w, (long long)scenario_quota(sc), scenario_currency(sc));
    SDL_snprintf(buf, sizeof buf, "%s / %s", v, w);
    meter(ui, r, "Quota", buf, rev, scenario_quota(sc), th->c.stage[STAGE_CLOSE], HIT_INFO + 4,
          "Revenue closed so far against the quota for the period.");
}

static SDL_Color status_color(const Theme *th, ProspectStatus s)
{
    switch (s) {
    case STATUS_ENGAGED: return th->c.stage[STAGE_PROSPECT];
    case STATUS_MEETING: return th->c.stage[STAGE_PROGRESS];
    case STATUS_WON: return th->c.good;
    case STATUS_LOST:
    case STATUS_BURNED: return th->c.bad;
    default: return th->c.muted;
    }
}

/* A control of the list's header: a muted name, the value in bold and its key; returns
 * its width (drawn only when draw is 1). */
static int list_control(Ui *ui, int x, int y, int h, const char *name, const char *value, const char *key, int id,
                        const char *tip, int draw)
{
    const Theme *th = ui->theme;
    int pad = theme_px(th, 8), gap = theme_px(th, 5);
    int nw = name ? text_width(th->font[FONT_BODY], name) + gap : 0;
    int vw = text_width(th->font[FONT_BODY_BOLD], value);
    int kw = key ? text_width(th->font[FONT_BODY], key) + theme_px(th, 12) + gap : 0;
    int w = pad + nw + vw + kw + (key ? pad / 2 : pad);
    if (!draw)
        return w;
    SDL_Rect r = {x, y, w, h};
    int rad = theme_px(th, 6);
    widget_round(ui, r, rad, th->c.border);
    SDL_Rect in = {r.x + 1, r.y + 1, r.w - 2, r.h - 2};
    widget_round(ui, in, rad - 1, ui->hover_id == id ? th->c.surface_alt : th->c.surface);
    int tx = x + pad;
    if (name)
        widget_label(ui, tx, y + (h - th->line[FONT_BODY]) / 2, 0, FONT_BODY, th->c.muted, name, ALIGN_LEFT);
    tx += nw;
    widget_label(ui, tx, y + (h - th->line[FONT_BODY_BOLD]) / 2, 0, FONT_BODY_BOLD, th->c.text, value, ALIGN_LEFT);
    tx += vw + gap;
    if (key)
        widget_key(ui, tx, y + (h - (th->line[FONT_BODY] + theme_px(th, 2))) / 2, key, 0);
    widget_hit(ui, r, id, tip);
    return w;
}

/* "fit 72" in the fit's colour, or "fit ?" while research has not revealed it. */
static int draw_fit(Ui *ui, int x, int y, int w, int fit)
{
    const Theme *th = ui->theme;
    int lw = widget_label(ui, x, y, w, FONT_BODY, th->c.muted, "fit ", ALIGN_LEFT);
    if (fit < 0)
        return lw + widget_label(ui, x + lw, y, w - lw, FONT_BODY_BOLD, th->c.muted, "?", ALIGN_LEFT);
    char num[16];
    SDL_snprintf(num, sizeof num, "%d", fit);
    SDL_Color c = fit >= PLAY_GOOD_FIT ? th->c.good : fit < PLAY_POOR_FIT ? th->c.bad : th->c.text;
    return lw + widget_label(ui, x + lw, y, w - lw, FONT_BODY_BOLD, c, num, ALIGN_LEFT);
}

static void draw_prospects(Play *p, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Game *g = game_of(app);
    const Scenario *sc = game_scenario(g);
    const PlayList *l = &p->list;
    int gpx = theme_grid(th, 1);
    int y = area.y;
    char buf[200];
    /* the header: what the list holds, then how it is sorted and filtered */
    widget_heading(ui, area.x, y, area.w, "PROSPECTS", (SDL_Color){0, 0, 0, 0});
    if (l->matches == l->total)
        SDL_snprintf(buf, sizeof buf, "%d account%s", l->total, l->total == 1 ? "" : "s");
    else
        SDL_snprintf(buf, sizeof buf, "%d of %d accounts", l->matches, l->total);
    int hw = text_width(th->font[FONT_BODY_BOLD], "PROSPECTS") + gpx;
    widget_label(ui, area.x + hw, y, area.w - hw, FONT_BODY_BOLD, l->matches == l->total ? th->c.muted : th->c.accent,
                 buf, ALIGN_RIGHT);
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    int ch = th->line[FONT_BODY_BOLD] + theme_px(th, 6);
    const char *sort_v = play_sort_label(p->sort), *filter_v = play_filter_label(p->filter);
    static const char sort_tip[] = "Sort the list (S, Shift+S back): default order, stage, deal value, fit, readiness.";
    static const char filter_tip[] =
        "Show only some accounts (F, Shift+F back): all, cold, engaged, opportunities, closed, or open accounts "
        "known to fit well (fit 70 or more).";
    /* when both controls don't fit side by side the keys go first (the tooltips and the
     * help still give them), then the names */
    const char *sn = "Sort", *fn = "Show", *sk = "S", *fk = "F";
    int cgap = gpx;
    for (int step = 0; step < 2; step++) {
        if (list_control(ui, 0, 0, ch, sn, sort_v, sk, 0, NULL, 0) + cgap +
                list_control(ui, 0, 0, ch, fn, filter_v, fk, 0, NULL, 0) <= area.w)
            break;
        if (step == 0)
            sk = fk = NULL;
        else
            sn = fn = NULL;
    }
    int cw = list_control(ui, area.x, y, ch, sn, sort_v, sk, HIT_SORT, sort_tip, 1);
    list_control(ui, area.x + cw + cgap, y, ch, fn, filter_v, fk, HIT_FILTER, filter_tip, 1);
    y += ch + gpx;

    int row_h = th->line[FONT_BODY_BOLD] + th->line[FONT_BODY] + gpx * 3 / 2;
    int rgap = theme_px(th, 4);
    int avail = area.y + area.h - y;
    int fit = (avail + rgap) / (row_h + rgap);
    if (fit < 1)
        fit = 1;
    if (fit < l->count) /* a line under the rows says where the list is */
        fit = (avail - th->line[FONT_BODY]) / (row_h + rgap);
    if (fit < 1)
        fit = 1;
    p->rows = fit;
    list_follow(p);
    int last = p->first + fit < l->count ? p->first + fit : l->count;
    for (int r = p->first; r < last; r++) {
        int i = l->order[r];
        const Prospect *pr = scenario_prospect(sc, i);
        const ProspectState *ps = game_prospect(g, i);
        SDL_Rect card = {area.x, y, area.w, row_h};
        int flags = (i == p->sel ? WIDGET_FOCUSED : 0) | (ui->hover_id == HIT_PROSPECT + i ? WIDGET_HOVER : 0);
        SDL_Color sc_col = status_color(th, ps->status);
        widget_card(ui, card, flags, sc_col);
        int x = card.x + gpx * 2, iw = card.w - gpx * 3;
        int cy = y + gpx * 3 / 4;
        /* the company and its stage */
        const char *st = play_status_label(ps->status);
        int chip_w = text_width(th->font[FONT_BODY], st) + theme_px(th, 16);
        widget_chip(ui, x + iw - chip_w, cy, FONT_BODY, st, theme_mix(th->c.surface, sc_col, 20), th->c.text);
        widget_label(ui, x, cy, iw - chip_w - gpx, FONT_BODY_BOLD, th->c.text, pr->company, ALIGN_LEFT);
        cy += th->line[FONT_BODY_BOLD] + theme_px(th, 1);
        /* right: where the account stands (readiness for an opportunity, else preparation
         * and attention); left: what it is worth, its importance and its fit */
        Stage rc[2] = {STAGE_PREPARE, STAGE_PROSPECT};
        const char *rl[2] = {"prep", "attention"};
        int rv[2] = {ps->prep, ps->attention}, rn = 0;
        if (ps->status == STATUS_MEETING) {
            rl[0] = "ready";
            rv[0] = ps->readiness;
            rc[0] = STAGE_PROGRESS;
            rn = 1;
        } else if (ps->status == STATUS_COLD || ps->status == STATUS_ENGAGED) {
            rn = 2;
        }
        int nx = x + iw;
        for (int k = rn - 1; k >= 0; k--) {
            char num[16];
            SDL_snprintf(num, sizeof num, "%d", rv[k]);
            int w = theme_tpx(th, 24);
            nx -= w;
            widget_label(ui, nx, cy, w, FONT_BODY_BOLD, th->c.stage[rc[k]], num, ALIGN_RIGHT);
            int lw = text_width(th->font[FONT_BODY], rl[k]);
            nx -= lw + theme_px(th, 2);
            widget_label(ui, nx, cy, lw, FONT_BODY, th->c.muted, rl[k], ALIGN_LEFT);
            nx -= gpx;
        }
        char money[48];
        nav_money(money, sizeof money, (long long)pr->deal_value, scenario_currency(sc));
        int lx = x;
        lx += widget_label(ui, lx, cy, nx - lx, FONT_BODY_BOLD, th->c.text, money, ALIGN_LEFT) + gpx;
        nav_stars(buf, sizeof buf, pr->importance, 3);
        if (lx < nx)
            lx += widget_label(ui, lx, cy, nx - lx, FONT_BODY, th->c.warn, buf, ALIGN_LEFT) + gpx;
        int kfit = play_known_fit(g, i);
        if (lx < nx)
            draw_fit(ui, lx, cy, nx - lx, kfit);
        char tip[400], fit_txt[80];
        if (kfit >= 0)
            SDL_snprintf(fit_txt, sizeof fit_txt, "fit %d of 100", kfit);
        else
            SDL_strlcpy(fit_txt, "fit unknown until you research the account", sizeof fit_txt);
        SDL_snprintf(tip, sizeof tip,
                     "%s \xE2\x80\x94 %s, %s. Deal %s, importance %d of 3, %s. %s. Preparation %d, attention %d, "
                     "readiness %d.%s",
                     pr->company, pr->contact, pr->title, money, pr->importance, fit_txt, st, ps->prep, ps->attention,
                     ps->readiness, i == l->kept ? " Selected, although it is not in this list's filter." : "");
        widget_hit(ui, card, HIT_PROSPECT + i, tip);
        y += row_h + rgap;
    }
    if (l->matches == 0) {
        const char *none = p->filter == PLAY_FILTER_GOOD_FIT
                               ? "No open account is known to fit well yet: research reveals an account's fit."
                           : p->filter == PLAY_FILTER_OPPORTUNITY ? "No opportunities yet."
                           : p->filter == PLAY_FILTER_CLOSED     ? "No account is closed yet."
                           : p->filter == PLAY_FILTER_ENGAGED    ? "No engaged accounts."
                                                                 : "No cold accounts left.";
        SDL_snprintf(buf, sizeof buf, "%s F shows others.", none);
        widget_text(ui, area.x, y + gpx / 2, area.w, FONT_BODY, th->c.muted, buf);
        return;
    }
    if (p->first > 0 || last < l->count) {
        SDL_snprintf(buf, sizeof buf, "%d\xE2\x80\x93%d of %d \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 PgUp PgDn", p->first + 1,
                     last, l->count);
        widget_label(ui, area.x, y, area.w, FONT_BODY, th->c.muted, buf, ALIGN_CENTER);
    }
}

static void draw_effort(App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Game *g = game_of(app);
    int gpx = theme_grid(th, 1);
    widget_heading(ui, area.x, area.y, area.w, "EFFORT SO FAR (TIME BY STAGE)", (SDL_Color){0, 0, 0, 0});
    int y = area.y + th->line[FONT_BODY_BOLD] + gpx;
    long long v[STAGE_COUNT], total = 0;
    for (int s = 0; s < STAGE_COUNT; s++) {
        v[s] = game_effort_minutes(g, (Stage)s);
        total += v[s];
    }
    SDL_Rect bar = {area.x, y, area.w, theme_px(th, 12)};
    widget_stacked(ui, bar, v, th->c.stage, STAGE_COUNT);
    y += bar.h + gpx;
    int half = area.w / 2;
    for (int s = 0; s < STAGE_COUNT; s++) {
        char buf[64];
        SDL_snprintf(buf, sizeof buf, "%s %lld%%", stage_label((Stage)s), total ? v[s] * 100 / total : 0);
        int x = area.x + (s % 2) * half, yy = y + (s / 2) * th->line[FONT_BODY];
        int sq = theme_px(th, 10);
        SDL_Rect m = {x, yy + (th->line[FONT_BODY] - sq) / 2, sq, sq};
        widget_round(ui, m, theme_px(th, 2), th->c.stage[s]);
        widget_label(ui, x + sq + theme_px(th, 6), yy, half - sq - theme_px(th, 8), FONT_BODY, th->c.text, buf, ALIGN_LEFT);
    }
    widget_hit(ui, area, HIT_INFO + 10,
               "Where your time has gone. Sales 2.0 front-loads: most of it on Prepare and Prospect, little on Close.");
}

static const char *touch_outcome_label(TouchOutcome o)
{
    switch (o) {
    case TOUCH_PENDING: return "on its way";
    case TOUCH_MISSED: return "missed";
    case TOUCH_SEEN: return "seen";
    case TOUCH_REPLY: return "reply";
    case TOUCH_MEETING: return "meeting";
    case TOUCH_BURNED: return "burned";
    default: return "";
    }
}

static void draw_detail(Play *p, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Game *g = game_of(app);
    const Scenario *sc = game_scenario(g);
    int gpx = theme_grid(th, 1);
    const Prospect *pr = scenario_prospect(sc, p->sel);
    const ProspectState *ps = game_prospect(g, p->sel);
    widget_card(ui, area, 0, status_color(th, ps->status));
    int x = area.x + gpx * 3, iw = area.w - gpx * 5;
    int y = area.y + gpx * 2;
    int bottom = area.y + area.h - gpx * 2;
    char buf[300], money[48];
    ThemeFont name_font = text_width(th->font[FONT_TITLE], pr->company) <= iw ? FONT_TITLE : FONT_LABEL_BOLD;
    widget_label(ui, x, y, iw, name_font, th->c.text, pr->company, ALIGN_LEFT);
    y += th->line[name_font];
    SDL_snprintf(buf, sizeof buf, "%s, %s", pr->contact, pr->title);
    widget_label(ui, x, y, iw, FONT_BODY_BOLD, th->c.text, buf, ALIGN_LEFT);
    y += th->line[FONT_BODY_BOLD];
    nav_money(money, sizeof money, (long long)pr->deal_value, scenario_currency(sc));
    SDL_snprintf(buf, sizeof buf, "%s \xC2\xB7 %s \xC2\xB7 deal %s \xC2\xB7 %s", pr->industry,
                 seniority_label(pr->seniority), money, play_status_label(ps->status));
    widget_label(ui, x, y, iw, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
    y += th->line[FONT_BODY] + gpx;

    int third = iw / 3;
    const char *names[3] = {"Preparation", "Attention", "Readiness"};
    int vals[3] = {ps->prep, ps->attention, ps->readiness};
    Stage cols[3] = {STAGE_PREPARE, STAGE_PROSPECT, STAGE_PROGRESS};
    for (int i = 0; i < 3; i++) {
        SDL_snprintf(buf, sizeof buf, "%s %d", names[i], vals[i]);
        widget_label(ui, x + i * third, y, third - gpx, FONT_BODY, th->c.text, buf, ALIGN_LEFT);
        SDL_Rect r = {x + i * third, y + th->line[FONT_BODY] + theme_px(th, 3), third - gpx * 2, theme_px(th, 6)};
        widget_progress(ui, r, vals[i], 100, th->c.stage[cols[i]]);
    }
    y += th->line[FONT_BODY] + theme_px(th, 12) + gpx;
    /* what the account is like to reach */
    char best[120] = "";
    for (int c = 0; c < CHANNEL_COUNT; c++) {
        if (pr->affinity_pct[c] <= 100)
            continue;
        if (best[0])
            SDL_strlcat(best, ", ", sizeof best);
        SDL_strlcat(best, channel_label((Channel)c), sizeof best);
    }
    int kfit = play_known_fit(g, p->sel);
    char fit_txt[64];
    if (kfit >= 0)
        SDL_snprintf(fit_txt, sizeof fit_txt, "Fit %d/100", kfit);
    else
        SDL_strlcpy(fit_txt, "Fit unknown \xE2\x80\x94 research to find out", sizeof fit_txt);
    SDL_snprintf(buf, sizeof buf, "%s \xC2\xB7 buying cycle %d days \xC2\xB7 inbox noise %d/100%s%s", fit_txt,
                 pr->cycle_days, pr->inbox_noise, best[0] ? " \xC2\xB7 responds well to " : "", best);
    y += widget_text(ui, x, y, iw, FONT_BODY, th->c.muted, buf) + gpx / 2;
    const char *flags_txt = ps->buyer_asked ? "The buyer asked for the contract: send it."
                            : ps->frozen_until >= game_day(g) ? "Budget freeze in force."
                            : ps->competitor ? "A competitor is in the deal." : NULL;
    if (flags_txt) {
        widget_label(ui, x, y, iw, FONT_BODY_BOLD, ps->buyer_asked ? th->c.good : th->c.bad, flags_txt, ALIGN_LEFT);
        y += th->line[FONT_BODY_BOLD] + gpx / 2;
    }

    /* what research revealed */
    widget_heading(ui, x, y, iw, "WHAT RESEARCH REVEALED", th->c.stage[STAGE_PREPARE]);
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    int found = 0, hidden = 0;
    for (int i = 0; i < pr->insight_count; i++) {
        const Insight *in = &pr->insights[i];
        if (!((ps->researched >> in->topic) & 1u)) {
            hidden++;
            continue;
        }
        found++;
        if (y + th->line[FONT_BODY] > bottom - th->line[FONT_BODY] * 4)
            continue;
        SDL_snprintf(buf, sizeof buf, "%s: %s", in->kind == INSIGHT_PAIN ? "Pain" : "Interest", in->text);
        y += widget_text(ui, x, y, iw, FONT_BODY, th->c.text, buf) + theme_px(th, 4);
    }
    if (!found) {
        y += widget_text(ui, x, y, iw, FONT_BODY, th->c.muted,
                         "Nothing yet. Research the company, the person, their industry or trigger events "
                         "to learn their pains and interests.") + theme_px(th, 4);
    } else if (hidden) {
        SDL_snprintf(buf, sizeof buf, "More may turn up with research on other topics.");
        widget_label(ui, x, y, iw, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
        y += th->line[FONT_BODY];
    }
    y += gpx;

    /* touch history */
    int nt = game_touch_count(g, p->sel);
    SDL_snprintf(buf, sizeof buf, "TOUCHES \xC2\xB7 %d", nt);
    widget_heading(ui, x, y, iw, buf, th->c.stage[STAGE_PROSPECT]);
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    if (nt == 0) {
        widget_label(ui, x, y, iw, FONT_BODY, th->c.muted, "No touches yet.", ALIGN_LEFT);
        return;
    }
    int rows = (bottom - y) / th->line[FONT_BODY];
    int from = nt > rows ? nt - rows : 0;
    for (int i = from; i < nt; i++) {
        const Touch *t = game_touch(g, p->sel, i);
        SDL_Color oc = t->outcome == TOUCH_MEETING || t->outcome == TOUCH_REPLY ? th->c.good
                       : t->outcome == TOUCH_BURNED ? th->c.bad : th->c.muted;
        SDL_snprintf(buf, sizeof buf, "Day %d", t->day);
        widget_label(ui, x, y, theme_tpx(th, 56), FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
        widget_icon_text(ui, x + theme_tpx(th, 56), y, FONT_BODY, play_channel_icon(t->channel),
                         channel_label(t->channel), th->c.stage[STAGE_PROSPECT], th->c.text);
        SDL_snprintf(buf, sizeof buf, "%s%s", touch_outcome_label(t->outcome),
                     t->personalisation < scenario_rules(sc)->generic_below ? " \xC2\xB7 generic" : " \xC2\xB7 personal");
        widget_label(ui, x + theme_tpx(th, 190), y, iw - theme_tpx(th, 190), FONT_BODY, oc, buf, ALIGN_LEFT);
        y += th->line[FONT_BODY];
    }
}

static void draw_inbox(Play *p, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Game *g = game_of(app);
    int gpx = theme_grid(th, 1);
    widget_card(ui, area, 0, (SDL_Color){0, 0, 0, 0});
    int x = area.x + gpx * 2, iw = area.w - gpx * 4;
    int y = area.y + gpx * 3 / 2;
    int n = game_event_count(g);
    int fresh = 0;
    for (int i = p->inbox_mark; i < n; i++)
        fresh += game_event(g, i)->kind != GEV_DAY_START;
    char buf[64];
    widget_heading(ui, x, y, iw, "INBOX", (SDL_Color){0, 0, 0, 0});
    if (fresh > 0) {
        SDL_snprintf(buf, sizeof buf, "%d new", fresh);
        widget_label(ui, x, y, iw, FONT_BODY_BOLD, th->c.accent, buf, ALIGN_RIGHT);
    }
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    int bottom = area.y + area.h - gpx;
    int dw = text_width(th->font[FONT_BODY_BOLD], "Day 00") + theme_px(th, 8);
    /* newest first, skipping the routine day markers */
    for (int i = n - 1; i >= 0; i--) {
        const GameEvent *e = game_event(g, i);
        if (e->kind == GEV_DAY_START && i != 0)
            continue;
        int tw, th_h;
        SDL_Color c = i >= p->inbox_mark ? th->c.text : th->c.muted;
        if (!text_get(ui->text, th->font[FONT_BODY], e->text, c, iw - dw, &tw, &th_h))
            continue;
        if (y + th_h > bottom)
            break;
        SDL_snprintf(buf, sizeof buf, "Day %d", e->day);
        widget_label(ui, x, y, dw, i >= p->inbox_mark ? FONT_BODY_BOLD : FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
        widget_text(ui, x + dw, y, iw - dw, FONT_BODY, c, e->text);
        y += th_h + theme_px(th, 4);
    }
}

static void draw_actions(Play *p, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Game *g = game_of(app);
    const Scenario *sc = game_scenario(g);
    const Prospect *pr = scenario_prospect(sc, p->sel);
    int gpx = theme_grid(th, 1);
    const PlayMenu *m = &p->menu;
    char buf[400];
    SDL_snprintf(buf, sizeof buf, "ACTIONS FOR %s", pr->company);
    int note_w = widget_label(ui, area.x, area.y, area.w, FONT_BODY, th->c.muted, "cost \xC2\xB7 likely effect", ALIGN_RIGHT);
    widget_heading(ui, area.x, area.y, area.w - note_w - gpx, buf, (SDL_Color){0, 0, 0, 0});
    int y0 = area.y + th->line[FONT_BODY_BOLD] + gpx;

    /* the focused action in full, at the bottom */
    int strip_h = th->line[FONT_BODY_BOLD] + 2 * th->line[FONT_BODY] + gpx * 3 / 2;
    SDL_Rect strip = {area.x, area.y + area.h - strip_h, area.w, strip_h};

    int row_h = th->line[FONT_BODY] + theme_px(th, 5);
    int head_h = th->line[FONT_BODY_BOLD] + theme_px(th, 6);
    int total = STAGE_COUNT * head_h + m->count * row_h;
    int avail = strip.y - gpx - y0;
    if (total > avail) /* a line of its own for "more" below the list, not over a row */
        avail -= th->line[FONT_BODY];
    int scroll = 0;
    if (total > avail && p->act >= 0) {
        /* keep the focused row in view */
        int fy = ((int)m->items[p->act].stage + 1) * head_h + (p->act + 1) * row_h;
        if (fy > avail)
            scroll = fy - avail;
    }
    if (total > avail) {
        /* whole rows only: the list starts at a row's top and ends at a row's bottom */
        int top = 0, start = -1, end = 0;
        for (int st = 0; st < STAGE_COUNT; st++)
            for (int k = -1; k < m->size[st]; k++) {
                int h = k < 0 ? head_h : row_h;
                if (start < 0 && top >= scroll)
                    start = top;
                if (start >= 0 && top + h - start <= avail)
                    end = top + h - start;
                top += h;
            }
        if (start >= 0) {
            scroll = start;
            avail = end;
        }
    }
    SDL_Rect clip = {area.x - theme_px(th, 4), y0, area.w + theme_px(th, 8), avail};
    rec_clip(ui->rec, &clip);
    int y = y0 - scroll;
    int focus_stage = p->act >= 0 && p->act < m->count ? (int)m->items[p->act].stage : 0;
    int key_w = theme_tpx(th, 24), icon_w = theme_tpx(th, 22);
    /* the cost and effect columns are as wide as their widest entry */
    int hint_w = 0, cost_w = 0;
    for (int k = 0; k < m->count; k++) {
        const PlayItem *it = &m->items[k];
        char cost[96];
        play_cost_text(cost, sizeof cost, it->cost, scenario_currency(sc));
        int cw = text_width(th->font[FONT_BODY], cost);
        int hw = it->error == ACTION_OK ? text_width(th->font[FONT_BODY_BOLD], it->hint)
                                        : text_width(th->font[FONT_BODY], play_short_reason(it->error));
        cost_w = cw > cost_w ? cw : cost_w;
        hint_w = hw > hint_w ? hw : hint_w;
    }
    cost_w += gpx * 2;
    hint_w += gpx;
    for (int s = 0; s < STAGE_COUNT; s++) {
        SDL_Color sc_col = th->c.stage[s];
        SDL_Rect head = {area.x, y, area.w, head_h - theme_px(th, 3)};
        if (s == focus_stage)
            widget_round(ui, head, theme_px(th, 4), theme_mix(th->c.surface, sc_col, 22));
        int sq = theme_px(th, 10);
        SDL_Rect mk = {area.x + gpx, y + (head.h - sq) / 2, sq, sq};
        widget_round(ui, mk, theme_px(th, 2), sc_col);
        SDL_snprintf(buf, sizeof buf, "%s", stage_label((Stage)s));
        widget_label(ui, mk.x + sq + gpx, y + (head.h - th->line[FONT_BODY_BOLD]) / 2, area.w / 2,
                     FONT_BODY_BOLD, th->c.text, buf, ALIGN_LEFT);
        int mins = game_effort_minutes(g, (Stage)s);
        char tm[32];
        nav_minutes(tm, sizeof tm, mins);
        if (s == focus_stage)
            SDL_snprintf(buf, sizeof buf, "keys 1\xE2\x80\x93%d \xC2\xB7 %s spent", m->size[s] < 9 ? m->size[s] : 9, tm);
        else
            SDL_snprintf(buf, sizeof buf, "%s spent", tm);
        widget_label(ui, area.x, y + (head.h - th->line[FONT_BODY]) / 2, area.w - gpx, FONT_BODY, th->c.muted, buf, ALIGN_RIGHT);
        y += head_h;
        for (int k = m->first[s]; k < m->first[s] + m->size[s]; k++) {
            const PlayItem *it = &m->items[k];
            int ok = it->error == ACTION_OK;
            SDL_Rect row = {area.x, y, area.w, row_h - theme_px(th, 1)};
            int hover = ui->hover_id == HIT_ACTION + k;
            if (k == p->act) {
                widget_round(ui, row, theme_px(th, 4), theme_mix(th->c.surface, sc_col, 30));
                SDL_Rect edge = {row.x, row.y, theme_px(th, 3), row.h};
                widget_fill(ui, edge, th->c.focus);
            } else if (hover) {
                widget_round(ui, row, theme_px(th, 4), th->c.surface_alt);
            }
            int ty = y + (row.h - th->line[FONT_BODY]) / 2;
            SDL_Color fg = ok ? th->c.text : th->c.muted;
            int x = area.x + gpx;
            char num[4];
            SDL_snprintf(num, sizeof num, "%d", it->number);
            if (it->number <= 9)
                widget_label(ui, x, ty, key_w, s == focus_stage ? FONT_BODY_BOLD : FONT_BODY,
                             s == focus_stage ? th->c.text : th->c.muted, num, ALIGN_CENTER);
            x += key_w;
            widget_label(ui, x, ty, icon_w, FONT_BODY, ok ? sc_col : th->c.muted, it->icon, ALIGN_CENTER);
            x += icon_w + theme_px(th, 4);
            int right = area.x + area.w - gpx;
            int label_w = right - hint_w - cost_w - x - gpx;
            widget_label(ui, x, ty, label_w, ok ? FONT_BODY_BOLD : FONT_BODY, fg, it->label, ALIGN_LEFT);
            char cost[96];
            play_cost_text(cost, sizeof cost, it->cost, scenario_currency(sc));
            widget_label(ui, right - hint_w - cost_w, ty, cost_w - gpx, FONT_BODY,
                         ok ? th->c.text : th->c.muted, cost, ALIGN_RIGHT);
            if (ok) {
                SDL_Color hc = th->c.text;
                if (it->odds_bp >= 0)
                    hc = it->odds_bp >= 3000 ? th->c.good : it->odds_bp >= 1000 ? th->c.warn : th->c.bad;
                widget_label(ui, right - hint_w, ty, hint_w, FONT_BODY_BOLD, hc, it->hint, ALIGN_RIGHT);
            } else {
                widget_label(ui, right - hint_w, ty, hint_w, FONT_BODY, th->c.bad, play_short_reason(it->error),
                             ALIGN_RIGHT);
            }
            char tip[UI_TIP_MAX];
            play_cost_long(cost, sizeof cost, it->cost, scenario_currency(sc));
            if (ok)
                SDL_snprintf(tip, sizeof tip, "%s \xE2\x80\x94 %s: costs %s. %s", it->label, pr->company, cost, it->effect);
            else
                SDL_snprintf(tip, sizeof tip, "%s \xE2\x80\x94 %s: costs %s. Not now: %s", it->label, pr->company, cost,
                             action_error_message(it->error));
            SDL_Rect vis;
            if (SDL_IntersectRect(&row, &clip, &vis))
                widget_hit(ui, vis, HIT_ACTION + k, tip);
            y += row_h;
        }
    }
    rec_clip(ui->rec, NULL);
    if (total - scroll > avail)
        widget_label(ui, area.x, y0 + avail, area.w, FONT_BODY_BOLD, th->c.muted, "\xE2\x86\x93 more (Tab)",
                     ALIGN_RIGHT);

    /* the focused action spelled out: the cost, the likely effect or why not */
    widget_card(ui, strip, 0, p->act >= 0 && p->act < m->count ? th->c.stage[m->items[p->act].stage] : th->c.border);
    if (p->act >= 0 && p->act < m->count) {
        const PlayItem *it = &m->items[p->act];
        int sx = strip.x + gpx * 2, sw = strip.w - gpx * 3;
        int sy = strip.y + gpx;
        char cost[96];
        play_cost_long(cost, sizeof cost, it->cost, scenario_currency(sc));
        SDL_snprintf(buf, sizeof buf, "%s \xE2\x80\x94 costs %s", it->label, cost);
        widget_label(ui, sx, sy, sw, FONT_BODY_BOLD, th->c.text, buf, ALIGN_LEFT);
        sy += th->line[FONT_BODY_BOLD];
        if (it->error == ACTION_OK)
            widget_text(ui, sx, sy, sw, FONT_BODY, th->c.text, it->effect);
        else {
            SDL_snprintf(buf, sizeof buf, "Not now: %s", action_error_message(it->error));
            widget_text(ui, sx, sy, sw, FONT_BODY, th->c.bad, buf);
        }
    }
}

static void draw_banner(Play *p, App *app)
{
    Uint32 t = app->now - p->banner_start;
    if (!p->banner_on || t >= BANNER_MS)
        return;
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    float in = tween_ease((float)t / 200.0f);
    float out = t > BANNER_MS - 200 ? tween_ease((float)(t - (BANNER_MS - 200)) / 200.0f) : 0.0f;
    int gpx = theme_grid(th, 1);
    int w = theme_px(th, 520), h = th->line[FONT_TITLE] + th->line[FONT_BODY] * 2 + gpx * 4;
    int y = theme_px(th, 88) - (int)((1.0f - in) * (float)theme_px(th, 24)) - (int)(out * (float)theme_px(th, 24));
    SDL_Rect r = {(app->out_w - w) / 2, y, w, h};
    Uint8 a = (Uint8)(255.0f * (1.0f - out));
    if (a < 8)
        return;
    widget_round(ui, r, theme_px(th, 10), theme_alpha(th->c.accent, a));
    SDL_Color fg = theme_alpha(th->c.on_accent, a);
    widget_label(ui, r.x + gpx * 3, r.y + gpx * 2, w - gpx * 6, FONT_TITLE, fg, p->banner_title, ALIGN_LEFT);
    widget_text(ui, r.x + gpx * 3, r.y + gpx * 2 + th->line[FONT_TITLE], w - gpx * 6, FONT_BODY, fg, p->banner_text);
}

static void play_draw(Screen *s, App *app)
{
    Play *p = (Play *)s;
    const Game *g = game_of(app);
    if (!g || scenario_prospect_count(game_scenario(g)) <= 0)
        return;
    const Theme *th = &app->theme;
    if (p->sel >= scenario_prospect_count(game_scenario(g)))
        p->sel = scenario_prospect_count(game_scenario(g)) - 1;
    play_menu_build(&p->menu, g, p->sel);
    list_refresh(p, g);
    if (p->act >= p->menu.count)
        p->act = 0;
    int W = app->out_w, H = app->out_h, gpx = theme_grid(th, 1);
    int top_h = th->line[FONT_LABEL_BOLD] + th->line[FONT_BODY] + gpx * 2;
    /* the top bar (tweened figures, the round's clock) and the banner are play_draw_live */
    int m = gpx * 2;
    int y = top_h + m;
    int h = H - y - m;
    int lw = (W - 4 * m) * 27 / 100;
    int cw = (W - 4 * m) * 31 / 100;
    int rw = W - 4 * m - lw - cw;
    int effort_h = th->line[FONT_BODY_BOLD] + theme_px(th, 12) + th->line[FONT_BODY] * 2 + gpx * 3;
    SDL_Rect plist = {m, y, lw, h - effort_h - m};
    draw_prospects(p, app, plist);
    SDL_Rect eff = {m, y + h - effort_h, lw, effort_h};
    draw_effort(app, eff);
    int detail_h = h * 62 / 100;
    SDL_Rect det = {m * 2 + lw, y, cw, detail_h};
    draw_detail(p, app, det);
    SDL_Rect inbox = {m * 2 + lw, y + detail_h + m, cw, h - detail_h - m};
    draw_inbox(p, app, inbox);
    SDL_Rect acts = {m * 3 + lw + cw, y, rw, h};
    draw_actions(p, app, acts);
}

/* What moves with time: the top bar's figures count to their new values, the round's
 * clock, the day's banner. Nothing play_draw draws overlaps the top bar. */
static void play_draw_live(Screen *s, App *app)
{
    Play *p = (Play *)s;
    const Game *g = game_of(app);
    if (!g || scenario_prospect_count(game_scenario(g)) <= 0)
        return;
    const Theme *th = &app->theme;
    int top_h = th->line[FONT_LABEL_BOLD] + th->line[FONT_BODY] + theme_grid(th, 1) * 2;
    SDL_Rect top = {0, 0, app->out_w, top_h};
    draw_top(p, app, top);
    draw_banner(p, app);
}

static void play_enter(Screen *s, App *app)
{
    Play *p = (Play *)s;
    retarget(p, app, 1);
    const Game *g = game_of(app);
    if (g) {
        /* new: what today brought; a game entered part-way (resumed, rewound, started at a
         * later week) does not count every earlier day's message as new */
        int mark = game_event_count(g);
        while (mark > 0 && game_event(g, mark - 1)->day >= game_day(g))
            mark--;
        p->inbox_mark = mark;
        show_banner(p, app, game_week(g));
    }
}

static void play_leave(Screen *s, App *app)
{
    (void)app;
    free(s);
}

Screen *play_screen_new(void)
{
    Play *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.name = "play";
    p->base.enter = play_enter;
    p->base.leave = play_leave;
    p->base.event = play_event;
    p->base.update = play_update;
    p->base.draw = play_draw;
    p->base.draw_live = play_draw_live;
    return &p->base;
}
