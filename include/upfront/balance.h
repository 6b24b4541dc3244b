/* balance — does a scenario teach the lesson? Plays the built-in strategies over many
 * seeds and checks that front-loaded selling (sales2) clearly beats old-school selling
 * (sales1) for the right reasons, while old-school selling still wins some business.
 * balance_check fills a caller-owned BalanceReport; nothing to free. */
#ifndef UPFRONT_BALANCE_H
#define UPFRONT_BALANCE_H

#include <stdint.h>

#include "upfront/scenario.h"
#include "upfront/sim.h"

#define BALANCE_MAX_CHECKS 16
#define BALANCE_NOTHING_GAMES 20 /* seeds behind the "doing nothing" figure */

/* The bounds (issue 13; documented with their reasons in `upfront balance --help`, the
 * manual page and docs/scenario-format.md). Shares in percent. */
#define BALANCE_CURVE_TOLERANCE 10      /* points off each stage of the reference curve */
#define BALANCE_SALES1_QUOTA_MIN 15
#define BALANCE_SALES1_QUOTA_MAX 45
#define BALANCE_SALES2_QUOTA_MIN 70
#define BALANCE_SALES2_QUOTA_MAX 115
#define BALANCE_BUYER_ASKS_MIN 60       /* % of sales2's won deals the buyer asked to sign */
#define BALANCE_RATIO_MIN 1.5           /* sales2's mean score over sales1's */
#define BALANCE_RATIO_MAX 8.0
#define BALANCE_TIME_USED_MIN 80        /* % of the available hours, sales1 and sales2 */
#define BALANCE_P10_OF_P50 0.6          /* sales2's p10 at least this share of its p50 */

typedef struct BalanceCheck {
    const char *name;    /* stable id, e.g. "sales2_mean_vs_sales1" */
    char text[256];      /* what was measured against what it must be */
    int passed;
} BalanceCheck;

typedef struct BalanceReport {
    SimStats sales1, sales2, random;
    double nothing_mean; /* mean score of a game where every day is ended at once */
    int nothing_games;   /* games behind it */
    BalanceCheck checks[BALANCE_MAX_CHECKS];
    int check_count;
    int teaches;         /* 1 when every check passed */
} BalanceReport;

/* Runs sales1, sales2 and random `runs` times each from `seed` on up to `threads`
 * threads (0: all cores), plays a few games where nothing is done, and checks the lesson.
 * Returns 0, or -1 when a simulation failed. */
int balance_check(const Scenario *s, int runs, uint64_t seed, int threads, BalanceReport *out);
/* As balance_check, reporting progress over all three strategies' games (may be NULL). */
int balance_check_progress(const Scenario *s, int runs, uint64_t seed, int threads,
                           const SimProgress *progress, BalanceReport *out);

#endif
