/* sim — many games with one strategy, on several threads, summarised.
 *
 * Game i is seeded with sim_game_seed(seed, i) (for the game and the strategy alike), its
 * figures are stored at index i, and the summary is computed afterwards in index order:
 * the statistics never depend on the number of threads or their timing. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include "upfront/sim.h"
#include "upfront/alloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <unistd.h>
#endif

#include "upfront/game.h"
#include "upfront/rng.h"
#include "upfront/score.h"

#define SIM_MAX_THREADS 64

uint64_t sim_game_seed(uint64_t seed, int i)
{
    return rng_mix64(seed ^ rng_mix64((uint64_t)i + 1u));
}

/* The figures kept from one game. */
typedef struct GameFigures {
    int64_t total;
    int64_t revenue;
    int attainment_bp;
    int deals_won;
    int buyer_initiated;
    int64_t minutes[STAGE_COUNT];
    int time_used_bp;
    int frontload_pct;
    int lost, no_decision, lost_to_pressure, meetings;
    int touches[CHANNEL_COUNT];
    int failed;
} GameFigures;

typedef struct Work {
    const Scenario *s;
    const Strategy *st;
    uint64_t seed;
    int runs;
    int stride, first; /* this worker plays games first, first + stride, ... */
    GameFigures *out;
    const SimProgress *progress; /* only the calling thread's worker reports */
} Work;

static void play_one(const Work *w, int i)
{
    GameFigures *f = &w->out[i];
    uint64_t gs = sim_game_seed(w->seed, i);
    Game *g = game_new(w->s, gs);
    if (!g) {
        f->failed = 1;
        return;
    }
    game_set_event_text(g, 0); /* nothing here reads the inbox */
    if (strategy_play(w->st, g, gs) != 0) {
        f->failed = 1;
        game_free(g);
        return;
    }
    ScoreCard sc;
    score_compute(g, &sc);
    f->total = sc.total;
    f->revenue = sc.revenue;
    f->attainment_bp = sc.attainment_bp;
    f->deals_won = sc.deals_won;
    f->buyer_initiated = sc.buyer_initiated;
    for (int st = 0; st < STAGE_COUNT; st++)
        f->minutes[st] = game_effort_minutes(g, (Stage)st);
    f->time_used_bp = sc.time_used_bp;
    f->frontload_pct = sc.frontload_pct;
    f->lost = sc.deals_lost;
    f->no_decision = sc.deals_no_decision;
    f->lost_to_pressure = sc.lost_to_pressure;
    for (int p = 0; p < scenario_prospect_count(w->s); p++) {
        f->meetings += game_prospect(g, p)->first_meeting_day > 0;
        for (int k = 0; k < game_touch_count(g, p); k++)
            f->touches[game_touch(g, p, k)->channel]++;
    }
    game_free(g);
}

static void *worker(void *arg)
{
    const Work *w = arg;
    long played = 0;
    for (int i = w->first; i < w->runs; i += w->stride) {
        play_one(w, i);
        if (w->progress && w->progress->report) {
            long done = ++played * w->stride;
            w->progress->report(w->progress->user, done < w->runs ? done : w->runs, w->runs);
        }
    }
    return NULL;
}

static int online_cores(void)
{
#if defined(_WIN32)
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    return (int)si.dwNumberOfProcessors;
#elif defined(_SC_NPROCESSORS_ONLN)
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)(n > SIM_MAX_THREADS ? SIM_MAX_THREADS : n) : 1;
#else
    return 1;
#endif
}

int sim_default_threads(void) { return online_cores(); }

static double wall_seconds(void)
{
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) != TIME_UTC)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted values: the ceil(p/100 * n)-th smallest. */
static int64_t nearest_rank(const int64_t *sorted, int n, int p)
{
    int64_t rank = ((int64_t)p * n + 99) / 100;
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return sorted[rank - 1];
}

int sim_run(const Scenario *s, const Strategy *st, int runs, uint64_t seed, int threads,
            SimStats *out)
{
    return sim_run_progress(s, st, runs, seed, threads, NULL, out);
}

int sim_run_progress(const Scenario *s, const Strategy *st, int runs, uint64_t seed, int threads,
                     const SimProgress *progress, SimStats *out)
{
    memset(out, 0, sizeof *out);
    out->runs = runs;
    out->seed = seed;
    if (!s || !st || runs < 1)
        return -1;
    GameFigures *figs = alloc_calloc((size_t)runs, sizeof *figs);
    int64_t *totals = alloc_malloc((size_t)runs * sizeof *totals);
    if (!figs || !totals) {
        alloc_free(figs);
        alloc_free(totals);
        return -1;
    }
    if (threads <= 0)
        threads = online_cores();
    if (threads > SIM_MAX_THREADS)
        threads = SIM_MAX_THREADS;
    if (threads > runs)
        threads = runs;

    double t0 = wall_seconds();
    Work work[SIM_MAX_THREADS];
    pthread_t tid[SIM_MAX_THREADS];
    int started[SIM_MAX_THREADS] = {0};
    for (int t = 0; t < threads; t++) {
        work[t] = (Work){s, st, seed, runs, threads, t, figs, t == 0 ? progress : NULL};
        if (t > 0 && pthread_create(&tid[t], NULL, worker, &work[t]) == 0)
            started[t] = 1;
    }
    worker(&work[0]);
    for (int t = 1; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            worker(&work[t]); /* could not start a thread: play its share here */
    }
    out->seconds = wall_seconds() - t0;
    if (out->seconds < 0)
        out->seconds = 0;

    int failed = 0;
    int64_t sum_total = 0, sum_revenue = 0, sum_att = 0, sum_won = 0, sum_buyer = 0;
    int64_t minutes[STAGE_COUNT] = {0}, all_minutes = 0;
    int64_t sum_used = 0, sum_front = 0, sum_lost = 0, sum_nd = 0, sum_pressure = 0, sum_meet = 0;
    int64_t touches[CHANNEL_COUNT] = {0}, all_touches = 0;
    for (int i = 0; i < runs; i++) {
        const GameFigures *f = &figs[i];
        failed |= f->failed;
        sum_total += f->total;
        sum_revenue += f->revenue;
        sum_att += f->attainment_bp;
        sum_won += f->deals_won;
        sum_buyer += f->buyer_initiated;
        for (int k = 0; k < STAGE_COUNT; k++) {
            minutes[k] += f->minutes[k];
            all_minutes += f->minutes[k];
        }
        sum_used += f->time_used_bp;
        sum_front += f->frontload_pct;
        sum_lost += f->lost;
        sum_nd += f->no_decision;
        sum_pressure += f->lost_to_pressure;
        sum_meet += f->meetings;
        for (int c = 0; c < CHANNEL_COUNT; c++) {
            touches[c] += f->touches[c];
            all_touches += f->touches[c];
        }
        totals[i] = f->total;
    }
    qsort(totals, (size_t)runs, sizeof *totals, cmp_i64);
    out->score_mean = (double)sum_total / runs;
    out->score_p10 = (double)nearest_rank(totals, runs, 10);
    out->score_p50 = (double)nearest_rank(totals, runs, 50);
    out->score_p90 = (double)nearest_rank(totals, runs, 90);
    out->revenue_mean = (double)sum_revenue / runs;
    out->attainment_mean = (double)sum_att / 10000.0 / runs;
    out->deals_won_mean = (double)sum_won / runs;
    for (int k = 0; k < STAGE_COUNT; k++)
        out->effort_share[k] = all_minutes > 0 ? (double)minutes[k] / (double)all_minutes : 0.0;
    out->buyer_initiated_close_rate = sum_won > 0 ? (double)sum_buyer / (double)sum_won : 0.0;
    out->time_used_mean = (double)sum_used / 10000.0 / runs;
    out->front_loading_mean = (double)sum_front / 100.0 / runs;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        out->channel_share[c] = all_touches > 0 ? (double)touches[c] / (double)all_touches : 0.0;
    out->deals_lost_mean = (double)sum_lost / runs;
    out->deals_no_decision_mean = (double)sum_nd / runs;
    out->lost_to_pressure_mean = (double)sum_pressure / runs;
    out->meetings_mean = (double)sum_meet / runs;
    alloc_free(figs);
    alloc_free(totals);
    return failed ? -1 : 0;
}

int sim_par(const Scenario *s, uint64_t seed, int64_t *par)
{
    const Strategy *st = strategy_find("sales2");
    Game *g = s && st ? game_new(s, seed) : NULL;
    if (!g)
        return -1;
    game_set_event_text(g, 0);
    int rc = strategy_play(st, g, seed);
    if (rc == 0) {
        ScoreCard sc;
        score_compute(g, &sc);
        *par = sc.total;
    }
    game_free(g);
    return rc;
}
