/* UI monkey test: random input — keys, mouse moves, clicks (anywhere and on what the last
 * frame drew), the wheel, window resizes, text input (including invalid UTF-8) and time
 * passing — across every screen, on a round with a time limit. Nothing may crash, trip a
 * sanitizer or leak (LeakSanitizer checks at exit in the sanitizer build). Every screen
 * must be reached. UI_MONKEY_EVENTS and UI_MONKEY_SEED change the run. */
#include "uitest.h"

typedef struct Monkey {
    uint64_t s;
} Monkey;

static uint32_t next(Monkey *m)
{
    m->s ^= m->s << 13;
    m->s ^= m->s >> 7;
    m->s ^= m->s << 17;
    return (uint32_t)(m->s >> 16);
}

static int below(Monkey *m, int n)
{
    return (int)(next(m) % (uint32_t)n);
}

static const char *const SCREENS[] = {"title", "picker", "briefing", "play", "pause", "help",
                                      "settings", "debrief", "class"};
#define SCREEN_COUNT ((int)(sizeof SCREENS / sizeof SCREENS[0]))

static const SDL_Keycode KEYS[] = {
    SDLK_RETURN, SDLK_RETURN, SDLK_RETURN, SDLK_ESCAPE, SDLK_ESCAPE, SDLK_TAB, SDLK_UP, SDLK_DOWN,
    SDLK_LEFT, SDLK_RIGHT, SDLK_HOME, SDLK_END, SDLK_PAGEUP, SDLK_PAGEDOWN, SDLK_SPACE, SDLK_BACKSPACE,
    SDLK_1, SDLK_2, SDLK_3, SDLK_4, SDLK_5, SDLK_6, SDLK_7, SDLK_8, SDLK_9, SDLK_0,
    SDLK_e, SDLK_e, SDLK_e, SDLK_e, SDLK_h, SDLK_F1, SDLK_QUESTION, SDLK_c, SDLK_s, SDLK_f, SDLK_j, SDLK_r,
    SDLK_t, SDLK_q, SDLK_a, SDLK_z, SDLK_v, SDLK_DELETE, SDLK_KP_ENTER, SDLK_F11};
#define KEY_COUNT ((int)(sizeof KEYS / sizeof KEYS[0]))

static void random_text(Monkey *m, char *out, size_t cap)
{
    static const char *const parts[] = {"a", "Z", "7", "-", " ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                        "\xFF", "\xC3", "\x80", "\x01", "K3M2", "tutorial:4"};
    size_t n = 0;
    int count = 1 + below(m, 6);
    out[0] = '\0';
    for (int i = 0; i < count; i++) {
        const char *p = parts[below(m, (int)(sizeof parts / sizeof parts[0]))];
        size_t l = strlen(p);
        if (n + l + 1 > cap)
            break;
        memcpy(out + n, p, l + 1);
        n += l;
    }
}

static int start(UiTest *t, Monkey *m, int restarts)
{
    /* every fourth run is on the large territory, whose lists sort, filter and scroll */
    const char *scenario = restarts % 4 == 3 ? "territory.json" : "short.json";
    if (uitest_start(t, "monkey", scenario, 800 + below(m, 4) * 160, 480 + below(m, 4) * 120) != 0)
        return -1;
    /* every other run is a timed round, so time running out is exercised too */
    t->app->opts.time_limit_min = restarts % 2 ? 1 : 0;
    if (restarts % 3 == 2) {
        t->app->opts.from_week = 2;
        t->app->opts.autoplay = "random";
    }
    return 0;
}

static void ui_monkey_should_survive_random_input_on_every_screen(void)
{
    const char *ev_env = SDL_getenv("UI_MONKEY_EVENTS");
    const char *seed_env = SDL_getenv("UI_MONKEY_SEED");
    long total = ev_env ? SDL_strtol(ev_env, NULL, 10) : 10000;
    Monkey m = {seed_env ? (uint64_t)SDL_strtoull(seed_env, NULL, 10) : 0x9e3779b97f4a7c15ull};
    if (m.s == 0)
        m.s = 1;
    int visited[SCREEN_COUNT] = {0};
    int restarts = 0;
    UiTest t;
    CHECK(start(&t, &m, restarts) == 0);
    if (!t.app)
        return;
    for (long i = 0; i < total; i++) {
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        int kind = below(&m, 100);
        const Ui *ui = &t.app->ui;
        if (kind < 38) {
            ev.type = SDL_KEYDOWN;
            ev.key.state = SDL_PRESSED;
            ev.key.keysym.sym = KEYS[below(&m, KEY_COUNT)];
            ev.key.keysym.scancode = SDL_GetScancodeFromKey(ev.key.keysym.sym);
            int r = below(&m, 10);
            ev.key.keysym.mod = (Uint16)(r == 0 ? KMOD_LSHIFT : r == 1 ? KMOD_LCTRL : KMOD_NONE);
            ev.key.repeat = below(&m, 20) == 0;
            app_handle_event(t.app, &ev);
            ev.type = SDL_KEYUP;
            ev.key.state = SDL_RELEASED;
            app_handle_event(t.app, &ev);
        } else if (kind < 56) {
            ev.type = SDL_MOUSEMOTION;
            ev.motion.x = below(&m, t.app->win_w + 40) - 20;
            ev.motion.y = below(&m, t.app->win_h + 40) - 20;
            app_handle_event(t.app, &ev);
        } else if (kind < 76) {
            int x = below(&m, t.app->win_w), y = below(&m, t.app->win_h);
            if (ui->hit_count > 0 && below(&m, 4) != 0) {
                SDL_Rect r = ui->hits[below(&m, ui->hit_count)].rect;
                x = r.x + r.w / 2;
                y = r.y + r.h / 2;
            }
            ev.type = SDL_MOUSEMOTION;
            ev.motion.x = x;
            ev.motion.y = y;
            app_handle_event(t.app, &ev);
            memset(&ev, 0, sizeof ev);
            ev.type = SDL_MOUSEBUTTONDOWN;
            ev.button.button = (Uint8)(below(&m, 8) == 0 ? SDL_BUTTON_RIGHT : SDL_BUTTON_LEFT);
            ev.button.clicks = 1;
            ev.button.x = x;
            ev.button.y = y;
            app_handle_event(t.app, &ev);
            ev.type = SDL_MOUSEBUTTONUP;
            app_handle_event(t.app, &ev);
        } else if (kind < 82) {
            ev.type = SDL_MOUSEWHEEL;
            ev.wheel.y = below(&m, 7) - 3;
            ev.wheel.x = below(&m, 3) - 1;
            app_handle_event(t.app, &ev);
        } else if (kind < 84) {
            int w = 800 + below(&m, 1121), h = 480 + below(&m, 601);
            SDL_SetWindowSize(t.app->win, w, h);
            ev.type = SDL_WINDOWEVENT;
            ev.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
            ev.window.data1 = w;
            ev.window.data2 = h;
            app_handle_event(t.app, &ev);
        } else if (kind < 94) {
            ev.type = SDL_TEXTINPUT;
            random_text(&m, ev.text.text, sizeof ev.text.text);
            app_handle_event(t.app, &ev);
        } else if (kind < 96) {
            ev.type = SDL_WINDOWEVENT;
            ev.window.event = (Uint8)(below(&m, 2) ? SDL_WINDOWEVENT_LEAVE : SDL_WINDOWEVENT_EXPOSED);
            app_handle_event(t.app, &ev);
        } else {
            uitest_tick(&t, (Uint32)below(&m, 20000)); /* time passes: banners, toasts, the round */
        }
        if (i % 4 == 0)
            uitest_tick(&t, 16); /* a frame every few events, as when input arrives in bursts */
        const char *name = app_screen_name(t.app);
        for (int k = 0; k < SCREEN_COUNT; k++)
            if (strcmp(name, SCREENS[k]) == 0)
                visited[k]++;
        if (!app_running(t.app)) {
            uitest_finish(&t);
            restarts++;
            CHECK(start(&t, &m, restarts) == 0);
            if (!t.app)
                return;
        }
    }
    uitest_finish(&t);
    printf("%ld events, %d restarts; events per screen:", total, restarts);
    for (int k = 0; k < SCREEN_COUNT; k++)
        printf(" %s %d", SCREENS[k], visited[k]);
    printf("\n");
    for (int k = 0; k < SCREEN_COUNT; k++) {
        if (!visited[k])
            fprintf(stderr, "screen never reached: %s\n", SCREENS[k]);
        CHECK(visited[k] > 0);
    }
}

int main(void)
{
    RUN(ui_monkey_should_survive_random_input_on_every_screen);
    return check_done();
}
