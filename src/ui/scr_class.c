/* The class screen: a trainee in a workshop types their name and the class code the
 * instructor gave out; the code fixes the scenario and the seed, so the whole class plays
 * the same game. Enter joins and opens the briefing. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "upfront/classcode.h"
#include "nav.h"

enum { FIELD_NAME, FIELD_CODE, FIELD_SERVER, ITEM_JOIN, ITEM_BACK, ITEM_COUNT };
enum { HIT_ITEM = 1 };

#define CLASS_NAME_MAX 40
#define CLASS_CODE_MAX 60
#define CLASS_SERVER_MAX 200

typedef struct Class {
    Screen base;
    int focus;
    char name[CLASS_NAME_MAX + 1];
    char code[CLASS_CODE_MAX + 1];
    char server[CLASS_SERVER_MAX + 1]; /* the class server's address (optional) */
    char error[200];
} Class;

/* Appends UTF-8 text to a field, leaving out control characters and whatever does not fit
 * whole (a character is never cut). */
static void field_append(char *field, size_t cap, const char *text)
{
    size_t n = strlen(field);
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
        size_t ok = len;
        for (size_t i = 1; i < len && ok; i++)
            if ((p[i] & 0xC0) != 0x80)
                ok = 0;
        if (!ok) { /* invalid UTF-8: skip the byte */
            p++;
            continue;
        }
        if (len == 1 && (*p < 0x20 || *p == 0x7f)) {
            p++;
            continue;
        }
        if (n + len >= cap)
            break;
        memcpy(field + n, p, len);
        n += len;
        field[n] = '\0';
        p += len;
    }
}

/* Removes the last character (a whole UTF-8 sequence). */
static void field_backspace(char *field)
{
    size_t n = strlen(field);
    while (n > 0) {
        n--;
        if (((unsigned char)field[n] & 0xC0) != 0x80)
            break;
    }
    field[n] = '\0';
}

/* 1 when the class server is typed here: the build has the class client, and no host
 * sends the games itself (the browser version served by a class server joins that one). */
static int server_typed(const App *app)
{
#if defined(UPFRONT_HAVE_CLIENT)
    const UiHost *h = app->opts.host;
    return !(h && h->class_progress);
#else
    (void)app;
    return 0;
#endif
}

/* 1 when a host sends the games to the class server it came from. */
static int server_given(const App *app)
{
    const UiHost *h = app->opts.host;
    return h && h->class_progress;
}

static char *focused_field(Class *c, size_t *cap)
{
    if (c->focus == FIELD_NAME) {
        *cap = sizeof c->name;
        return c->name;
    }
    if (c->focus == FIELD_CODE) {
        *cap = sizeof c->code;
        return c->code;
    }
    if (c->focus == FIELD_SERVER) {
        *cap = sizeof c->server;
        return c->server;
    }
    return NULL;
}

static void join(Class *c, App *app)
{
    /* the games go to the class server from now on (an empty field: to none) */
    if (app_join_server(app, c->server, c->error, sizeof c->error) != 0) {
        c->focus = FIELD_SERVER;
        return;
    }
    if (app_join_class(app, c->name, c->code, c->error, sizeof c->error) == 0) {
        c->error[0] = '\0';
        app_replace(app, briefing_screen_new());
    } else {
        c->focus = strstr(c->error, "name") ? FIELD_NAME : FIELD_CODE;
    }
}

static void choose(Class *c, App *app, int item)
{
    c->focus = item;
    if (item == ITEM_BACK)
        app_pop(app);
    else if (item == ITEM_JOIN || item == FIELD_CODE || item == FIELD_SERVER)
        join(c, app);
    else
        c->focus = FIELD_CODE;
}

static int class_event(Screen *s, App *app, const SDL_Event *ev)
{
    Class *c = (Class *)s;
    size_t cap = 0;
    char *f = focused_field(c, &cap);
    if (ev->type == SDL_TEXTINPUT) {
        if (!f)
            return 0;
        field_append(f, cap, ev->text.text);
        c->error[0] = '\0';
        return 1;
    }
    if (nav_click(ev)) {
        int id = app->ui.hover_id - HIT_ITEM;
        if (id < 0 || id >= ITEM_COUNT)
            return 0;
        if (id == FIELD_NAME || id == FIELD_CODE || id == FIELD_SERVER)
            c->focus = id;
        else
            choose(c, app, id);
        return 1;
    }
    if (ev->type != SDL_KEYDOWN)
        return 0;
    SDL_Keycode k = ev->key.keysym.sym;
    if (f && k == SDLK_BACKSPACE) {
        field_backspace(f);
        c->error[0] = '\0';
        return 1;
    }
    if (f && k == SDLK_v && (ev->key.keysym.mod & KMOD_CTRL)) {
        char *clip = SDL_GetClipboardText();
        if (clip) {
            field_append(f, cap, clip);
            SDL_free(clip);
        }
        return 1;
    }
    if (k == SDLK_ESCAPE) {
        app_pop(app);
        return 1;
    }
    if (k == SDLK_SPACE && f)
        return 0; /* a space is text (names have them) */
    int was = c->focus;
    NavResult r = nav_key(ev, &c->focus, ITEM_COUNT);
    if (c->focus == FIELD_SERVER && !server_typed(app)) /* no field there: the next item */
        c->focus = was < FIELD_SERVER ? ITEM_JOIN : FIELD_CODE;
    if (r == NAV_CHOSEN)
        choose(c, app, c->focus);
    else if (r == NAV_BACK)
        app_pop(app);
    return r != NAV_NONE;
}

/* A labelled text field; the focused one shows a caret. */
static void field(App *app, SDL_Rect r, const char *label, const char *value, const char *placeholder,
                  int focused, int id)
{
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    int g = theme_grid(th, 1);
    widget_label(ui, r.x, r.y, r.w, FONT_BODY_BOLD, th->c.text, label, ALIGN_LEFT);
    SDL_Rect box = {r.x, r.y + th->line[FONT_BODY_BOLD] + g / 2, r.w, theme_px(th, 44)};
    if (focused) {
        int fw = theme_px(th, 3);
        SDL_Rect fr = {box.x - fw, box.y - fw, box.w + 2 * fw, box.h + 2 * fw};
        widget_round(ui, fr, theme_px(th, 6) + fw, th->c.focus);
    }
    widget_round(ui, box, theme_px(th, 6), th->c.border);
    SDL_Rect in = {box.x + 1, box.y + 1, box.w - 2, box.h - 2};
    widget_round(ui, in, theme_px(th, 5), th->c.surface);
    int ty = box.y + (box.h - th->line[FONT_LABEL]) / 2;
    int tx = box.x + g * 2, tw = box.w - g * 4;
    int w = 0;
    if (value[0])
        w = widget_label(ui, tx, ty, tw, FONT_LABEL, th->c.text, value, ALIGN_LEFT);
    else if (!focused)
        widget_label(ui, tx, ty, tw, FONT_LABEL, th->c.muted, placeholder, ALIGN_LEFT);
    if (focused) {
        SDL_Rect caret = {tx + w + 1, ty + theme_px(th, 3), theme_px(th, 2), th->line[FONT_LABEL] - theme_px(th, 6)};
        widget_fill(ui, caret, th->c.text);
        if (!value[0])
            widget_label(ui, tx + theme_px(th, 8), ty, tw - theme_px(th, 8), FONT_LABEL, th->c.muted, placeholder,
                         ALIGN_LEFT);
    }
    widget_hit(ui, box, id, NULL);
}

static void class_draw(Screen *s, App *app)
{
    Class *c = (Class *)s;
    Ui *ui = &app->ui;
    const Theme *th = &app->theme;
    int W = app->out_w, H = app->out_h, g = theme_grid(th, 1);
    int cw = theme_px(th, 560);
    if (cw > W - g * 4)
        cw = W - g * 4;
    int field_h = th->line[FONT_BODY_BOLD] + g / 2 + theme_px(th, 44);
    int bh = theme_px(th, 44);
    int fields = server_typed(app) ? 3 : 2;
    int total = th->line[FONT_BODY_BOLD] + th->line[FONT_DISPLAY] + g + th->line[FONT_LABEL] * 2 + g * 4 +
                fields * (field_h + g * 3) + th->line[FONT_BODY] * 2 + g * 3 + bh;
    int x = (W - cw) / 2;
    int y = (H - total) / 2;
    if (y < g * 3)
        y = g * 3;
    widget_label(ui, x, y, cw, FONT_BODY_BOLD, th->c.stage[STAGE_PREPARE], "WORKSHOP", ALIGN_LEFT);
    y += th->line[FONT_BODY_BOLD];
    widget_label(ui, x, y, cw, FONT_DISPLAY, th->c.text, "Join a class", ALIGN_LEFT);
    y += th->line[FONT_DISPLAY] + g;
    y += widget_text(ui, x, y, cw, FONT_LABEL, th->c.muted,
                     "Your instructor gives the class a code, so everyone plays the same scenario and the "
                     "same day-by-day luck. Your name goes on the class report.");
    y += g * 4;
    SDL_Rect nr = {x, y, cw, field_h};
    field(app, nr, "Your name", c->name, "First and last name", c->focus == FIELD_NAME, HIT_ITEM + FIELD_NAME);
    y += field_h + g * 3;
    SDL_Rect cr = {x, y, cw, field_h};
    field(app, cr, "Class code", c->code, "For example K3M2-9QXA", c->focus == FIELD_CODE, HIT_ITEM + FIELD_CODE);
    y += field_h + g;

    /* what the code means, as it is typed */
    char line[240];
    SDL_Color col = th->c.muted;
    ClassCode cc;
    if (c->error[0]) {
        SDL_strlcpy(line, c->error, sizeof line);
        col = th->c.bad;
    } else if (!c->code[0]) {
        SDL_strlcpy(line, "Eight letters and digits; capitals, spaces and hyphens don't matter.", sizeof line);
    } else if (classcode_parse(c->code, &cc) == CLASSCODE_INVALID) {
        SDL_strlcpy(line, cc.error, sizeof line);
    } else {
        const Scenario *found = NULL;
        for (int i = 0; i < app->catalog.count && !found; i++) {
            const Scenario *sc = app->catalog.items[i].scenario;
            if (sc && (cc.kind == CLASSCODE_COMPACT ? classcode_tag(scenario_id(sc)) == cc.tag
                                                    : SDL_strcmp(scenario_id(sc), cc.id) == 0))
                found = sc;
        }
        if (found) {
            SDL_snprintf(line, sizeof line, "\xE2\x9C\x93 %s \xC2\xB7 game number %llu", scenario_title(found),
                         (unsigned long long)cc.seed);
            col = th->c.good;
        } else {
            SDL_strlcpy(line, "No scenario on this computer matches that code yet.", sizeof line);
            col = th->c.bad;
        }
    }
    y += widget_text(ui, x, y, cw, FONT_BODY, col, line);
    y += g * 3;
    if (server_typed(app)) {
        SDL_Rect sr = {x, y, cw, field_h};
        field(app, sr, "Class server (if the instructor gives one)", c->server,
              "For example http://192.168.1.20:8080", c->focus == FIELD_SERVER, HIT_ITEM + FIELD_SERVER);
        y += field_h + g * 3;
    } else if (server_given(app)) {
        y += widget_text(ui, x, y, cw, FONT_BODY, th->c.text,
                         "Your progress and your results go to the class server this page came from, "
                         "as you play.") + g * 3;
    }
    int bw = (cw - g * 2) / 2;
    SDL_Rect jb = {x, y, bw, bh};
    int fj = (c->focus == ITEM_JOIN ? WIDGET_FOCUSED : 0) | WIDGET_PRIMARY |
             (ui->hover_id == HIT_ITEM + ITEM_JOIN ? WIDGET_HOVER : 0);
    widget_button(ui, jb, "Join the class", "Enter", fj, HIT_ITEM + ITEM_JOIN, NULL);
    SDL_Rect bb = {x + bw + g * 2, y, cw - bw - g * 2, bh};
    int fb = (c->focus == ITEM_BACK ? WIDGET_FOCUSED : 0) | (ui->hover_id == HIT_ITEM + ITEM_BACK ? WIDGET_HOVER : 0);
    widget_button(ui, bb, "Back", "Esc", fb, HIT_ITEM + ITEM_BACK, NULL);
    widget_label(ui, 0, H - th->line[FONT_BODY] - g * 2, W, FONT_BODY, th->c.muted,
                 "Tab moves between the fields \xC2\xB7 Enter joins \xC2\xB7 Esc goes back", ALIGN_CENTER);
}

static void class_enter(Screen *s, App *app)
{
    Class *c = (Class *)s;
    SDL_strlcpy(c->name, app->player, sizeof c->name);
    if (app->opts.class_code) /* given at start: only the name is left to type */
        SDL_strlcpy(c->code, app->opts.class_code, sizeof c->code);
    SDL_strlcpy(c->server, app_server_url(app), sizeof c->server);
    c->focus = c->name[0] ? FIELD_CODE : FIELD_NAME;
    SDL_StartTextInput();
    /* the key that opened this screen must not also type into it */
    SDL_FlushEvent(SDL_TEXTINPUT);
}

static void class_leave(Screen *s, App *app)
{
    (void)app;
    SDL_StopTextInput();
    free(s);
}

Screen *class_screen_new(void)
{
    Class *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.name = "class";
    c->base.enter = class_enter;
    c->base.leave = class_leave;
    c->base.event = class_event;
    c->base.draw = class_draw;
    return &c->base;
}
