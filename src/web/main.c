/* web — the browser's platform layer: everything that differs when the game runs as
 * WebAssembly in a page (scripts/build-web.sh). The game is the same App (src/ui) on the
 * same core; the browser is one more SDL video driver. What is here:
 *
 *  - the options, read from the page's URL parameters (scenario, seed, player, class,
 *    time-limit, autoplay, from-week) instead of the command line;
 *  - the main loop handed to the browser (emscripten_set_main_loop_arg): a frame on each
 *    animation frame while something moves, else one timer per app_wait_ms (at most 250
 *    ms) and a wake-up the moment SDL queues an event, so an idle page draws nothing and
 *    busy-waits on nothing;
 *  - persistent storage: SDL's per-user folder (/libsdl, where settings, personal bests,
 *    the saved game and the results files go) is IndexedDB-backed (IDBFS, mounted and
 *    read before main by pre.js) and written back after the game changes it;
 *  - the UiHost: a download of the results file, and a file picker for a scenario of the
 *    user's own (it arrives as SDL_DROPFILE, as a file dropped on the page does);
 *  - a finished game's results file, as the core wrote it, published in the page as
 *    <script type="application/json" id="upfront-results"> for automation;
 *  - the live class, when the page was served by `upfront serve --web` (class.js asked
 *    GET /api/class before main): its scenario and seed unless the URL says otherwise, the
 *    player's name asked on the class screen, and the UiHost's class_progress and
 *    class_results (called where the native client is fed) handed to class.js, which
 *    POSTs them; a results file waits in the outbox folder until the server has it.
 */
#include <emscripten.h>
#include <emscripten/html5.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "upfront/classcode.h"
#include "client.h"
#include "upfront/file.h"
#include "upfront/strategy.h"

#define WEB_DATA_DIR "/upfront"

typedef struct Web {
    App *app;
    UiOptions opts;
    UiHost host;
    char scenario_path[200];
    char problems[600];   /* what was wrong with the URL, shown once the App is up */
    char published[1200]; /* the results file last put in the page */
    int sleeping;         /* the loop waits on a timer; an event wakes it */
    int in_tick;
    int drew;             /* the first frame has been drawn */
    const char *screen;   /* the screen last named to the page */
    int in_class;         /* served by a class server (GET /api/class answered) */
    char class_code[120]; /* the code the class screen is opened with */
    unsigned outbox_n;    /* results files queued by this page */
    Uint32 sync_at;       /* 0, or when to write the per-user folder back to IndexedDB */
} Web;

static Web web;

/* --- JavaScript ------------------------------------------------------------------------ */

/* The URL parameter name as a new string (free with free), or NULL when absent. */
EM_JS(char *, web_param, (const char *name), {
    var v = new URLSearchParams(window.location.search).get(UTF8ToString(name));
    if (v === null)
        return 0;
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    if (p)
        stringToUTF8(v, p, n);
    return p;
})

/* 1 when the page can show frames through WebGL (SDL's accelerated renderer: sharp on
 * high-DPI screens). Without it frames go through SDL's 2D framebuffer, which knows no
 * device pixel ratio: the page is then drawn at one pixel per CSS pixel. */
EM_JS(int, web_has_webgl, (void), {
    var ok = false;
    try {
        var c = document.createElement('canvas');
        ok = !!(c.getContext('webgl') || c.getContext('experimental-webgl'));
    } catch (e) {
    }
    if (!ok) {
        try {
            Object.defineProperty(window, 'devicePixelRatio', {get: function() { return 1; }});
        } catch (e) {
        }
    }
    return ok ? 1 : 0;
})

EM_JS(int, web_storage_ok, (void), { return Module['upfrontStorage'] ? 1 : 0; })

/* Writes the per-user folder back to IndexedDB (one write at a time; a request made
 * during one is done after it). */
EM_JS(void, web_sync, (void), {
    if (!Module['upfrontStorage'])
        return;
    if (Module['upfrontSyncing']) {
        Module['upfrontSyncAgain'] = true;
        return;
    }
    Module['upfrontSyncing'] = true;
    var done = function(err) {
        if (err)
            console.warn('upfront: could not save to the browser storage:', err);
        Module['upfrontSyncing'] = false;
        if (Module['upfrontSyncAgain']) {
            Module['upfrontSyncAgain'] = false;
            Module['upfrontSyncing'] = true;
            FS.syncfs(false, done);
        }
    };
    FS.syncfs(false, done);
})

/* The first frame is on the canvas: the page drops its loading text. */
EM_JS(void, web_first_frame, (void), {
    Module['firstFrameMs'] = performance.now();
    document.body.classList.add('running');
    if (Module['onFirstFrame'])
        Module['onFirstFrame']();
})

/* Puts the results file at path into the page as #upfront-results. */
EM_JS(void, web_publish, (const char *path), {
    var p = UTF8ToString(path);
    var text;
    try {
        text = FS.readFile(p, {encoding: 'utf8'});
    } catch (e) {
        console.warn('upfront: cannot read', p, e);
        return;
    }
    var el = document.getElementById('upfront-results');
    if (!el) {
        el = document.createElement('script');
        el.type = 'application/json';
        el.id = 'upfront-results';
        document.body.appendChild(el);
    }
    el.setAttribute('data-file', p.substring(p.lastIndexOf('/') + 1));
    el.textContent = text;
    document.dispatchEvent(new CustomEvent('upfront-results', {detail: {file: p, json: text}}));
})

/* Offers the file at path as a download of the same name. */
EM_JS(int, web_download_js, (const char *path), {
    var p = UTF8ToString(path);
    try {
        var data = FS.readFile(p);
        var url = URL.createObjectURL(new Blob([data], {type: 'application/json'}));
        var a = document.createElement('a');
        a.href = url;
        a.download = p.substring(p.lastIndexOf('/') + 1);
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
        return 0;
    } catch (e) {
        console.warn('upfront: download failed', e);
        return -1;
    }
})

/* Shows the browser's file picker (pre.js: unless the O key's keydown just did); the
 * chosen file is written into dir and handed to the game (upfront_web_dropped). */
EM_JS(int, web_open_js, (const char *dir), { return Module['upfrontOpenPicker'](UTF8ToString(dir), true); })

/* The screen on top, as the page's data-screen attribute (for automation and styling). */
EM_JS(void, web_screen, (const char *name), { document.body.setAttribute('data-screen', UTF8ToString(name)); })

/* Counts the loop's runs while the page measures (Module.upfrontTicks). */
EM_JS(void, web_count_tick, (void), {
    if (Module['upfrontFrames'])
        Module['upfrontTicks'] = (Module['upfrontTicks'] || 0) + 1;
})

/* How long a frame took in the game (ms), kept for the page when it asks
 * (Module.upfrontFrames = []: each frame drawn is appended; see tests/web). */
EM_JS(void, web_frame_ms, (double ms), {
    var f = Module['upfrontFrames'];
    if (f && f.length < 100000)
        f.push(ms);
})

/* A field of the class server's GET /api/class answer as a new string (free with free),
 * or NULL when absent or null; web_class_field("server") is NULL when the page was not
 * served by a class server (class.js). */
EM_JS(char *, web_class_field, (const char *name), {
    var c = Module['upfrontClass'];
    var v = c ? c[UTF8ToString(name)] : null;
    if (v === null || v === undefined || (typeof v !== 'string' && typeof v !== 'number'))
        return 0;
    v = String(v);
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    if (p)
        stringToUTF8(v, p, n);
    return p;
})

/* POSTs a day's progress to the class server (class.js; the latest is retried). */
EM_JS(void, web_class_progress_js, (const char *json), { Module['upfrontClassProgress'](UTF8ToString(json)); })

/* Sends what waits in the outbox folder to the class server (class.js). */
EM_JS(void, web_class_send_js, (const char *dir), { Module['upfrontClassSend'](UTF8ToString(dir)); })

/* Tells the page the game has closed (Quit on the title screen). */
EM_JS(void, web_closed, (void), { document.body.classList.add('closed'); })

/* --- the host -------------------------------------------------------------------------- */

static int web_download(void *ctx, const char *path)
{
    (void)ctx;
    return web_download_js(path);
}

static int web_open_file(void *ctx)
{
    Web *w = ctx;
    char dir[1100];
    SDL_snprintf(dir, sizeof dir, "%sscenarios", w->app->pref_dir);
    return web_open_js(dir);
}

/* The live class: the progress after each day goes out at once; a results file is put in
 * the outbox folder (kept in IndexedDB with the rest) and sent from there until the
 * server has stored it (class.js). */
static void web_class_progress(void *ctx, const Game *game, const char *player, long time_left_s)
{
    (void)ctx;
    if (!player || !player[0])
        return; /* the server keeps progress by name */
    char *json = client_progress_json(game, player, time_left_s);
    if (json)
        web_class_progress_js(json);
    free(json);
}

static void outbox_dir(Web *w, char *out, size_t cap)
{
    SDL_snprintf(out, cap, "%soutbox", w->app->pref_dir);
}

static void web_class_results(void *ctx, const char *json, size_t len)
{
    Web *w = ctx;
    char dir[1100], path[1200];
    outbox_dir(w, dir, sizeof dir);
    SDL_snprintf(path, sizeof path, "%s/results-%013.0f-%u.json", dir, emscripten_date_now(), w->outbox_n++);
    FILE *f = file_make_folders(dir) == FILE_OK ? fopen(path, "wb") : NULL;
    if (!f || fwrite(json, 1, len, f) != len || fclose(f) != 0) {
        if (f)
            fclose(f);
        app_toast(w->app, "Could not queue the game for the class server: it is in your results folder");
        return;
    }
    w->sync_at = SDL_GetTicks(); /* kept at once */
    web_class_send_js(dir);
}

/* A message from class.js for the trainee (the server refused a game, and why). */
EMSCRIPTEN_KEEPALIVE void upfront_web_toast(const char *text);
EMSCRIPTEN_KEEPALIVE void upfront_web_toast(const char *text)
{
    if (web.app && text)
        app_toast(web.app, "%s", text);
}

/* class.js changed the outbox folder (a game sent or refused): written back soon. */
EMSCRIPTEN_KEEPALIVE void upfront_web_outbox_changed(void);
EMSCRIPTEN_KEEPALIVE void upfront_web_outbox_changed(void)
{
    if (!web.sync_at)
        web.sync_at = SDL_GetTicks();
}

/* A file the user chose or dropped on the page, now at path in the file system: to the
 * game as SDL_DROPFILE. */
EMSCRIPTEN_KEEPALIVE void upfront_web_dropped(const char *path);
EMSCRIPTEN_KEEPALIVE void upfront_web_dropped(const char *path)
{
    SDL_Event e;
    SDL_zero(e);
    e.type = SDL_DROPFILE;
    e.drop.file = SDL_strdup(path);
    e.drop.timestamp = SDL_GetTicks();
    if (e.drop.file && SDL_PushEvent(&e) != 1)
        SDL_free(e.drop.file);
}

/* --- the loop -------------------------------------------------------------------------- */

static void schedule(Web *w, int wait_ms)
{
    if (wait_ms <= APP_STEP_MS) {
        w->sleeping = 0;
        emscripten_set_main_loop_timing(EM_TIMING_RAF, 1);
    } else {
        w->sleeping = 1;
        emscripten_set_main_loop_timing(EM_TIMING_SETTIMEOUT, wait_ms);
    }
}

/* Called by SDL as each event is queued (from the browser's own event handlers): a loop
 * waiting on its timer runs at the next animation frame instead. */
static int wake(void *userdata, SDL_Event *ev)
{
    Web *w = userdata;
    if (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_CLOSE && w->app) {
        /* the page is being left (SDL's beforeunload): the game so far is saved now, as
         * when the desktop window closes; the loop will not run again */
        const Session *s = app_session(w->app);
        if (s && !game_over(s->game) && game_action_count(s->game) > 0 && app_checkpoint(w->app) == 0)
            web_sync();
        return 1;
    }
    if (w->sleeping && !w->in_tick) {
        w->sleeping = 0;
        emscripten_pause_main_loop();
        emscripten_set_main_loop_timing(EM_TIMING_RAF, 1);
        emscripten_resume_main_loop();
    }
    return 1;
}

static void publish_results(Web *w)
{
    const Session *s = app_session(w->app);
    if (!s || !s->saved || !s->results_path[0] || strcmp(s->results_path, w->published) == 0)
        return;
    SDL_strlcpy(w->published, s->results_path, sizeof w->published);
    web_publish(s->results_path);
    w->sync_at = SDL_GetTicks(); /* the results file: kept at once */
}

static void tick(void *arg)
{
    Web *w = arg;
    App *app = w->app;
    w->in_tick = 1;
    web_count_tick();
    int events = 0;
    SDL_Event ev;
    while (app_running(app) && SDL_PollEvent(&ev)) {
        events++;
        if (!app_handle_event(app, &ev))
            break;
    }
    Uint32 now = SDL_GetTicks();
    double t0 = emscripten_get_now();
    if (app_running(app) && app_frame(app, now)) {
        web_frame_ms(emscripten_get_now() - t0);
        if (!w->drew) {
            w->drew = 1;
            web_first_frame();
        }
    }
    const char *screen = app_running(app) ? app_screen_name(app) : "";
    if (screen != w->screen) { /* the screens' names are static strings */
        w->screen = screen;
        web_screen(screen);
    }
    publish_results(w);
    /* what the game writes (settings, bests, the save at a day's end, results) follows
     * input: the folder goes back to IndexedDB half a second after the last of it */
    if (events > 0 && !w->sync_at)
        w->sync_at = now + 500;
    if (w->sync_at && SDL_TICKS_PASSED(now, w->sync_at)) {
        w->sync_at = 0;
        web_sync();
    }
    if (!app_running(app)) {
        SDL_DelEventWatch(wake, w);
        emscripten_cancel_main_loop();
        app_destroy(app); /* saves a game in progress */
        w->app = NULL;
        web_sync();
        web_closed();
        TTF_Quit();
        SDL_Quit();
        w->in_tick = 0;
        return;
    }
    schedule(w, app_wait_ms(app, SDL_GetTicks()));
    w->in_tick = 0;
}

/* --- the options ----------------------------------------------------------------------- */

static void problem(Web *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void problem(Web *w, const char *fmt, ...)
{
    char line[300];
    va_list ap;
    va_start(ap, fmt);
    SDL_vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "upfront: %s\n", line);
    if (w->problems[0])
        SDL_strlcat(w->problems, " ", sizeof w->problems);
    SDL_strlcat(w->problems, line, sizeof w->problems);
}

/* A whole number lo..hi from s; 0, or -1 when s is not one. */
static int parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    uint64_t v = 0;
    if (!s || !*s)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

/* The play options from the URL, as 'upfront play' takes them from its command line.
 * The strings are kept for the App's life (it borrows them). */
static void read_options(Web *w)
{
    UiOptions *o = &w->opts;
    memset(o, 0, sizeof *o);
    char *scenario = web_param("scenario");
    char *seed = web_param("seed");
    char *player = web_param("player");
    char *klass = web_param("class");
    char *limit = web_param("time-limit");
    char *autoplay = web_param("autoplay");
    char *from = web_param("from-week");
    /* served by a class server: its scenario and seed, unless the URL names others */
    char *server = web_class_field("server");
    w->in_class = server != NULL;
    free(server);
    if (w->in_class && !(scenario && scenario[0]) && !klass) {
        free(scenario);
        scenario = web_class_field("scenario");
    }
    if (w->in_class && !seed && !klass)
        seed = web_class_field("seed");
    if (scenario && scenario[0]) {
        FILE *f = NULL;
        if (is_id(scenario)) {
            SDL_snprintf(w->scenario_path, sizeof w->scenario_path, WEB_DATA_DIR "/scenarios/%s.json", scenario);
            f = fopen(w->scenario_path, "rb");
        }
        if (f) {
            fclose(f);
            o->scenario_path = w->scenario_path;
        } else {
            problem(w, "There is no shipped scenario \"%s\": the default one is chosen.", scenario);
        }
    }
    uint64_t v;
    if (seed && parse_u64(seed, 0, UINT64_MAX, &v) == 0) {
        o->seed = v;
        o->has_seed = 1;
    } else if (seed) {
        problem(w, "seed=%s is not a whole number 0..18446744073709551615: the seed is left to chance.", seed);
    }
    if (player && player[0])
        o->player = player;
    if (klass && klass[0])
        o->class_code = klass;
    if (limit && parse_u64(limit, 1, 24 * 60, &v) == 0)
        o->time_limit_min = (int)v;
    else if (limit)
        problem(w, "time-limit=%s is not whole minutes 1..1440: no time limit.", limit);
    if (from && parse_u64(from, 1, 1000, &v) == 0)
        o->from_week = (int)v;
    else if (from)
        problem(w, "from-week=%s is not a week number 1..1000.", from);
    if (autoplay && strategy_find(autoplay))
        o->autoplay = autoplay;
    else if (autoplay)
        problem(w, "autoplay=%s: there is no such strategy (sales1, sales2 or random): sales2 plays.", autoplay);
    if (w->in_class && !o->has_seed && !o->class_code) {
        /* the class server leaves the seed free: one for this trainee, small enough for a
         * compact class code */
        o->seed = ((uint64_t)emscripten_date_now() ^ SDL_GetPerformanceCounter()) % (CLASSCODE_MAX_SEED + 1ull);
        o->has_seed = 1;
    }
    if (o->autoplay && o->from_week <= 1)
        problem(w, "autoplay=%s needs from-week (the week the strategy hands over).", autoplay);
    free(scenario);
    free(seed);
    free(limit);
    free(from);
    if (!o->player)
        free(player);
    if (!o->class_code)
        free(klass);
    if (!o->autoplay)
        free(autoplay);
}

int main(void)
{
    Web *w = &web;
    SDL_setenv("UPFRONT_DATA_DIR", WEB_DATA_DIR, 1);
    read_options(w);
    w->host.ctx = w;
    w->host.download = web_download;
    w->host.open_file = web_open_file;
    if (w->in_class) {
        w->host.class_progress = web_class_progress;
        w->host.class_results = web_class_results;
    }
    w->opts.host = &w->host;
    int flags = web_has_webgl() ? 0 : APP_SOFTWARE;
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "upfront: cannot start the video system: %s\n", SDL_GetError());
        return 2;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "upfront: cannot start the font renderer: %s\n", TTF_GetError());
        SDL_Quit();
        return 2;
    }
    /* the canvas's size comes from the page (CSS: the whole window), SDL follows it */
    double cw = 1280, ch = 720;
    emscripten_get_element_css_size("#canvas", &cw, &ch);
    w->app = app_create(&w->opts, cw >= 1 ? (int)cw : 1280, ch >= 1 ? (int)ch : 720, flags);
    if (!w->app) {
        TTF_Quit();
        SDL_Quit();
        return 2;
    }
    App *app = w->app;
    /* app_create moved what an earlier version kept in /libsdl/upfront/upfront/ up into
     * /libsdl/upfront/: written back now (one IndexedDB transaction adds the new paths and
     * drops the old), not only after the first input */
    web_sync();
    if (!web_storage_ok())
        problem(w, "%s", "This browser keeps nothing for this page: use Download results at the end of a game.");
    if (w->problems[0])
        app_toast(app, "%s", w->problems);
    if (w->in_class) {
        char dir[1100];
        outbox_dir(w, dir, sizeof dir);
        web_class_send_js(dir); /* what an earlier visit left unsent */
        if (!w->opts.player && !w->opts.class_code && !(w->opts.autoplay && w->opts.from_week > 1)) {
            /* the name is asked as for a class link: the class screen, with the code of the
             * class's scenario and seed filled in */
            const Scenario *cs = app_scenario(app);
            w->class_code[0] = '\0';
            if (cs)
                classcode_write(scenario_id(cs), w->opts.seed, w->class_code, sizeof w->class_code);
            app->opts.class_code = w->class_code;
            app_push(app, class_screen_new());
        }
    }
    /* a strategy playing the whole game: straight to its debrief, no key needed */
    const Scenario *sc = app_scenario(app);
    if (sc && w->opts.from_week > scenario_calendar(sc)->weeks && !w->opts.class_code &&
        app_start_game(app) == 0)
        app_reset(app, debrief_screen_new());
    SDL_AddEventWatch(wake, w);
    emscripten_set_main_loop_arg(tick, w, 0, 0);
    return 0;
}
