/* balance — does a scenario teach the lesson? Plays the built-in strategies over many
 * seeds and checks that front-loaded selling (sales2) clearly beats old-school selling
 * (sales1) for the right reasons. balance_check fills a caller-owned BalanceReport;
 * nothing to free. */
#ifndef UPFRONT_BALANCE_H
#define UPFRONT_BALANCE_H

#include <stdint.h>

#include "upfront/scenario.h"
#include "upfront/sim.h"

#define BALANCE_MAX_CHECKS 8

typedef struct BalanceCheck {
    const char *name;    /* stable id, e.g. "sales2_mean_vs_sales1" */
    char text[160];      /* what was measured against what it must be */
    int passed;
} BalanceCheck;

typedef struct BalanceReport {
    SimStats sales1, sales2, random;
    BalanceCheck checks[BALANCE_MAX_CHECKS];
    int check_count;
    int teaches;         /* 1 when every check passed */
} BalanceReport;

/* Runs sales1, sales2 and random `runs` times each from `seed` on up to `threads`
 * threads (0: all cores) and checks the lesson. Returns 0, or -1 when a simulation failed. */
int balance_check(const Scenario *s, int runs, uint64_t seed, int threads, BalanceReport *out);
/* As balance_check, reporting progress over all three strategies' games (may be NULL). */
int balance_check_progress(const Scenario *s, int runs, uint64_t seed, int threads,
                           const SimProgress *progress, BalanceReport *out);

#endif
