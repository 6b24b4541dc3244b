/* cmd_bench — measure, on this machine: frame times of every screen against the floor (a
 * clear and a present) offscreen on the default software path; simulation throughput of
 * sales2 on the largest shipped scenario, on one thread and on every core; scenario load
 * time per megabyte on generated ~1 MB and ~2 MB scenarios; time from start to the first
 * frame; peak memory. docs/performance.md says how each is measured and what it should be.
 * Numbers are printed, never asserted: benchmarks are not timed tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "upfront/file.h"
#include "upfront/sim.h"
#include "upfront/strategy.h"
#include "upfront/whatif.h"

#if defined(UPFRONT_HAVE_UI)
#include "bench.h"
#include "platform.h"
#endif

#define BENCH_DEFAULT_FRAMES 300
#define BENCH_MAX_FRAMES 100000L
#define BENCH_SIM_SECONDS 1.5
#define BENCH_STRATEGY "sales2"
#define BENCH_LOAD_REPEATS 15
#define BENCH_INSIGHT_CHARS 598 /* under the loader's 600-byte cap on a text */

typedef struct SimBench {
    int threads;
    int runs;
    double seconds;
    double games_per_second;
    double games_per_cpu_second; /* per second of CPU time of the process (all threads) */
    SimStats last; /* the figures of a fixed batch, to compare across thread counts */
} SimBench;

/* Plays batches of games until BENCH_SIM_SECONDS have passed, then a fixed batch of 2000
 * games (seed 1) whose figures must not depend on the thread count. Returns 0 or -1. */
static int bench_sim(const Scenario *s, const Strategy *st, int threads, SimBench *out)
{
    memset(out, 0, sizeof *out);
    out->threads = threads;
    int batch = 200;
    SimStats ss;
    /* warm up: page in the code and the allocator's arenas */
    if (sim_run(s, st, batch, 99, threads, &ss) != 0)
        return -1;
    clock_t c0 = clock();
    while (out->seconds < BENCH_SIM_SECONDS) {
        if (sim_run(s, st, batch, (uint64_t)out->runs + 1u, threads, &ss) != 0)
            return -1;
        out->runs += batch;
        out->seconds += ss.seconds;
        if (ss.seconds < BENCH_SIM_SECONDS / 4 && batch < 200000)
            batch *= 2;
    }
    out->games_per_second = out->seconds > 0 ? out->runs / out->seconds : 0.0;
    double cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
    out->games_per_cpu_second = cpu > 0 ? out->runs / cpu : -1;
    return sim_run(s, st, 2000, 1, threads, &out->last);
}

static int same_figures(const SimStats *a, const SimStats *b)
{
    SimStats x = *a, y = *b;
    x.seconds = y.seconds = 0;
    return memcmp(&x, &y, sizeof x) == 0;
}

/* --- scenario load time --- */

typedef struct Buf {
    char *p;
    size_t n, cap;
} Buf;

static int buf_add(Buf *b, const char *s, size_t n)
{
    if (n > SCENARIO_MAX_BYTES || b->n > SCENARIO_MAX_BYTES)
        return -1;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

static int buf_str(Buf *b, const char *s) { return buf_add(b, s, strlen(s)); }

/* A long insight text, every character written as a \u00XX escape (as an editor that
 * escapes all but plain ASCII would), so that a text at the loader's cap takes 3.6 kB of
 * JSON and 64 prospects can make 2 MB. */
static int add_long_text(Buf *b, int seed)
{
    static const char words[] = "the board asked why the fleet ran empty miles and what "
                                "the new routing plan would save over the next two years ";
    if (buf_str(b, "\"") != 0)
        return -1;
    for (int i = 0; i < BENCH_INSIGHT_CHARS; i++) {
        char c = words[(size_t)(i + seed) % (sizeof words - 1)];
        char esc[8];
        snprintf(esc, sizeof esc, "\\u%04x", (unsigned)(unsigned char)c);
        if (buf_str(b, esc) != 0)
            return -1;
    }
    return buf_str(b, "\"");
}

/* A valid scenario of at least target bytes: the base scenario with generated prospects
 * (copies of its first, with twelve long insights each) added up to the loader's limit
 * of prospects. Returns the malloc'd text (its length in *len) or NULL. */
static char *make_big_scenario(const char *base, size_t base_len, size_t target, size_t *len)
{
    cJSON *root = cJSON_ParseWithLength(base, base_len);
    cJSON *pros = root ? cJSON_DetachItemFromObject(root, "prospects") : NULL;
    cJSON *first = pros ? cJSON_GetArrayItem(pros, 0) : NULL;
    char *head = NULL, *tmpl = NULL;
    Buf b = {NULL, 0, 0};
    int ok = first != NULL && cJSON_AddStringToObject(root, "prospects", "@PROSPECTS@") != NULL;
    if (ok) {
        cJSON *t = cJSON_Duplicate(first, 1);
        ok = t != NULL;
        if (ok) {
            cJSON_DeleteItemFromObject(t, "insights");
            cJSON_DeleteItemFromObject(t, "id");
            cJSON_DeleteItemFromObject(t, "company");
            cJSON_DeleteItemFromObject(t, "contact");
            tmpl = cJSON_PrintUnformatted(t);
            cJSON_Delete(t);
        }
        head = cJSON_PrintUnformatted(root);
    }
    const char *mark = head ? strstr(head, "\"@PROSPECTS@\"") : NULL;
    ok = ok && tmpl && mark && tmpl[0] == '{';
    ok = ok && buf_add(&b, head, (size_t)(mark - head)) == 0 && buf_str(&b, "[") == 0;
    int n = 0;
    for (cJSON *p = pros ? pros->child : NULL; ok && p; p = p->next) {
        char *one = cJSON_PrintUnformatted(p);
        ok = one && (n ? buf_str(&b, ",") : 0) == 0 && buf_str(&b, one) == 0;
        cJSON_free(one);
        n++;
    }
    static const char *const topics[] = {"company", "person", "industry", "trigger"};
    size_t tail = strlen(mark + strlen("\"@PROSPECTS@\""));
    for (int k = 0; ok && n < SCENARIO_MAX_PROSPECTS && b.n + tail + 2 < target; k++, n++) {
        char id[160];
        snprintf(id, sizeof id, ",{\"id\":\"bench-%02d\",\"company\":\"Bench Freight %02d\","
                                "\"contact\":\"Alex Bench %02d\",\"insights\":[",
                 k, k, k);
        ok = buf_str(&b, id) == 0;
        for (int i = 0; ok && i < SCENARIO_MAX_INSIGHTS; i++) {
            char head_in[96];
            snprintf(head_in, sizeof head_in, "%s{\"topic\":\"%s\",\"kind\":\"%s\",\"text\":",
                     i ? "," : "", topics[i % 4], i % 2 ? "interest" : "pain");
            ok = buf_str(&b, head_in) == 0 && add_long_text(&b, k * 13 + i) == 0 &&
                 buf_str(&b, "}") == 0;
        }
        /* the rest of the template's members after the insights */
        ok = ok && buf_str(&b, "],") == 0 && buf_str(&b, tmpl + 1) == 0;
    }
    ok = ok && buf_str(&b, "]") == 0 && buf_str(&b, mark + strlen("\"@PROSPECTS@\"")) == 0;
    cJSON_free(head);
    cJSON_free(tmpl);
    cJSON_Delete(pros);
    cJSON_Delete(root);
    if (!ok) {
        free(b.p);
        return NULL;
    }
    *len = b.n;
    return b.p;
}

/* The fastest of BENCH_LOAD_REPEATS loads of text, in ms; -1 when it does not load. */
static double time_load(const char *text, size_t len, const char *name, int *errors)
{
    double t[BENCH_LOAD_REPEATS];
    *errors = 0;
    for (int i = 0; i < BENCH_LOAD_REPEATS; i++) {
        DiagList *d = diag_list_new();
        double t0 = cli_now();
        Scenario *s = d ? scenario_load(text, len, name, d) : NULL;
        t[i] = (cli_now() - t0) * 1000.0;
        if (!s)
            *errors = 1;
        scenario_free(s);
        diag_list_free(d);
        if (*errors)
            return -1;
    }
    /* the fastest run: the others only add time other processes took from this one */
    double best = t[0];
    for (int i = 1; i < BENCH_LOAD_REPEATS; i++)
        best = t[i] < best ? t[i] : best;
    return best;
}

/* --- the largest shipped scenario --- */

/* The shipped scenario with the most prospects x days (the default one when the folder
 * can't be listed); malloc'd path or NULL. */
static char *largest_scenario(void)
{
    char *best = NULL;
#if defined(UPFRONT_HAVE_UI)
    const char *dir = cli_data_dir(NULL, 0);
    char *sdir = dir ? cli_join(dir, "scenarios") : NULL;
    PathList list;
    long best_size = -1;
    if (sdir && platform_list_json(sdir, &list) == 0) {
        for (int i = 0; i < list.count; i++) {
            size_t len = 0;
            char *text = NULL;
            if (file_read_all(list.paths[i], SCENARIO_MAX_BYTES, &text, &len) != FILE_OK)
                continue;
            DiagList *d = diag_list_new();
            Scenario *s = d ? scenario_load(text, len, list.paths[i], d) : NULL;
            if (s) {
                long size = (long)scenario_prospect_count(s) * scenario_day_count(s);
                if (size > best_size) {
                    char *p = malloc(strlen(list.paths[i]) + 1);
                    if (p) {
                        strcpy(p, list.paths[i]);
                        free(best);
                        best = p;
                        best_size = size;
                    }
                }
            }
            scenario_free(s);
            diag_list_free(d);
            free(text);
        }
        platform_list_free(&list);
    }
    free(sdir);
#endif
    return best ? best : cli_default_scenario_path("bench");
}

/* --- output --- */

static int add_num(cJSON *o, const char *key, double v, int decimals)
{
    char num[64];
    if (v < 0)
        return cJSON_AddNullToObject(o, key) != NULL;
    cli_format_number(num, sizeof num, v, decimals);
    return cJSON_AddRawToObject(o, key, num) != NULL;
}

#if defined(UPFRONT_HAVE_UI)
/* KIND_p50_ms, KIND_p95_ms, KIND_max_ms and KIND_p95_over_floor. */
static int add_timing(cJSON *o, const char *kind, double p50, double p95, double max, double floor)
{
    char key[64];
    snprintf(key, sizeof key, "%s_p50_ms", kind);
    int ok = add_num(o, key, p50, 4);
    snprintf(key, sizeof key, "%s_p95_ms", kind);
    ok = ok && add_num(o, key, p95, 4);
    snprintf(key, sizeof key, "%s_max_ms", kind);
    ok = ok && add_num(o, key, max, 4);
    snprintf(key, sizeof key, "%s_p95_over_floor", kind);
    return ok && add_num(o, key, floor > 0 ? p95 / floor : -1, 2);
}
#endif

typedef struct Figures {
    const char *scenario_id;
    int prospects, days;
    SimBench one, all;
    int threads_identical;
    double load_ms[2];
    size_t load_bytes[2];
    double load_ms_per_mb, load_growth; /* growth: ms per MB of the 2 MB over the 1 MB */
    double base_load_ms;
    size_t base_bytes;
    int have_ui;
#if defined(UPFRONT_HAVE_UI)
    UiBench ui;
#endif
    char ui_error[300];
    double peak_rss_mb;
    /* what if (issue 17): the whole curve of sales2 taking over each day of a 60-day game */
    int whatif_days;
    double whatif_ms_p50, whatif_ms_max, whatif_both_ms_max;
    /* verifying a posted game (issue 16): what `upfront verify` and the class server do */
    double verify_ms_p50, verify_ms_max, verify_bytes;
} Figures;

/* ---- what if: the largest scenario stretched to 60 days (whole weeks), games played by
 * sales1, random and sales2 on seeds 1-3, each curve timed 5 times keeping the fastest ---- */
#define BENCH_WHATIF_DAYS 60
#define BENCH_WHATIF_REPEATS 5

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int bench_whatif(const char *text, size_t len, Figures *f)
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    cJSON *cal = root ? cJSON_GetObjectItemCaseSensitive(root, "calendar") : NULL;
    cJSON *dpw = cal ? cJSON_GetObjectItemCaseSensitive(cal, "days_per_week") : NULL;
    int per = cJSON_IsNumber(dpw) ? (int)dpw->valuedouble : 5;
    if (!cal || per < 1 || !cJSON_ReplaceItemInObjectCaseSensitive(cal, "weeks",
                                                                   cJSON_CreateNumber(BENCH_WHATIF_DAYS / per))) {
        cJSON_Delete(root);
        return -1;
    }
    char *long_text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    DiagList *d = diag_list_new();
    Scenario *s = long_text && d ? scenario_load(long_text, strlen(long_text), "bench-60-days.json", d) : NULL;
    diag_list_free(d);
    cJSON_free(long_text);
    if (!s)
        return -1;
    static const char *const players[3] = {"sales1", "random", "sales2"};
    double ms[9];
    int n = 0, rc = 0;
    f->whatif_days = scenario_day_count(s);
    f->whatif_both_ms_max = 0;
    for (int p = 0; p < 3 && rc == 0; p++)
        for (uint64_t seed = 1; seed <= 3 && rc == 0; seed++) {
            Game *g = game_new(s, seed);
            if (!g || strategy_play(strategy_find(players[p]), g, seed) != 0) {
                game_free(g);
                rc = -1;
                break;
            }
            double best = -1, both = -1;
            for (int k = 0; k < BENCH_WHATIF_REPEATS && rc == 0; k++) {
                double t0 = cli_now();
                WhatIf *w2 = whatif_compute(g, strategy_find("sales2"));
                double t1 = cli_now();
                WhatIf *w1 = whatif_compute(g, strategy_find("sales1")); /* the debrief makes both */
                double t2 = cli_now();
                if (!w2 || !w1 || whatif_count(w2) != f->whatif_days)
                    rc = -1;
                whatif_free(w1);
                whatif_free(w2);
                if (best < 0 || (t1 - t0) < best)
                    best = t1 - t0;
                if (both < 0 || (t2 - t0) < both)
                    both = t2 - t0;
            }
            ms[n++] = best * 1000.0;
            if (both * 1000.0 > f->whatif_both_ms_max)
                f->whatif_both_ms_max = both * 1000.0;
            game_free(g);
        }
    scenario_free(s);
    if (rc != 0 || n == 0)
        return -1;
    qsort(ms, (size_t)n, sizeof ms[0], cmp_dbl);
    f->whatif_ms_p50 = ms[n / 2];
    f->whatif_ms_max = ms[n - 1];
    return 0;
}

/* ---- verify: the results files of sales1, random and sales2 on seeds 1-3 of the bench's
 * scenario, each checked (read, replayed, every figure compared) BENCH_VERIFY_REPEATS times
 * in memory, keeping the fastest; the median and the slowest game over the nine ---- */
#define BENCH_VERIFY_REPEATS 20

static int bench_verify(Scenario *s, const char *path, Figures *f)
{
    static const char *const players[3] = {"sales1", "random", "sales2"};
    CliTrusted t;
    memset(&t, 0, sizeof t);
    Scenario *one[1] = {s};
    char *paths[1] = {(char *)path};
    t.scenarios = one;
    t.paths = paths;
    t.count = 1;
    t.origin = "the bench's scenario";
    double ms[9], bytes = 0;
    int n = 0, rc = 0;
    for (int p = 0; p < 3 && rc == 0; p++)
        for (uint64_t seed = 1; seed <= 3 && rc == 0; seed++) {
            Game *g = game_new(s, seed);
            ResultsMeta meta = {.player = "Bench Trainee", .started = 1780000000};
            char *text = g && strategy_play(strategy_find(players[p]), g, seed) == 0
                             ? results_to_json(g, &meta) : NULL;
            game_free(g);
            if (!text) {
                rc = -1;
                break;
            }
            size_t len = strlen(text);
            bytes += (double)len;
            double best = -1;
            for (int k = 0; k < BENCH_VERIFY_REPEATS && rc == 0; k++) {
                CliVerifyOpts o;
                memset(&o, 0, sizeof o);
                o.trusted = &t;
                o.quiet_errors = 1;
                CliVerified v;
                double t0 = cli_now();
                cli_verify_buffer("bench game", text, len, &o, &v);
                double t1 = cli_now();
                if (!v.ok)
                    rc = -1;
                cli_verified_free(&v);
                if (best < 0 || t1 - t0 < best)
                    best = t1 - t0;
            }
            free(text);
            ms[n++] = best * 1000.0;
        }
    if (rc != 0 || n == 0)
        return -1;
    qsort(ms, (size_t)n, sizeof ms[0], cmp_dbl);
    f->verify_ms_p50 = ms[n / 2];
    f->verify_ms_max = ms[n - 1];
    f->verify_bytes = bytes / n;
    return 0;
}

static int print_json(const Figures *f)
{
    cJSON *o = cJSON_CreateObject();
    int ok = o != NULL;
    cJSON *frames = ok ? cJSON_AddArrayToObject(o, "frames") : NULL;
    ok = ok && frames;
    double floor720 = -1;
#if defined(UPFRONT_HAVE_UI)
    for (int i = 0; ok && f->have_ui && i < f->ui.screen_count; i++) {
        const UiBenchScreen *s = &f->ui.screens[i];
        cJSON *e = cJSON_CreateObject();
        ok = e && cJSON_AddItemToArray(frames, e);
        ok = ok && cJSON_AddStringToObject(e, "screen", s->screen) && add_num(e, "width", s->width, 0) &&
             add_num(e, "height", s->height, 0) && add_num(e, "p50_ms", s->p50_ms, 4) &&
             add_num(e, "p95_ms", s->p95_ms, 4) && add_num(e, "max_ms", s->max_ms, 4) &&
             add_num(e, "frames", s->frames, 0) && add_num(e, "floor_p50_ms", s->floor_p50_ms, 4) &&
             add_num(e, "p95_over_floor", s->floor_p50_ms > 0 ? s->p95_ms / s->floor_p50_ms : -1, 2) &&
             add_num(e, "idle_frames_drawn", s->idle_frames_drawn, 0) &&
             add_num(e, "idle_text_renders", (double)s->idle_text_renders, 0) &&
             add_num(e, "idle_textures_created", (double)s->idle_text_renders, 0) &&
             add_num(e, "redraw_text_renders", (double)s->redraw_text_renders, 0) &&
             add_timing(e, "live", s->live_p50_ms, s->live_p95_ms, s->live_max_ms, s->floor_p50_ms) &&
             add_timing(e, "scratch", s->scratch_p50_ms, s->scratch_p95_ms, s->scratch_max_ms, s->floor_p50_ms) &&
             add_timing(e, "fade", s->fade_p50_ms, s->fade_p95_ms, s->fade_max_ms, s->floor_p50_ms) &&
             add_timing(e, "hover", s->hover_p50_ms, s->hover_p95_ms, s->hover_max_ms, s->floor_p50_ms) &&
             cJSON_AddBoolToObject(e, "live_matches_full", s->live_matches_full);
    }
    cJSON *floors = ok ? cJSON_AddArrayToObject(o, "floors") : NULL;
    ok = ok && floors;
    for (int i = 0; ok && f->have_ui && i < f->ui.floor_count; i++) {
        const UiBenchFloor *fl = &f->ui.floors[i];
        if (fl->width == 1280 && fl->height == 720)
            floor720 = fl->p50_ms;
        cJSON *e = cJSON_CreateObject();
        ok = e && cJSON_AddItemToArray(floors, e);
        ok = ok && add_num(e, "width", fl->width, 0) && add_num(e, "height", fl->height, 0) &&
             add_num(e, "p50_ms", fl->p50_ms, 4) && add_num(e, "p95_ms", fl->p95_ms, 4) &&
             add_num(e, "max_ms", fl->max_ms, 4);
    }
    if (floor720 < 0 && f->have_ui && f->ui.floor_count > 0)
        floor720 = f->ui.floors[0].p50_ms;
#endif
    ok = ok && add_num(o, "floor_p50_ms", floor720, 4);
    ok = ok && add_num(o, "games_per_second", f->all.games_per_second, 1);
    ok = ok && add_num(o, "threads", f->all.threads, 0);
    ok = ok && add_num(o, "load_ms_per_mb", f->load_ms_per_mb, 3);
#if defined(UPFRONT_HAVE_UI)
    /* start-up on the display when there is one (as 'upfront' starts), else offscreen */
    double startup = !f->have_ui ? -1 : f->ui.startup_window_ms >= 0 ? f->ui.startup_window_ms : f->ui.startup_ms;
    ok = ok && add_num(o, "startup_ms", startup, 2);
    ok = ok && add_num(o, "startup_offscreen_ms", f->have_ui ? f->ui.startup_ms : -1, 2);
    ok = ok && add_num(o, "startup_window_ms", f->have_ui ? f->ui.startup_window_ms : -1, 2);
    if (f->have_ui && f->ui.window_driver[0])
        ok = ok && cJSON_AddStringToObject(o, "startup_window_driver", f->ui.window_driver);
#else
    ok = ok && add_num(o, "startup_ms", -1, 2);
#endif
    ok = ok && add_num(o, "peak_rss_mb", f->peak_rss_mb, 2);
    /* details */
    ok = ok && cJSON_AddStringToObject(o, "scenario", f->scenario_id);
    ok = ok && add_num(o, "scenario_prospects", f->prospects, 0) && add_num(o, "scenario_days", f->days, 0);
    ok = ok && cJSON_AddStringToObject(o, "strategy", BENCH_STRATEGY);
    ok = ok && add_num(o, "games_per_second_one_thread", f->one.games_per_second, 1);
    ok = ok && add_num(o, "scaling", f->one.games_per_second > 0 ? f->all.games_per_second / f->one.games_per_second : -1, 3);
    ok = ok && cJSON_AddBoolToObject(o, "same_results_any_thread_count", f->threads_identical);
    /* when other processes hold the cores, wall-clock scaling says little: games per CPU
     * second on every thread equal to one thread's means no contention inside the program */
    ok = ok && add_num(o, "games_per_cpu_second_one_thread", f->one.games_per_cpu_second, 1);
    ok = ok && add_num(o, "games_per_cpu_second_all_threads", f->all.games_per_cpu_second, 1);
    ok = ok && add_num(o, "load_ms_1mb", f->load_ms[0], 3) && add_num(o, "load_bytes_1mb", (double)f->load_bytes[0], 0);
    ok = ok && add_num(o, "load_ms_2mb", f->load_ms[1], 3) && add_num(o, "load_bytes_2mb", (double)f->load_bytes[1], 0);
    ok = ok && add_num(o, "load_growth_2mb_over_1mb", f->load_growth, 3);
    ok = ok && add_num(o, "shipped_load_ms", f->base_load_ms, 4);
    ok = ok && add_num(o, "whatif_days", f->whatif_days, 0) && add_num(o, "whatif_ms_p50", f->whatif_ms_p50, 3) &&
         add_num(o, "whatif_ms_max", f->whatif_ms_max, 3) && add_num(o, "whatif_both_ms_max", f->whatif_both_ms_max, 3);
    ok = ok && add_num(o, "verify_ms_p50", f->verify_ms_p50, 3) && add_num(o, "verify_ms_max", f->verify_ms_max, 3) &&
         add_num(o, "verify_results_bytes", f->verify_bytes, 0);
#if defined(UPFRONT_HAVE_UI)
    if (f->have_ui && f->ui.play_days > 0)
        ok = ok && add_num(o, "play_day", f->ui.play_day, 0) && add_num(o, "play_days", f->ui.play_days, 0);
#endif
    if (f->ui_error[0])
        ok = ok && cJSON_AddStringToObject(o, "frames_error", f->ui_error);
    char *text = ok ? cJSON_Print(o) : NULL;
    cJSON_Delete(o);
    if (!text) {
        cli_error("bench", "out of memory");
        return CLI_FAILURE;
    }
    printf("%s\n", text);
    cJSON_free(text);
    return cli_finish(CLI_OK);
}

static void print_text(const Figures *f)
{
#if defined(UPFRONT_HAVE_UI)
    if (f->have_ui) {
        printf("frames after input (offscreen, drawn in memory; p50 / p95 / max ms; p95 over the floor; texts rendered while idle)\n");
        for (int i = 0; i < f->ui.floor_count; i++)
            printf("  %-9s %4dx%-4d  %7.3f / %7.3f / %7.3f\n", "floor", f->ui.floors[i].width,
                   f->ui.floors[i].height, f->ui.floors[i].p50_ms, f->ui.floors[i].p95_ms,
                   f->ui.floors[i].max_ms);
        for (int i = 0; i < f->ui.screen_count; i++) {
            const UiBenchScreen *s = &f->ui.screens[i];
            printf("  %-9s %4dx%-4d  %7.3f / %7.3f / %7.3f   %5.2fx floor   idle: %d drawn, %ld texts\n",
                   s->screen, s->width, s->height, s->p50_ms, s->p95_ms, s->max_ms,
                   s->floor_p50_ms > 0 ? s->p95_ms / s->floor_p50_ms : 0.0, s->idle_frames_drawn,
                   s->idle_text_renders);
            if (strcmp(s->screen, "play") == 0)
                printf("  %-9s %4dx%-4d  %7.3f / %7.3f / %7.3f   %5.2fx floor   (the mouse over the actions)\n",
                       "  hover", s->width, s->height, s->hover_p50_ms, s->hover_p95_ms, s->hover_max_ms,
                       s->floor_p50_ms > 0 ? s->hover_p95_ms / s->floor_p50_ms : 0.0);
        }
        printf("animation frames (recorded, only what changed drawn; p50 / p95 / max ms; same pixels as a frame drawn whole)\n");
        for (int i = 0; i < f->ui.screen_count; i++) {
            const UiBenchScreen *s = &f->ui.screens[i];
            printf("  %-9s %4dx%-4d  %7.3f / %7.3f / %7.3f   %5.2fx floor   drawn whole: %.3f / %.3f   %s\n",
                   s->screen, s->width, s->height, s->live_p50_ms, s->live_p95_ms, s->live_max_ms,
                   s->floor_p50_ms > 0 ? s->live_p95_ms / s->floor_p50_ms : 0.0, s->scratch_p50_ms,
                   s->scratch_p95_ms, s->live_matches_full ? "same pixels" : "PIXELS DIFFER");
        }
        printf("startup         %.1f ms to the first frame offscreen (SDL, fonts, scenarios, title)\n", f->ui.startup_ms);
        if (f->ui.startup_window_ms >= 0)
            printf("startup         %.1f ms to the first frame in a window (%s)\n", f->ui.startup_window_ms,
                   f->ui.window_driver);
    }
#endif
    if (f->ui_error[0])
        printf("frames          not measured: %s\n", f->ui_error);
    printf("simulation      %.0f games/s on %d threads, %.0f on one (%.2fx; %s on %s, %d prospects x %d days);"
           " results %s\n",
           f->all.games_per_second, f->all.threads, f->one.games_per_second,
           f->one.games_per_second > 0 ? f->all.games_per_second / f->one.games_per_second : 0.0,
           BENCH_STRATEGY, f->scenario_id, f->prospects, f->days,
           f->threads_identical ? "identical" : "DIFFER across thread counts");
    printf("                %.0f games per CPU second on one thread, %.0f on %d (equal: no contention between threads)\n",
           f->one.games_per_cpu_second, f->all.games_per_cpu_second, f->all.threads);
    printf("scenario load   %.2f ms per MB (%.2f ms for %zu bytes, %.2f ms for %zu bytes; growth %.2fx per MB)\n",
           f->load_ms_per_mb, f->load_ms[0], f->load_bytes[0], f->load_ms[1], f->load_bytes[1], f->load_growth);
    printf("what if         %.2f ms for the whole curve of a %d-day game (sales2 taking over each day; median of 9 "
           "games, %.2f ms the slowest; the debrief's sales2 and sales1 curves together at most %.2f ms)\n",
           f->whatif_ms_p50, f->whatif_days, f->whatif_ms_max, f->whatif_both_ms_max);
    printf("verify          %.2f ms to check a results file (read, replay, compare every figure; median of 9 "
           "games of %.0f bytes on average, %.2f ms the slowest)\n",
           f->verify_ms_p50, f->verify_bytes, f->verify_ms_max);
    printf("peak memory     %.1f MB resident\n", f->peak_rss_mb);
}

int cmd_bench(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("bench");
    int json = 0, no_frames = 0, frames_only = 0, rc = CLI_OK;
    const char *frames_s = NULL, *save_dir = NULL;
    const CliOpt opts[] = {{"json", NULL, &json},
                           {"frames", &frames_s, NULL},
                           {"no-frames", NULL, &no_frames},
                           {"frames-only", NULL, &frames_only},
                           {"save-scenarios", &save_dir, NULL}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 5, pos, &rc);
    free(pos);
    if (npos < 0)
        return rc;
    if (npos > 0)
        return cli_usage_error("bench", "takes no file arguments");
    long frames = BENCH_DEFAULT_FRAMES;
    if (frames_s && cli_parse_long(frames_s, 1, BENCH_MAX_FRAMES, &frames) != 0)
        return cli_usage_error("bench", "--frames: expected a whole number from 1 to %ld, got '%s'",
                               BENCH_MAX_FRAMES, frames_s);

    static Figures f;
    memset(&f, 0, sizeof f);
    char *path = largest_scenario();
    if (!path)
        return CLI_FAILURE;
    size_t len = 0;
    char *buf = cli_read_file("bench", path, SCENARIO_MAX_BYTES, &len);
    DiagList *d = buf ? diag_list_new() : NULL;
    Scenario *s = d ? scenario_load(buf, len, path, d) : NULL;
    diag_list_free(d);
    if (!s) {
        if (buf)
            cli_error("bench", "%s does not load; run 'upfront validate %s'", path, path);
        free(buf);
        free(path);
        return buf ? CLI_INVALID : CLI_FAILURE;
    }
    f.scenario_id = scenario_id(s);
    f.prospects = scenario_prospect_count(s);
    f.days = scenario_day_count(s);

    /* frames first, on a quiet process */
#if defined(UPFRONT_HAVE_UI)
    if (!no_frames) {
        static const int sizes[2][2] = {{1280, 720}, {1920, 1080}};
        if (ui_bench_run(path, (int)frames, sizes, 2, &f.ui, f.ui_error, sizeof f.ui_error) == 0)
            f.have_ui = 1;
        else
            f.have_ui = 0;
    }
#else
    snprintf(f.ui_error, sizeof f.ui_error, "built without the window (UPFRONT_BUILD_UI=OFF)");
#endif
    if (no_frames)
        snprintf(f.ui_error, sizeof f.ui_error, "--no-frames");

    if (frames_only) {
        /* for profiling the front end alone */
        rc = json ? print_json(&f) : (print_text(&f), cli_finish(CLI_OK));
        scenario_free(s);
        free(buf);
        free(path);
        return rc;
    }

    /* scenario load: the shipped one, then ~1 MB and ~2 MB generated ones */
    int errors = 0;
    f.base_bytes = len;
    f.base_load_ms = time_load(buf, len, path, &errors);
    for (int i = 0; i < 2 && rc == CLI_OK; i++) {
        size_t target = (size_t)(i + 1) * 1000000u, n = 0;
        char *big = make_big_scenario(buf, len, target, &n);
        double ms = big ? time_load(big, n, "bench-big.json", &errors) : -1;
        if (!big || ms < 0) {
            cli_error("bench", "the generated %zu-byte scenario does not load", n);
            rc = CLI_FAILURE;
        }
        if (big && save_dir) {
            char name[64];
            snprintf(name, sizeof name, "bench-%dmb.json", i + 1);
            char *out = cli_join(save_dir, name);
            if (!out || file_write_atomic(out, big, n) != FILE_OK) {
                cli_error("bench", "cannot write %s", out ? out : name);
                rc = CLI_FAILURE;
            }
            free(out);
        }
        f.load_ms[i] = ms;
        f.load_bytes[i] = n;
        free(big);
    }
    if (rc == CLI_OK) {
        double mb1 = (double)f.load_bytes[0] / 1e6, mb2 = (double)f.load_bytes[1] / 1e6;
        f.load_ms_per_mb = f.load_ms[1] / mb2;
        f.load_growth = f.load_ms[0] > 0 ? (f.load_ms[1] / mb2) / (f.load_ms[0] / mb1) : -1;
    }

    const Strategy *st = strategy_find(BENCH_STRATEGY);
    if (rc == CLI_OK && (!st || bench_sim(s, st, 1, &f.one) != 0 ||
                         bench_sim(s, st, sim_default_threads(), &f.all) != 0)) {
        cli_error("bench", "the simulation failed");
        rc = CLI_FAILURE;
    }
    f.threads_identical = same_figures(&f.one.last, &f.all.last);
    if (rc == CLI_OK && bench_whatif(buf, len, &f) != 0) {
        cli_error("bench", "what if on a %d-day game failed", BENCH_WHATIF_DAYS);
        rc = CLI_FAILURE;
    }
    if (rc == CLI_OK && bench_verify(s, path, &f) != 0) {
        cli_error("bench", "verifying a results file failed");
        rc = CLI_FAILURE;
    }
#if defined(UPFRONT_HAVE_UI)
    long long rss = platform_peak_rss();
    f.peak_rss_mb = rss < 0 ? -1 : (double)rss / (1024.0 * 1024.0);
#else
    f.peak_rss_mb = -1;
#endif
    if (rc == CLI_OK) {
        if (json) {
            rc = print_json(&f);
        } else {
            print_text(&f);
            rc = cli_finish(CLI_OK);
        }
    }
    scenario_free(s);
    free(buf);
    free(path);
    return rc;
}
