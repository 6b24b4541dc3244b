/* The debrief: the score explained component by component, the effort curve against
 * Sales 1.0 and 2.0, effort per week, every prospect's outcome and touch timeline, three
 * tips, the sales1 and sales2 strategies on the same seed, where the results went, and
 * what if: what Sales 2.0 (or 1.0) would have scored had it taken over at the start of
 * each day, the day the gap opened, and a rewind to any day to play on from there. */
#include <stdlib.h>

#include "app.h"
#include "chart.h"
#include "nav.h"
#include "play_model.h"
#include "tips.h"
#include "tween.h"
#include "upfront/sim.h"
#include "upfront/strategy.h"
#include "upfront/whatif.h"

enum { PAGE_SCORE, PAGE_EFFORT, PAGE_PROSPECTS, PAGE_WHATIF, PAGE_COUNT };
enum { HIT_PAGE = 1, HIT_AGAIN = 10, HIT_TITLE, HIT_DOWNLOAD, HIT_INFO = 20 };

static const char *const page_names[PAGE_COUNT] = {"Score", "Effort", "Prospects", "What if"};
/* the results file's own buttons, on the Score page */
enum { HIT_OPEN_FOLDER = 60, HIT_COPY_PATH, HIT_RETRY_SAVE };
/* the What if page: rewind, the other strategy, and a hit per day of the chart */
enum { HIT_REWIND = 70, HIT_WHATIF_OTHER, HIT_DAY = 100 };
/* the strategies the What if page compares with */
static const char *const whatif_names[2] = {"sales2", "sales1"};

/* Who played the game, as the comparison names it: "You", "You, from week 3" (a strategy
 * played the weeks before) or "This game (sales2)" (a strategy played it all). */
static const char *player_label(const Session *se, char *buf, size_t cap)
{
    if (se->played_by == PLAYED_BY_STRATEGY)
        SDL_snprintf(buf, cap, "This game (%s)", se->strategy);
    else if (se->played_by == PLAYED_BY_ASSISTED)
        SDL_snprintf(buf, cap, "You, from week %d", se->strategy_weeks + 1);
    else
        SDL_strlcpy(buf, "You", cap);
    return buf;
}

typedef struct Debrief {
    Screen base;
    int page;
    int scroll; /* first prospect shown on the Prospects page */
    ScoreCard card;
    int64_t max;    /* the most a game of the scenario can score */
    int64_t par;    /* the sales2 strategy's score on this seed */
    int par_ok;     /* 0 when par could not be computed */
    char tips[3][TIPS_LEN];
    int tip_count;
    Tween total;
    WhatIf *whatif[2]; /* sales2, sales1 taking over each day; NULL when not computed */
    int wi;            /* the one shown */
    int day;           /* the day chosen on the What if page (1-based) */
} Debrief;

static void again(App *app)
{
    app_end_game(app);
    app_reset(app, title_screen_new());
    app_push(app, briefing_screen_new());
}

/* Where the host can hand a file to the user (the browser's download), the debrief
 * offers the results file. */
static int can_download(const App *app)
{
    const UiHost *h = app->opts.host;
    return h && h->download && app->session && app->session->saved;
}

static void download(App *app)
{
    if (!can_download(app))
        return;
    const UiHost *h = app->opts.host;
    if (h->download(h->ctx, app->session->results_path) != 0)
        app_toast(app, "The results file could not be offered for download.");
}

/* The folder part of a path (without its last separator), in out. */
static void folder_of(const char *path, char *out, size_t cap)
{
    SDL_utf8strlcpy(out, path, cap);
    char *cut = NULL;
    for (char *p = out; *p; p++)
        if (*p == '/' || *p == '\\')
            cut = p;
    if (cut)
        *(cut == out ? cut + 1 : cut) = '\0';
    else
        SDL_utf8strlcpy(out, ".", cap);
}

/* Open the results folder, copy the file's path, or try the save again. */
static int results_click(App *app, int id)
{
    Session *se = app->session;
    if (!se || id < HIT_OPEN_FOLDER || id > HIT_RETRY_SAVE)
        return 0;
    if (id == HIT_RETRY_SAVE) {
        if (app_retry_save(app) == 0)
            app_toast(app, "Saved: %s", se->results_path);
        else
            app_toast(app, "Still not saved: %s", se->save_error);
        return 1;
    }
    if (!se->saved)
        return 1;
    if (id == HIT_COPY_PATH) {
        if (SDL_SetClipboardText(se->results_path) == 0)
            app_toast(app, "The results file's path is copied: paste it into an email or a chat.");
        else
            app_toast(app, "Could not copy the path: %s", SDL_GetError());
        return 1;
    }
    char folder[1200], url[1400];
    folder_of(se->results_path, folder, sizeof folder);
    if (folder[0] == '/')
        SDL_snprintf(url, sizeof url, "file://%s", folder);
    else
        SDL_snprintf(url, sizeof url, "file:///%s", folder);
    if (SDL_OpenURL(url) != 0)
        app_toast(app, "Could not open the folder %s: %s", folder, SDL_GetError());
    return 1;
}

/* Path text broken only after a separator, '-' or '_' (never inside a number): the lines
 * drawn from y; returns their height. */
static int draw_path(Ui *ui, const Theme *th, int x, int y, int w, ThemeFont f, SDL_Color c, const char *path)
{
    char line[600];
    size_t n = 0;
    int h = 0;
    const char *p = path;
    while (*p) {
        const char *q = p; /* one piece: up to and including the next break */
        while (*q && *q != '/' && *q != '\\' && *q != '-' && *q != '_')
            q++;
        if (*q)
            q++;
        size_t k = (size_t)(q - p);
        if (k >= sizeof line)
            k = sizeof line - 1;
        char try_[600];
        SDL_memcpy(try_, line, n);
        SDL_memcpy(try_ + n, p, k);
        try_[n + k] = '\0';
        if (n > 0 && text_width(th->font[f], try_) > w) {
            line[n] = '\0';
            widget_label(ui, x, y + h, w, f, c, line, ALIGN_LEFT);
            h += th->line[f];
            n = 0;
            continue; /* the piece starts the next line */
        }
        if (n + k < sizeof line) {
            SDL_memcpy(line + n, p, k);
            n += k;
        }
        p = q;
    }
    if (n > 0) {
        line[n] = '\0';
        widget_label(ui, x, y + h, w, f, c, line, ALIGN_LEFT);
        h += th->line[f];
    }
    return h;
}

/* The What if of the strategy shown, or NULL. */
static const WhatIf *shown(const Debrief *d)
{
    return d->whatif[d->wi] ? d->whatif[d->wi] : d->whatif[0];
}

/* Plays on from the start of the chosen day: the actions before it replayed, the rest the
 * trainee's, as practice. */
static void rewind_to(Debrief *d, App *app)
{
    int day = d->day;
    if (app_rewind_game(app, day) != 0)
        return;
    app_reset(app, title_screen_new());
    app_push(app, play_screen_new());
    app_toast(app, "Rewound to day %d: your actions before it are replayed. Practice: saved, never ranked.", day);
}

/* The turning day of w, else day 1. */
static int turning_day(const WhatIf *w)
{
    return w && whatif_turn(w)->day ? whatif_turn(w)->day : 1;
}

static void choose_day(Debrief *d, int day)
{
    const WhatIf *w = shown(d);
    int n = w ? whatif_count(w) : 0;
    d->day = day < 1 ? 1 : day > n ? (n > 0 ? n : 1) : day;
}

/* The What if page's own keys; 1 when handled. */
static int whatif_key(Debrief *d, App *app, SDL_Keycode k)
{
    switch (k) {
    case SDLK_LEFT:
        choose_day(d, d->day - 1);
        return 1;
    case SDLK_RIGHT:
        choose_day(d, d->day + 1);
        return 1;
    case SDLK_HOME:
        choose_day(d, 1);
        return 1;
    case SDLK_END:
        choose_day(d, 1 << 20);
        return 1;
    case SDLK_r:
        rewind_to(d, app);
        return 1;
    case SDLK_s:
        if (d->whatif[1 - d->wi]) {
            /* the day follows the turning point unless one was chosen */
            int on_turn = d->day == turning_day(shown(d));
            d->wi = 1 - d->wi;
            if (on_turn)
                d->day = turning_day(shown(d));
        }
        return 1;
    default:
        return 0;
    }
}

static int debrief_event(Screen *s, App *app, const SDL_Event *ev)
{
    Debrief *d = (Debrief *)s;
    if (nav_click(ev) && results_click(app, app->ui.hover_id))
        return 1;
    if (nav_click(ev)) {
        int id = app->ui.hover_id;
        if (id >= HIT_PAGE && id < HIT_PAGE + PAGE_COUNT)
            d->page = id - HIT_PAGE;
        else if (d->page == PAGE_WHATIF && id >= HIT_DAY && id < HIT_DAY + 1000)
            choose_day(d, id - HIT_DAY + 1);
        else if (d->page == PAGE_WHATIF && id == HIT_REWIND)
            rewind_to(d, app);
        else if (d->page == PAGE_WHATIF && id == HIT_WHATIF_OTHER)
            return whatif_key(d, app, SDLK_s);
        else if (id == HIT_AGAIN)
            again(app);
        else if (id == HIT_DOWNLOAD && can_download(app))
            download(app);
        else if (id == HIT_TITLE) {
            app_end_game(app);
            app_reset(app, title_screen_new());
        } else
            return 0;
        return 1;
    }
    if (ev->type == SDL_MOUSEWHEEL && d->page == PAGE_PROSPECTS && app->session) {
        d->scroll += ev->wheel.y > 0 ? -1 : 1;
        int n = scenario_prospect_count(app->session->scenario);
        d->scroll = d->scroll < 0 ? 0 : d->scroll > n - 1 ? n - 1 : d->scroll;
        return 1;
    }
    if (ev->type != SDL_KEYDOWN)
        return 0;
    SDL_Keycode k = ev->key.keysym.sym;
    int shift = (ev->key.keysym.mod & KMOD_SHIFT) != 0;
    if (d->page == PAGE_WHATIF && app->session && whatif_key(d, app, k))
        return 1;
    switch (k) {
    case SDLK_TAB:
        d->page = (d->page + (shift ? PAGE_COUNT - 1 : 1)) % PAGE_COUNT;
        return 1;
    case SDLK_RIGHT:
        d->page = (d->page + 1) % PAGE_COUNT;
        return 1;
    case SDLK_LEFT:
        d->page = (d->page + PAGE_COUNT - 1) % PAGE_COUNT;
        return 1;
    case SDLK_1:
    case SDLK_2:
    case SDLK_3:
    case SDLK_4:
        d->page = (int)(k - SDLK_1);
        return 1;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        again(app);
        return 1;
    case SDLK_ESCAPE:
        app_end_game(app);
        app_reset(app, title_screen_new());
        return 1;
    case SDLK_h:
    case SDLK_F1:
        app_push(app, help_screen_new());
        return 1;
    case SDLK_d:
        if (!can_download(app))
            return 0;
        download(app);
        return 1;
    case SDLK_UP:
    case SDLK_DOWN:
    case SDLK_PAGEUP:
    case SDLK_PAGEDOWN:
        if (d->page != PAGE_PROSPECTS || !app->session)
            return 0;
        d->scroll += (k == SDLK_UP || k == SDLK_PAGEUP) ? -1 : 1;
        if (d->scroll > scenario_prospect_count(app->session->scenario) - 1)
            d->scroll = scenario_prospect_count(app->session->scenario) - 1;
        if (d->scroll < 0)
            d->scroll = 0;
        return 1;
    default:
        return 0;
    }
}

static int debrief_update(Screen *s, App *app, int step_ms)
{
    (void)step_ms;
    Debrief *d = (Debrief *)s;
    return tween_active(&d->total, app->now);
}

static void draw_score(Debrief *d, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Session *se = app->session;
    const Scenario *sc = se->scenario;
    int gpx = theme_grid(th, 1);
    int lw = area.w * 58 / 100;
    int rw = area.w - lw - gpx * 3;
    int x = area.x, y = area.y;
    char buf[400];
    static const ScoreComponent order[SCORE_COMPONENT_COUNT] = {SCORE_RESULTS, SCORE_PROCESS, SCORE_EFFICIENCY,
                                                                 SCORE_PENALTIES};
    int pw = theme_px(th, 80);
    int sw = lw - pw - gpx * 6;
    for (int i = 0; i < SCORE_COMPONENT_COUNT; i++) {
        ScoreComponent c = order[i];
        int text_h = 0;
        text_get(ui->text, th->font[FONT_BODY], d->card.sentence[c], th->c.text, sw, NULL, &text_h);
        int row_h = th->line[FONT_BODY_BOLD] + text_h + gpx * 2;
        SDL_Rect r = {x, y, lw, row_h};
        widget_card(ui, r, 0, c == SCORE_PENALTIES && d->card.points[c] ? th->c.bad : th->c.accent);
        long long pts = (long long)d->card.points[c];
        SDL_snprintf(buf, sizeof buf, c == SCORE_PENALTIES && pts ? "\xE2\x88\x92%lld" : pts ? "+%lld" : "%lld", pts);
        widget_label(ui, r.x + r.w - pw - gpx * 2, r.y + gpx, pw, FONT_LABEL_BOLD,
                     c == SCORE_PENALTIES && pts ? th->c.bad : th->c.text, buf, ALIGN_RIGHT);
        widget_label(ui, r.x + gpx * 3, r.y + gpx, sw, FONT_BODY_BOLD, th->c.text, score_component_label(c),
                     ALIGN_LEFT);
        widget_text(ui, r.x + gpx * 3, r.y + gpx + th->line[FONT_BODY_BOLD], sw, FONT_BODY, th->c.text,
                    d->card.sentence[c]);
        y += row_h + gpx;
    }
    int64_t sum = d->card.points[SCORE_RESULTS] + d->card.points[SCORE_PROCESS] + d->card.points[SCORE_EFFICIENCY] -
                  d->card.points[SCORE_PENALTIES];
    if (d->card.total > sum) { /* the components add up to the score: the floor says what it added */
        SDL_snprintf(buf, sizeof buf, "The penalties took the sum to %lld; a score never goes below 0, so it is %lld "
                     "(+%lld).", (long long)sum, (long long)d->card.total, (long long)(d->card.total - sum));
        y += widget_text(ui, x + gpx * 3, y, lw - gpx * 6, FONT_BODY, th->c.muted, buf) + gpx;
    }
    /* tips */
    y += gpx;
    widget_heading(ui, x, y, lw, "THREE THINGS TO TRY NEXT TIME", th->c.stage[STAGE_PREPARE]);
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    for (int i = 0; i < d->tip_count; i++) {
        SDL_snprintf(buf, sizeof buf, "%d.", i + 1);
        widget_label(ui, x, y, theme_px(th, 20), FONT_BODY_BOLD, th->c.text, buf, ALIGN_LEFT);
        y += widget_text(ui, x + theme_px(th, 22), y, lw - theme_px(th, 22), FONT_BODY, th->c.text, d->tips[i]) + theme_px(th, 4);
    }

    /* right: the comparison with the strategies */
    int rx = area.x + lw + gpx * 3;
    SDL_Rect cmp = {rx, area.y, rw, area.h};
    widget_card(ui, cmp, 0, (SDL_Color){0, 0, 0, 0});
    int cx = rx + gpx * 3, cw = rw - gpx * 5, cy = area.y + gpx * 2;
    widget_heading(ui, cx, cy, cw, "THE SAME SEED, PLAYED BY", (SDL_Color){0, 0, 0, 0});
    cy += th->line[FONT_BODY_BOLD] + gpx;
    char me[64];
    const char *who[3] = {player_label(se, me, sizeof me), "Sales 1.0 strategy",
                          "Sales 2.0 strategy (par)"};
    const char *names[3] = {NULL, "sales1", "sales2"};
    const ScoreCard *cards[3] = {&d->card, &se->strategy_score[0], &se->strategy_score[1]};
    int ok[3] = {1, se->strategy_ok[0], se->strategy_ok[1]};
    long long best = 1;
    for (int i = 0; i < 3; i++)
        if (ok[i] && cards[i]->total > best)
            best = (long long)cards[i]->total;
    for (int i = 0; i < 3; i++) {
        widget_label(ui, cx, cy, cw / 2, i == 0 ? FONT_BODY_BOLD : FONT_BODY, th->c.text, who[i], ALIGN_LEFT);
        if (!ok[i]) {
            widget_label(ui, cx, cy, cw, FONT_BODY, th->c.muted, "not available", ALIGN_RIGHT);
            cy += th->line[FONT_BODY] + gpx * 2;
            continue;
        }
        SDL_snprintf(buf, sizeof buf, "%lld points", (long long)cards[i]->total);
        widget_label(ui, cx, cy, cw, FONT_BODY_BOLD, th->c.text, buf, ALIGN_RIGHT);
        cy += th->line[FONT_BODY];
        SDL_Rect bar = {cx, cy + theme_px(th, 2), cw, theme_px(th, 8)};
        widget_progress(ui, bar, (long long)cards[i]->total, best, i == 0 ? th->c.accent : th->c.muted);
        cy += theme_px(th, 14);
        char money[48];
        nav_money(money, sizeof money, (long long)cards[i]->revenue, scenario_currency(sc));
        SDL_snprintf(buf, sizeof buf, "%s \xC2\xB7 %d won \xC2\xB7 %d%% of quota \xC2\xB7 prepare %d%%, close %d%%", money,
                     cards[i]->deals_won, cards[i]->attainment_bp / 100, cards[i]->effort_share_bp[STAGE_PREPARE] / 100,
                     cards[i]->effort_share_bp[STAGE_CLOSE] / 100);
        cy += widget_text(ui, cx, cy, cw, FONT_BODY, th->c.muted, buf) + gpx * 2; /* two lines when large */
    }
    cy += gpx;
    widget_heading(ui, cx, cy, cw, "RESULTS FILE", (SDL_Color){0, 0, 0, 0});
    cy += th->line[FONT_BODY_BOLD] + gpx / 2;
    if (se->saved && can_download(app)) {
        /* in a browser the folder means nothing to the trainee: the file's name, and how
         * to hand it in */
        const char *base = SDL_strrchr(se->results_path, '/');
        cy += widget_text(ui, cx, cy, cw, FONT_BODY, th->c.text, "Kept in this browser as") + theme_px(th, 2);
        cy += widget_text(ui, cx, cy, cw, FONT_BODY, th->c.muted, base ? base + 1 : se->results_path) + gpx;
        cy += widget_text(ui, cx, cy, cw, FONT_BODY, th->c.text,
                          "Download results (D) saves it on this computer, to hand in to your instructor.");
    } else if (se->saved) {
        int bh = theme_px(th, 34), bw = (cw - gpx) / 2;
        cy += widget_text(ui, cx, cy, cw, FONT_BODY, th->c.text, "Saved for your instructor as") + theme_px(th, 2);
        cy += draw_path(ui, th, cx, cy, cw, FONT_BODY, th->c.muted, se->results_path) + gpx;
        SDL_Rect open_r = {cx, cy, bw, bh}, copy_r = {cx + bw + gpx, cy, bw, bh};
        widget_button(ui, open_r, "Open folder", NULL, ui->hover_id == HIT_OPEN_FOLDER ? WIDGET_HOVER : 0,
                      HIT_OPEN_FOLDER, "Show the results folder, to copy the file onto a stick or attach it to an email.");
        widget_button(ui, copy_r, "Copy path", NULL, ui->hover_id == HIT_COPY_PATH ? WIDGET_HOVER : 0,
                      HIT_COPY_PATH, "Copy the results file's full path, to paste it where it is asked for.");
        cy += bh;
        char why[200], line[300];
        AppClassSend cs = app_class_send(app, why, sizeof why);
        if (cs != APP_CLASS_NONE) {
            SDL_Color col = cs == APP_CLASS_SENT ? th->c.good : cs == APP_CLASS_REFUSED ? th->c.bad : th->c.muted;
            if (cs == APP_CLASS_SENT)
                SDL_strlcpy(line, "\xE2\x9C\x93 The class server has it.", sizeof line);
            else if (cs == APP_CLASS_REFUSED)
                SDL_snprintf(line, sizeof line, "The class server refused it: %s", why[0] ? why : "ask your instructor.");
            else
                SDL_snprintf(line, sizeof line, "Waiting for the class server%s%s: the game is kept and sent when "
                             "it answers.", why[0] ? " (" : "", why[0] ? "it cannot be reached)" : "");
            cy += gpx;
            cy += widget_text(ui, cx, cy, cw, FONT_BODY, col, line);
        }
    } else {
        int bh = theme_px(th, 34);
        cy += widget_text(ui, cx, cy, cw, FONT_BODY, th->c.bad, se->save_error[0] ? se->save_error : "Not saved.") + gpx;
        cy += widget_text(ui, cx, cy, cw, FONT_BODY, th->c.text,
                          "The game is kept until it is saved: free the folder and try again, or it goes to your "
                          "own results folder.") + gpx;
        SDL_Rect retry_r = {cx, cy, cw, bh};
        widget_button(ui, retry_r, "Try saving again", NULL,
                      WIDGET_PRIMARY | (ui->hover_id == HIT_RETRY_SAVE ? WIDGET_HOVER : 0), HIT_RETRY_SAVE,
                      "Write the results file again (into your own results folder if this one still fails).");
        cy += bh;
    }
    /* what the two strategies do, under the results file, each where it fits in the card */
    cy += gpx * 2;
    int bottom = cmp.y + cmp.h - gpx * 2;
    for (int i = 1; i < 3; i++) {
        const Strategy *st = strategy_find(names[i]);
        int tw = 0, h = 0;
        if (!st || !text_get(ui->text, th->font[FONT_BODY], strategy_description(st), th->c.text, cw, &tw, &h) ||
            cy + h > bottom)
            break;
        cy += widget_text(ui, cx, cy, cw, FONT_BODY, th->c.text, strategy_description(st)) + gpx;
    }
}

static void draw_effort(Debrief *d, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Session *se = app->session;
    const ScoringRules *sr = scenario_scoring(se->scenario);
    int gpx = theme_grid(th, 1);
    int lw = area.w * 55 / 100, rw = area.w - lw - gpx * 3;
    SDL_Rect l = {area.x, area.y, lw, area.h};
    widget_card(ui, l, 0, (SDL_Color){0, 0, 0, 0});
    int x = l.x + gpx * 3, w = lw - gpx * 6, y = l.y + gpx * 2;
    widget_heading(ui, x, y, w, "YOUR EFFORT CURVE AGAINST THE CLASSIC SLIDE", (SDL_Color){0, 0, 0, 0});
    y += th->line[FONT_BODY_BOLD];
    char buf[300];
    SDL_snprintf(buf, sizeof buf,
                 "Share of the time you spent per stage (thick line) against Sales 1.0 (dashed) and Sales 2.0 "
                 "(solid). Front-loading %d of 100: 0 is a curve shaped like Sales 1.0, 100 one shaped like "
                 "Sales 2.0.", d->card.frontload_pct);
    y += widget_text(ui, x, y, w, FONT_BODY, th->c.muted, buf) + gpx;
    SDL_Rect chart = {x, y, w, l.y + l.h - y - gpx * 2};
    chart_curve(ui, chart, d->card.effort_share_bp, sr->curve_sales1, sr->curve_sales2,
                se->played_by == PLAYED_BY_STRATEGY ? "Game" : "You");

    SDL_Rect r = {area.x + lw + gpx * 3, area.y, rw, area.h};
    widget_card(ui, r, 0, (SDL_Color){0, 0, 0, 0});
    x = r.x + gpx * 3;
    w = rw - gpx * 6;
    y = r.y + gpx * 2;
    widget_heading(ui, x, y, w, "EFFORT PER WEEK, BY STAGE", (SDL_Color){0, 0, 0, 0});
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    int used = d->card.time_used_bp;
    char tm[32], total[32];
    nav_minutes(total, sizeof total, game_total_minutes(se->game));
    int spent = 0;
    for (int s = 0; s < STAGE_COUNT; s++)
        spent += game_effort_minutes(se->game, (Stage)s);
    nav_minutes(tm, sizeof tm, spent);
    SDL_snprintf(buf, sizeof buf, "You spent %s of the period's %s on actions (%d%%). Each bar is a week's working hours; "
                 "grey is time no action used.", tm, total, (used + 50) / 100);
    y += widget_text(ui, x, y, w, FONT_BODY, th->c.muted, buf) + gpx / 2;
    int third = w / 3;
    for (int s = 0; s <= STAGE_COUNT; s++) {
        int sq = theme_px(th, 10);
        int lx = x + (s % 3) * third, ly = y + (s / 3) * th->line[FONT_BODY];
        SDL_Rect mk = {lx, ly + (th->line[FONT_BODY] - sq) / 2, sq, sq};
        widget_round(ui, mk, theme_px(th, 2), s < STAGE_COUNT ? th->c.stage[s] : chart_unused_color(th));
        widget_label(ui, lx + sq + theme_px(th, 6), ly, third - sq - theme_px(th, 6), FONT_BODY, th->c.text,
                     s < STAGE_COUNT ? stage_label((Stage)s) : "Unused", ALIGN_LEFT);
    }
    y += th->line[FONT_BODY] * 2 + gpx;
    SDL_Rect wk = {x, y, w, r.y + r.h - y - gpx * 2};
    chart_weeks(ui, wk, se->game, HIT_INFO + 10);
}

static void draw_prospects(Debrief *d, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Session *se = app->session;
    const Game *g = se->game;
    const Scenario *sc = se->scenario;
    int gpx = theme_grid(th, 1);
    widget_card(ui, area, 0, (SDL_Color){0, 0, 0, 0});
    int x = area.x + gpx * 3, w = area.w - gpx * 6, y = area.y + gpx * 2;
    int c0 = w * 24 / 100, c1 = w * 15 / 100, c2 = w * 12 / 100, c3 = w * 11 / 100;
    int tl = w - c0 - c1 - c2 - c3;
    widget_label(ui, x, y, c0, FONT_BODY_BOLD, th->c.muted, "Prospect", ALIGN_LEFT);
    widget_label(ui, x + c0, y, c1, FONT_BODY_BOLD, th->c.muted, "Outcome", ALIGN_LEFT);
    widget_label(ui, x + c0 + c1, y, c2, FONT_BODY_BOLD, th->c.muted, "Revenue", ALIGN_LEFT);
    const char *prep_h = "Prep / ready";
    if (text_width(th->font[FONT_BODY_BOLD], prep_h) > c3 - gpx)
        prep_h = "Prep/ready";
    widget_label(ui, x + c0 + c1 + c2, y, c3 - gpx, FONT_BODY_BOLD, th->c.muted, prep_h, ALIGN_LEFT);
    char buf[200];
    SDL_snprintf(buf, sizeof buf, "Touches by channel, day 1 to %d", scenario_day_count(sc));
    widget_label(ui, x + c0 + c1 + c2 + c3, y, tl, FONT_BODY_BOLD, th->c.muted, buf, ALIGN_LEFT);
    y += th->line[FONT_BODY_BOLD] + gpx;
    int n = scenario_prospect_count(sc);
    int row = th->line[FONT_BODY_BOLD] + th->line[FONT_BODY] + gpx;
    int bottom = area.y + area.h - gpx * 3 - th->line[FONT_BODY];
    int fit = (bottom - y) / row;
    if (d->scroll > 0 && d->scroll + fit > n)
        d->scroll = n - fit > 0 ? n - fit : 0;
    if (d->scroll > 0) {
        SDL_snprintf(buf, sizeof buf, "\xE2\x86\x91 %d above", d->scroll);
        widget_label(ui, x, area.y + gpx * 2, c0 - gpx, FONT_BODY, th->c.muted, buf, ALIGN_RIGHT);
    }
    for (int i = d->scroll; i < n; i++) {
        if (y + row > bottom) {
            SDL_snprintf(buf, sizeof buf, "\xE2\x86\x93 %d more: \xE2\x86\x91\xE2\x86\x93 or the mouse wheel scroll", n - i);
            widget_label(ui, x, y, w, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
            break;
        }
        const Prospect *pr = scenario_prospect(sc, i);
        const ProspectState *ps = game_prospect(g, i);
        SDL_Rect sep = {x, y - gpx / 2, w, 1};
        widget_fill(ui, sep, th->c.track);
        widget_label(ui, x, y, c0 - gpx, FONT_BODY_BOLD, th->c.text, pr->company, ALIGN_LEFT);
        widget_label(ui, x, y + th->line[FONT_BODY_BOLD], c0 - gpx, FONT_BODY, th->c.muted, pr->contact, ALIGN_LEFT);
        const char *out = play_status_label(ps->status), *why = NULL;
        if (ps->status == STATUS_WON && ps->buyer_initiated)
            why = "buyer asked";
        else if (ps->status == STATUS_LOST && ps->lost_to_pressure)
            why = "to pressure";
        SDL_Color oc = ps->status == STATUS_WON ? th->c.good
                       : (ps->status == STATUS_LOST || ps->status == STATUS_BURNED) ? th->c.bad : th->c.text;
        char outcome[64];
        if (why)
            SDL_snprintf(outcome, sizeof outcome, "%s %s%s", out, ps->status == STATUS_WON ? "\xE2\x80\x94 " : "", why);
        if (why && text_width(th->font[FONT_BODY_BOLD], outcome) <= c1 - gpx) {
            widget_label(ui, x + c0, y, c1 - gpx, FONT_BODY_BOLD, oc, outcome, ALIGN_LEFT);
        } else { /* large text: the reason on the row's second line */
            widget_label(ui, x + c0, y, c1 - gpx, FONT_BODY_BOLD, oc, out, ALIGN_LEFT);
            if (why)
                widget_label(ui, x + c0, y + th->line[FONT_BODY_BOLD], c1 - gpx, FONT_BODY, oc, why, ALIGN_LEFT);
        }
        char money[48];
        nav_money(money, sizeof money, (long long)ps->revenue, scenario_currency(sc));
        widget_label(ui, x + c0 + c1, y, c2 - gpx, FONT_BODY, th->c.text, ps->revenue ? money : "\xE2\x80\x94", ALIGN_LEFT);
        SDL_snprintf(buf, sizeof buf, "%d / %d", ps->prep, ps->readiness);
        widget_label(ui, x + c0 + c1 + c2, y, c3 - gpx, FONT_BODY, th->c.text, buf, ALIGN_LEFT);
        SDL_Rect tr = {x + c0 + c1 + c2 + c3, y, tl, row - gpx};
        chart_timeline(ui, tr, g, i);
        y += row;
    }
    /* the channel glyphs */
    int ly = area.y + area.h - gpx * 2 - th->line[FONT_BODY];
    int lx = x;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        lx += widget_icon_text(ui, lx, ly, FONT_BODY, play_channel_icon((Channel)c), channel_label((Channel)c),
                               th->c.text, th->c.text) + gpx * 2;
    static const char *const keys[] = {
        "\xC2\xB7 dark: got through \xC2\xB7 green dot: reply or meeting \xC2\xB7 grey: missed",
        "\xC2\xB7 dark: through \xC2\xB7 green dot: reply \xC2\xB7 grey: missed",
        "\xC2\xB7 green dot: reply"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (text_width(th->font[FONT_BODY], keys[k]) <= x + w - lx) { /* the longest that fits */
            widget_label(ui, lx, ly, x + w - lx, FONT_BODY, th->c.muted, keys[k], ALIGN_LEFT);
            break;
        }
}

/* A label on the left and a figure on the right of one row; returns the row's height. */
static int figure_row(Ui *ui, const Theme *th, int x, int y, int w, ThemeFont f, SDL_Color c, const char *label,
                      const char *figure)
{
    int fw = text_width(th->font[FONT_BODY_BOLD], figure);
    widget_label(ui, x, y, w - fw - theme_grid(th, 1), f, th->c.text, label, ALIGN_LEFT);
    widget_label(ui, x, y, w, FONT_BODY_BOLD, c, figure, ALIGN_RIGHT);
    return th->line[FONT_BODY_BOLD];
}

static void draw_whatif(Debrief *d, App *app, SDL_Rect area)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Session *se = app->session;
    const Scenario *sc = se->scenario;
    const WhatIf *w = shown(d);
    SDL_Color none = {0, 0, 0, 0};
    int gpx = theme_grid(th, 1);
    char buf[700], money[48], fig[64];
    if (!w || whatif_count(w) < 1) {
        widget_card(ui, area, 0, none);
        widget_text(ui, area.x + gpx * 3, area.y + gpx * 2, area.w - gpx * 6, FONT_BODY, th->c.muted,
                    "What if could not be worked out for this game.");
        return;
    }
    const char *who = whatif_strategy_label(whatif_strategy(w));
    const char *other = d->whatif[1 - d->wi] ? whatif_strategy_label(whatif_strategy(d->whatif[1 - d->wi])) : NULL;
    int per = scenario_calendar(sc)->days_per_week;
    int lw = area.w * 64 / 100, rw = area.w - lw - gpx * 3;

    /* right: where the gap opened, the chosen day, rewind (drawn first: its buttons are hit
     * before the chart's days) */
    SDL_Rect r = {area.x + lw + gpx * 3, area.y, rw, area.h};
    widget_card(ui, r, 0, none);
    int x = r.x + gpx * 3, cw = rw - gpx * 6, y = r.y + gpx * 2;
    widget_heading(ui, x, y, cw, "WHERE THE GAP OPENED", th->c.bad);
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    whatif_sentence(w, sc, buf, sizeof buf);
    y += widget_text(ui, x, y, cw, FONT_BODY, th->c.text, buf) + gpx * 2;

    const WhatIfTakeover *t = whatif_takeover(w, d->day - 1);
    if (!t)
        t = whatif_takeover(w, 0);
    SDL_snprintf(buf, sizeof buf, "DAY %d OF %d \xC2\xB7 WEEK %d", t->day, whatif_days(w), (t->day - 1) / per + 1);
    widget_heading(ui, x, y, cw, buf, th->c.accent);
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    SDL_snprintf(fig, sizeof fig, "%lld points", (long long)t->score);
    SDL_snprintf(buf, sizeof buf, "%s from the start of day %d", who, t->day);
    if (text_width(th->font[FONT_BODY], buf) + text_width(th->font[FONT_BODY_BOLD], fig) + gpx > cw)
        SDL_snprintf(buf, sizeof buf, "%s from day %d", who, t->day); /* large text */
    y += figure_row(ui, th, x, y, cw, FONT_BODY, th->c.text, buf, fig);
    nav_money(money, sizeof money, (long long)t->revenue, scenario_currency(sc));
    SDL_snprintf(buf, sizeof buf, "%s \xC2\xB7 %d won", money, t->deals_won);
    widget_label(ui, x, y, cw, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
    y += th->line[FONT_BODY] + gpx / 2;
    SDL_snprintf(fig, sizeof fig, "%lld points", (long long)whatif_score(w));
    y += figure_row(ui, th, x, y, cw, FONT_BODY, th->c.text, "You, all the way", fig);
    nav_money(money, sizeof money, (long long)whatif_revenue(w), scenario_currency(sc));
    SDL_snprintf(buf, sizeof buf, "%s \xC2\xB7 %d won", money, whatif_deals_won(w));
    widget_label(ui, x, y, cw, FONT_BODY, th->c.muted, buf, ALIGN_LEFT);
    y += th->line[FONT_BODY] + gpx / 2;
    long long gap = (long long)(t->score - whatif_score(w));
    SDL_snprintf(fig, sizeof fig, "%s%lld points", gap > 0 ? "+" : gap < 0 ? "\xE2\x88\x92" : "", gap < 0 ? -gap : gap);
    y += figure_row(ui, th, x, y, cw, FONT_BODY, th->c.text, "Taking over that day", fig);
    y += gpx * 2;

    int bh = theme_px(th, 40);
    SDL_Rect rb = {x, y, cw, bh};
    SDL_snprintf(buf, sizeof buf, "Rewind to day %d", t->day);
    SDL_snprintf(fig, sizeof fig, "Replay your actions before day %d and play on from its morning.", t->day);
    widget_button(ui, rb, buf, "R", WIDGET_PRIMARY | (ui->hover_id == HIT_REWIND ? WIDGET_HOVER : 0), HIT_REWIND, fig);
    y += bh + gpx;
    if (t->day > 1)
        SDL_snprintf(buf, sizeof buf,
                     "Your actions before day %d are replayed; from its morning the game is yours. A rewound game "
                     "is practice: its results file says so and the class report never ranks it.", t->day);
    else
        SDL_snprintf(buf, sizeof buf,
                     "The same seed from its first morning, nothing replayed. A rewound game is practice: its "
                     "results file says so and the class report never ranks it.");
    widget_text(ui, x, y, cw, FONT_BODY, th->c.muted, buf);

    /* left: the takeover curve against the trainee's score */
    SDL_Rect l = {area.x, area.y, lw, area.h};
    widget_card(ui, l, 0, none);
    x = l.x + gpx * 3;
    cw = lw - gpx * 6;
    y = l.y + gpx * 2;
    int ow = 0;
    if (other) {
        SDL_snprintf(buf, sizeof buf, "Compare with %s", other);
        /* as widget_button lays it out: the label, the key's badge, the padding */
        ow = text_width(th->font[FONT_BODY_BOLD], buf) + text_width(th->font[FONT_BODY], "S") + theme_px(th, 20) +
             theme_px(th, 16) + gpx * 2;
        int oh = th->line[FONT_BODY] + theme_px(th, 12);
        SDL_Rect ob = {x + cw - ow, y + (th->line[FONT_BODY_BOLD] - oh) / 2, ow, oh};
        widget_button(ui, ob, buf, "S", ui->hover_id == HIT_WHATIF_OTHER ? WIDGET_HOVER : 0, HIT_WHATIF_OTHER,
                      "Show what the other strategy would have made of your game from each day.");
    }
    SDL_snprintf(buf, sizeof buf, "IF %s HAD TAKEN OVER AT THE START OF EACH DAY", who);
    if (text_width(th->font[FONT_BODY_BOLD], buf) > cw - ow - gpx) /* large text: the short form */
        SDL_snprintf(buf, sizeof buf, "IF %s HAD TAKEN OVER", who);
    for (char *p = buf; *p; p++)
        *p = (char)SDL_toupper((unsigned char)*p);
    widget_heading(ui, x, y, cw - ow - gpx, buf, none);
    y += th->line[FONT_BODY_BOLD] + gpx / 2;
    SDL_snprintf(buf, sizeof buf,
                 "Each dot is the score %s would have reached from that day's morning, after your own actions before "
                 "it (filled where it beats you). The dashed line is your score. \xE2\x86\x90 \xE2\x86\x92 or a click "
                 "choose a day.", who);
    y += widget_text(ui, x, y, cw, FONT_BODY, th->c.muted, buf) + gpx;
    SDL_Rect chart = {x, y, cw, l.y + l.h - y - gpx * 2};
    chart_whatif(ui, chart, w, sc, t->day, HIT_DAY);
}

/* The total, counting up to the score: drawn over debrief_draw's picture every frame. */
static void debrief_draw_live(Screen *s, App *app)
{
    Debrief *d = (Debrief *)s;
    const Theme *th = &app->theme;
    if (!app->session)
        return;
    int W = app->out_w, gpx = theme_grid(th, 1);
    int m = gpx * 3, y = gpx * 2;
    char buf[40];
    long long total = (long long)(tween_value(&d->total, app->now) + 0.5f);
    SDL_snprintf(buf, sizeof buf, "%lld", total);
    int tw = text_width(th->font[FONT_DISPLAY], buf);
    widget_label(&app->ui, W - m - tw, y, 0, FONT_DISPLAY, th->c.text, buf, ALIGN_LEFT);
}

static void debrief_draw(Screen *s, App *app)
{
    Debrief *d = (Debrief *)s;
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    const Session *se = app->session;
    if (!se)
        return;
    int W = app->out_w, H = app->out_h, gpx = theme_grid(th, 1);
    int m = gpx * 3;
    int y = gpx * 2;
    widget_label(ui, m, y, W / 2, FONT_BODY_BOLD, th->c.stage[STAGE_CLOSE], "DEBRIEF", ALIGN_LEFT);
    widget_label(ui, m, y + th->line[FONT_BODY_BOLD], W / 2, FONT_TITLE, th->c.text, scenario_title(se->scenario), ALIGN_LEFT);
    /* the total, counting up, is debrief_draw_live */
    char buf[200], mx[32], par[32];
    /* under the total: "of 1,250 points, par 780" and what par is */
    nav_int(mx, sizeof mx, (long long)d->max);
    nav_int(par, sizeof par, (long long)d->par);
    char best[80] = "";
    if (app->new_best && se->rewound_day > 0) /* a best says whether it was rewound */
        SDL_snprintf(best, sizeof best, " \xC2\xB7 a new personal best, rewound to day %d", se->rewound_day);
    else if (app->new_best)
        SDL_strlcpy(best, " \xC2\xB7 a new personal best", sizeof best);
    if (d->par_ok)
        SDL_snprintf(buf, sizeof buf, "of %s points, par %s%s", mx, par, best);
    else
        SDL_snprintf(buf, sizeof buf, "of %s points%s", mx, best);
    widget_label(ui, W / 2, y + th->line[FONT_DISPLAY], W / 2 - m, FONT_BODY_BOLD, app->new_best ? th->c.good : th->c.text,
                 buf, ALIGN_RIGHT);
    SDL_Rect score_r = {W / 2, y, W / 2 - m, th->line[FONT_DISPLAY] + th->line[FONT_BODY]};
    SDL_snprintf(buf, sizeof buf,
                 "Your score, the most a game of this scenario can score (%s), and par: what the Sales 2.0 strategy "
                 "scores on this seed (%s).", mx, d->par_ok ? par : "not known");
    widget_hit(ui, score_r, HIT_INFO + 1, buf);
    y += th->line[FONT_BODY_BOLD] + th->line[FONT_TITLE] + gpx * 2;

    /* page tabs */
    int tx0 = m;
    for (int i = 0; i < PAGE_COUNT; i++) {
        SDL_snprintf(buf, sizeof buf, "%d  %s", i + 1, page_names[i]);
        int w = text_width(th->font[FONT_LABEL_BOLD], buf) + gpx * 4;
        SDL_Rect r = {tx0, y, w, th->line[FONT_LABEL_BOLD] + gpx};
        int sel = i == d->page;
        if (sel)
            widget_round(ui, r, theme_px(th, 6), th->c.accent);
        else if (ui->hover_id == HIT_PAGE + i)
            widget_round(ui, r, theme_px(th, 6), th->c.surface_alt);
        widget_label(ui, r.x + gpx * 2, r.y + gpx / 2, w, FONT_LABEL_BOLD, sel ? th->c.on_accent : th->c.text, buf, ALIGN_LEFT);
        widget_hit(ui, r, HIT_PAGE + i, NULL);
        tx0 += w + gpx;
    }
    int hy = y + gpx / 2 + (th->line[FONT_LABEL_BOLD] - th->line[FONT_BODY]) / 2;
    int hw = widget_label(ui, tx0 + gpx, hy, W - tx0 - m, FONT_BODY, th->c.muted,
                          d->page == PAGE_WHATIF ? "Tab switches pages \xC2\xB7 \xE2\x86\x90 \xE2\x86\x92 choose a day"
                                                 : "Tab or \xE2\x86\x90 \xE2\x86\x92 switch pages",
                          ALIGN_LEFT);
    if (d->par_ok) { /* what par is, on every page; shorter when the text is large */
        int pw = W - m - (tx0 + hw + gpx * 4);
        const char *par_says = "Par: what the Sales 2.0 strategy scores on this seed.";
        if (text_width(th->font[FONT_BODY], par_says) > pw)
            par_says = "Par: Sales 2.0's score on this seed.";
        if (text_width(th->font[FONT_BODY], par_says) > pw)
            par_says = "Par: Sales 2.0's score.";
        if (text_width(th->font[FONT_BODY], par_says) <= pw) /* else the header's "par" says it */
            widget_label(ui, tx0 + hw + gpx * 4, hy, pw, FONT_BODY, th->c.muted, par_says, ALIGN_RIGHT);
    }
    y += th->line[FONT_LABEL_BOLD] + gpx * 3;

    int bh = theme_px(th, 40);
    SDL_Rect area = {m, y, W - 2 * m, H - y - bh - gpx * 4};
    if (d->page == PAGE_SCORE)
        draw_score(d, app, area);
    else if (d->page == PAGE_EFFORT)
        draw_effort(d, app, area);
    else if (d->page == PAGE_PROSPECTS)
        draw_prospects(d, app, area);
    else
        draw_whatif(d, app, area);

    int bw = theme_px(th, 200);
    SDL_Rect again_r = {W - m - bw, H - bh - gpx * 2, bw, bh};
    SDL_Rect title_r = {W - m - 2 * bw - gpx * 2, H - bh - gpx * 2, bw, bh};
    widget_button(ui, again_r, "Play again", "Enter", WIDGET_PRIMARY | (ui->hover_id == HIT_AGAIN ? WIDGET_HOVER : 0),
                  HIT_AGAIN, "Play this scenario again from the briefing.");
    widget_button(ui, title_r, "Title", "Esc", ui->hover_id == HIT_TITLE ? WIDGET_HOVER : 0, HIT_TITLE, NULL);
    int left = title_r.x; /* the seed's label ends before the leftmost button */
    if (can_download(app)) {
        int dw = theme_px(th, 260);
        SDL_Rect down_r = {title_r.x - dw - gpx * 2, title_r.y, dw, bh};
        widget_button(ui, down_r, "Download results", "D", ui->hover_id == HIT_DOWNLOAD ? WIDGET_HOVER : 0,
                      HIT_DOWNLOAD, "Save the results file to this computer, to hand in to your instructor.");
        left = down_r.x;
    }
    SDL_snprintf(buf, sizeof buf, "Seed %llu%s%s", (unsigned long long)se->seed, se->player[0] ? " \xC2\xB7 " : "", se->player);
    if (se->rewound_day > 0) {
        size_t n = SDL_strlen(buf);
        SDL_snprintf(buf + n, sizeof buf - n, " \xC2\xB7 practice: rewound to day %d, never ranked", se->rewound_day);
    }
    widget_label(ui, m, H - bh - gpx * 2 + (bh - th->line[FONT_BODY]) / 2, left - m - gpx, FONT_BODY, th->c.muted, buf,
                 ALIGN_LEFT);
}

static void debrief_enter(Screen *s, App *app)
{
    Debrief *d = (Debrief *)s;
    if (!app->session)
        return;
    app_finish_game(app);
    score_compute(app->session->game, &d->card);
    d->max = score_max(app->session->scenario);
    d->par_ok = sim_par(app->session->scenario, app->session->seed, &d->par) == 0;
    d->tip_count = tips_build(app->session->game, &d->card, d->tips, 3);
    /* what if Sales 2.0 (or 1.0) had taken over on each day: well under a second */
    for (int i = 0; i < 2; i++) {
        whatif_free(d->whatif[i]);
        const Strategy *st = strategy_find(whatif_names[i]);
        d->whatif[i] = st ? whatif_compute(app->session->game, st) : NULL;
    }
    d->wi = 0;
    d->day = turning_day(d->whatif[0]);
    tween_set(&d->total, 0.0f);
    tween_to(&d->total, (float)d->card.total, app->now);
}

static void debrief_leave(Screen *s, App *app)
{
    (void)app;
    Debrief *d = (Debrief *)s;
    whatif_free(d->whatif[0]);
    whatif_free(d->whatif[1]);
    free(s);
}

Screen *debrief_screen_new(void)
{
    Debrief *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->base.name = "debrief";
    d->base.enter = debrief_enter;
    d->base.leave = debrief_leave;
    d->base.event = debrief_event;
    d->base.update = debrief_update;
    d->base.draw = debrief_draw;
    d->base.draw_live = debrief_draw_live;
    return &d->base;
}
