/* balance — the checks that say a scenario teaches Sales 2.0 (docs/calibration.md):
 * - sales2's mean score is at least 1.3 × sales1's, its p10 at least sales1's median,
 *   and random's mean is below sales2's;
 * - buyers asked to sign in at least half of sales2's won deals;
 * - sales2 spends at most 10% of its time closing and at least 55% preparing and
 *   prospecting; sales1 spends at most 10% preparing. */
#include "upfront/balance.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "upfront/strategy.h"

#if defined(__GNUC__)
__attribute__((format(printf, 4, 0)))
#endif
static void add_v(BalanceReport *r, const char *name, int passed, const char *fmt, va_list ap)
{
    if (r->check_count >= BALANCE_MAX_CHECKS)
        return;
    BalanceCheck *c = &r->checks[r->check_count++];
    c->name = name;
    c->passed = passed;
    vsnprintf(c->text, sizeof c->text, fmt, ap);
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void add(BalanceReport *r, const char *name, int passed, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(r, name, passed, fmt, ap);
    va_end(ap);
}

/* Reports one strategy's progress as a part of the three strategies' games. */
typedef struct PhaseProgress {
    const SimProgress *outer;
    long offset, total;
} PhaseProgress;

static void phase_report(void *user, long done, long total)
{
    const PhaseProgress *p = user;
    (void)total;
    p->outer->report(p->outer->user, p->offset + done, p->total);
}

int balance_check(const Scenario *s, int runs, uint64_t seed, int threads, BalanceReport *out)
{
    return balance_check_progress(s, runs, seed, threads, NULL, out);
}

int balance_check_progress(const Scenario *s, int runs, uint64_t seed, int threads,
                           const SimProgress *progress, BalanceReport *out)
{
    memset(out, 0, sizeof *out);
    static const char *const names[3] = {"sales1", "sales2", "random"};
    SimStats *stats[3] = {&out->sales1, &out->sales2, &out->random};
    for (int k = 0; k < 3; k++) {
        PhaseProgress phase = {progress, (long)k * runs, 3L * runs};
        SimProgress inner = {phase_report, &phase};
        const SimProgress *use = progress && progress->report ? &inner : NULL;
        if (sim_run_progress(s, strategy_find(names[k]), runs, seed, threads, use, stats[k]) != 0)
            return -1;
    }
    const SimStats *s1 = &out->sales1, *s2 = &out->sales2, *rnd = &out->random;
    add(out, "sales2_mean_vs_sales1", s2->score_mean >= 1.3 * s1->score_mean && s2->score_mean > 0,
        "sales2's mean score %.1f is at least 1.3 x sales1's %.1f", s2->score_mean, s1->score_mean);
    add(out, "sales2_p10_vs_sales1_p50", s2->score_p10 >= s1->score_p50,
        "sales2's 10th percentile %.1f is at least sales1's median %.1f", s2->score_p10,
        s1->score_p50);
    add(out, "random_below_sales2", rnd->score_mean < s2->score_mean,
        "random's mean score %.1f is below sales2's %.1f", rnd->score_mean, s2->score_mean);
    add(out, "buyers_ask_to_sign", s2->buyer_initiated_close_rate >= 0.5,
        "buyers asked to sign %.0f%% of sales2's won deals (at least %.0f%%)",
        s2->buyer_initiated_close_rate * 100.0, 50.0);
    add(out, "sales2_closes_little", s2->effort_share[STAGE_CLOSE] <= 0.10,
        "sales2 spends %.1f%% of its time closing (at most %.0f%%)",
        s2->effort_share[STAGE_CLOSE] * 100.0, 10.0);
    add(out, "sales2_front_loads",
        s2->effort_share[STAGE_PREPARE] + s2->effort_share[STAGE_PROSPECT] >= 0.55,
        "sales2 spends %.1f%% of its time preparing and prospecting (at least %.0f%%)",
        (s2->effort_share[STAGE_PREPARE] + s2->effort_share[STAGE_PROSPECT]) * 100.0, 55.0);
    add(out, "sales1_skips_preparation", s1->effort_share[STAGE_PREPARE] <= 0.10,
        "sales1 spends %.1f%% of its time preparing (at most %.0f%%)",
        s1->effort_share[STAGE_PREPARE] * 100.0, 10.0);
    out->teaches = 1;
    for (int i = 0; i < out->check_count; i++)
        out->teaches &= out->checks[i].passed;
    return 0;
}
