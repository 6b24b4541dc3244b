/* sim — many games with one strategy, summarised (the simulate command, balance checks
 * and benchmarks). sim_run fills a caller-owned SimStats; nothing to free. */
#ifndef UPFRONT_SIM_H
#define UPFRONT_SIM_H

#include <stdint.h>

#include "upfront/scenario.h"
#include "upfront/strategy.h"
#include "upfront/types.h"

typedef struct SimStats {
    int runs;
    uint64_t seed;
    double score_mean, score_p10, score_p50, score_p90;
    double revenue_mean;
    double attainment_mean;   /* revenue / quota, 1.0 = 100% */
    double deals_won_mean;
    double effort_share[STAGE_COUNT]; /* share of all time spent per stage; sums to 1 */
    double buyer_initiated_close_rate; /* share of won deals where the buyer asked to sign */
    double time_used_mean;    /* share of the period's hours spent on actions */
    double front_loading_mean;/* the curve's place between Sales 1.0 (0) and Sales 2.0 (1) */
    double channel_share[CHANNEL_COUNT]; /* share of all touches per channel; sums to 1 */
    double deals_lost_mean, deals_no_decision_mean, lost_to_pressure_mean;
    double meetings_mean;     /* accounts that agreed to meet */
    double seconds;           /* wall time spent */
} SimStats;

/* How many threads a thread count of 0 means: one per online core (at least 1). */
int sim_default_threads(void);

/* The seed of game i of a run started with seed (the same in every build and thread). */
uint64_t sim_game_seed(uint64_t seed, int i);

/* Plays runs games with the strategy, game i seeded with sim_game_seed(seed, i), on up to
 * threads threads (0 = one per core); results do not depend on the thread count.
 * Returns 0, or -1 when out of memory or a strategy misbehaved. */
int sim_run(const Scenario *s, const Strategy *st, int runs, uint64_t seed, int threads,
            SimStats *out);

/* Told how far a long run has got: report is called on the calling thread after each of
 * its games with the games finished so far (an estimate while other threads play) and the
 * total. It must not touch the run; it never changes the results. */
typedef struct SimProgress {
    void (*report)(void *user, long done, long total);
    void *user;
} SimProgress;

/* As sim_run, reporting progress (progress may be NULL). */
int sim_run_progress(const Scenario *s, const Strategy *st, int runs, uint64_t seed, int threads,
                     const SimProgress *progress, SimStats *out);

/* Par for a seed: the score the sales2 strategy reaches on this scenario and seed (a
 * player's score is read against it). Returns 0 and sets *par, or -1 when out of memory. */
int sim_par(const Scenario *s, uint64_t seed, int64_t *par);

#endif
