/* balance — the checks that say a scenario teaches Sales 2.0 (issue 13; the bounds and
 * their reasons are in include/upfront/balance.h, `upfront balance --help`, upfront(6)
 * and docs/scenario-format.md):
 * - each strategy plays its curve: sales1's effort share within 10 points of the
 *   scenario's Sales 1.0 curve on every stage, sales2's within 10 of the Sales 2.0 curve;
 * - Sales 1.0 works a little: sales1 reaches 15–45% of quota on average, sales2 70–115%;
 * - buyers ask to sign at least 60% of sales2's won deals, and sales1 loses more deals to
 *   pressure or no decision per deal won than sales2;
 * - sales2's mean score is 1.5–8 × sales1's; random's is below sales2's; a game where
 *   nothing is done scores below sales1's mean;
 * - time binds: sales1 and sales2 use at least 80% of the available hours;
 * - seeds are comparable: sales2's 10th percentile is at least 0.6 × its median. */
#include "upfront/balance.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "upfront/game.h"
#include "upfront/score.h"
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

/* The mean score of games in which every day is ended at once, over `games` seeds of the
 * run. Returns 0, or -1 when out of memory or the game refused to end a day. */
static int nothing_mean(const Scenario *s, uint64_t seed, int games, double *out)
{
    const Action end = {ACTION_END_DAY, -1, 0};
    double sum = 0;
    int days = scenario_day_count(s);
    for (int i = 0; i < games; i++) {
        Game *g = game_new(s, sim_game_seed(seed, i));
        if (!g)
            return -1;
        game_set_event_text(g, 0);
        for (int d = 0; d <= days && !game_over(g); d++)
            if (game_apply(g, &end) != ACTION_OK)
                break;
        int over = game_over(g);
        ScoreCard sc;
        score_compute(g, &sc);
        game_free(g);
        if (!over)
            return -1;
        sum += (double)sc.total;
    }
    *out = games > 0 ? sum / games : 0;
    return 0;
}

/* The check that a strategy's effort share lies within BALANCE_CURVE_TOLERANCE points of
 * a reference curve on every stage. */
static void check_curve(BalanceReport *r, const char *name, const char *who, const SimStats *ss,
                        const char *curve_name, const int curve[STAGE_COUNT])
{
    double worst = 0;
    int at = 0;
    for (int st = 0; st < STAGE_COUNT; st++) {
        double off = fabs(ss->effort_share[st] * 100.0 - curve[st]);
        if (off > worst) {
            worst = off;
            at = st;
        }
    }
    add(r, name, worst <= BALANCE_CURVE_TOLERANCE,
        "%s's effort %.0f/%.0f/%.0f/%.0f%% (prepare/prospect/progress/close) is up to %.1f "
        "points off the %s curve %d/%d/%d/%d, on %s (must be within %d on every stage)",
        who, ss->effort_share[STAGE_PREPARE] * 100.0, ss->effort_share[STAGE_PROSPECT] * 100.0,
        ss->effort_share[STAGE_PROGRESS] * 100.0, ss->effort_share[STAGE_CLOSE] * 100.0, worst,
        curve_name, curve[STAGE_PREPARE], curve[STAGE_PROSPECT], curve[STAGE_PROGRESS],
        curve[STAGE_CLOSE], stage_name((Stage)at), BALANCE_CURVE_TOLERANCE);
}

static void check_quota(BalanceReport *r, const char *name, const char *who, const SimStats *ss,
                        int lo, int hi)
{
    double pct = ss->attainment_mean * 100.0;
    add(r, name, pct >= lo && pct <= hi,
        "%s reaches %.1f%% of quota on average (must be %d\xE2\x80\x93%d%%)", who, pct, lo, hi);
}

static void check_time(BalanceReport *r, const char *name, const char *who, const SimStats *ss)
{
    double pct = ss->time_used_mean * 100.0;
    add(r, name, pct >= BALANCE_TIME_USED_MIN,
        "%s uses %.1f%% of the available hours (must be at least %d%%)", who, pct,
        BALANCE_TIME_USED_MIN);
}

/* "1.25 per deal won", or "0.40 a game and wins none" */
static void losses_text(char *out, size_t cap, double lost, double won)
{
    if (won > 0)
        snprintf(out, cap, "%.2f per deal won", lost / won);
    else
        snprintf(out, cap, "%.2f a game and wins none", lost);
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
    out->nothing_games = runs < BALANCE_NOTHING_GAMES ? runs : BALANCE_NOTHING_GAMES;
    if (nothing_mean(s, seed, out->nothing_games, &out->nothing_mean) != 0)
        return -1;

    const SimStats *s1 = &out->sales1, *s2 = &out->sales2, *rnd = &out->random;
    const ScoringRules *w = scenario_scoring(s);
    check_curve(out, "sales1_curve", "sales1", s1, "Sales 1.0", w->curve_sales1);
    check_curve(out, "sales2_curve", "sales2", s2, "Sales 2.0", w->curve_sales2);
    check_quota(out, "sales1_quota", "sales1", s1, BALANCE_SALES1_QUOTA_MIN,
                BALANCE_SALES1_QUOTA_MAX);
    check_quota(out, "sales2_quota", "sales2", s2, BALANCE_SALES2_QUOTA_MIN,
                BALANCE_SALES2_QUOTA_MAX);

    double asked = s2->buyer_initiated_close_rate * 100.0;
    add(out, "buyers_ask_to_sign", s2->deals_won_mean > 0 && asked >= BALANCE_BUYER_ASKS_MIN,
        "buyers ask to sign %.1f%% of sales2's won deals (must be at least %d%%)", asked,
        BALANCE_BUYER_ASKS_MIN);

    /* lost to pressure (a subset of the lost deals) or to no decision, per deal won */
    double l1 = s1->lost_to_pressure_mean + s1->deals_no_decision_mean;
    double l2 = s2->lost_to_pressure_mean + s2->deals_no_decision_mean;
    char t1[64], t2[64];
    losses_text(t1, sizeof t1, l1, s1->deals_won_mean);
    losses_text(t2, sizeof t2, l2, s2->deals_won_mean);
    add(out, "sales1_loses_more", l1 * s2->deals_won_mean > l2 * s1->deals_won_mean,
        "sales1 loses %s to pressure or no decision, sales2 %s (sales1's must be higher)", t1,
        t2);

    int ratio_ok = s1->score_mean > 0 && s2->score_mean >= BALANCE_RATIO_MIN * s1->score_mean &&
                   s2->score_mean <= BALANCE_RATIO_MAX * s1->score_mean;
    if (s1->score_mean > 0)
        add(out, "sales2_mean_vs_sales1", ratio_ok,
            "sales2's mean score %.1f is %.2f \xC3\x97 sales1's %.1f (must be %.1f\xE2\x80\x93%.0f "
            "\xC3\x97)",
            s2->score_mean, s2->score_mean / s1->score_mean, s1->score_mean, BALANCE_RATIO_MIN,
            BALANCE_RATIO_MAX);
    else
        add(out, "sales2_mean_vs_sales1", 0,
            "sales2's mean score %.1f against sales1's 0 (must be %.1f\xE2\x80\x93%.0f \xC3\x97 "
            "sales1's, which must be above 0)",
            s2->score_mean, BALANCE_RATIO_MIN, BALANCE_RATIO_MAX);

    add(out, "random_below_sales2", rnd->score_mean < s2->score_mean,
        "random's mean score is %.1f (must be below sales2's %.1f)", rnd->score_mean,
        s2->score_mean);
    add(out, "nothing_below_sales1", out->nothing_mean < s1->score_mean,
        "doing nothing (every day ended at once) scores %.1f on average over %d games (must "
        "be below sales1's mean %.1f)",
        out->nothing_mean, out->nothing_games, s1->score_mean);
    check_time(out, "sales1_time_used", "sales1", s1);
    check_time(out, "sales2_time_used", "sales2", s2);
    if (s2->score_p50 > 0)
        add(out, "sales2_p10_vs_p50", s2->score_p10 >= BALANCE_P10_OF_P50 * s2->score_p50,
            "sales2's 10th percentile score %.0f is %.2f of its median %.0f (must be at least "
            "%.1f)",
            s2->score_p10, s2->score_p10 / s2->score_p50, s2->score_p50, BALANCE_P10_OF_P50);
    else
        add(out, "sales2_p10_vs_p50", s2->score_p10 >= 0,
            "sales2's 10th percentile score %.0f against its median 0 (must be at least %.1f "
            "of the median)",
            s2->score_p10, BALANCE_P10_OF_P50);

    out->teaches = 1;
    for (int i = 0; i < out->check_count; i++)
        out->teaches &= out->checks[i].passed;
    return 0;
}
