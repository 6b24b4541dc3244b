/* lint — authoring warnings: what a scenario allows but its author very likely did not
 * mean. The loader (scenario_load) already warns about single values (a chance of 0, a
 * window after the calendar, a quota above all the deals together, every affinity 0);
 * lint looks at the loaded scenario as a whole:
 *
 * - a prospect no channel can win a meeting with (reach, response or affinity 0 on every
 *   channel it could be touched on), unless it starts engaged or in a meeting, or a
 *   referral can warm it up;
 * - an event that can never change anything: a budget freeze, a departing champion or a
 *   competitor on a prospect that can never become an opportunity, a competitor when
 *   competitor_penalty is 0, a referral to an account that is already an opportunity;
 * - a channel that is always dominated: another channel (the phone aside, which plays by
 *   its own rules) is at least as good on every figure and every prospect's affinity,
 *   and costs no more time, energy or money;
 * - a quota that even the best of LINT_QUOTA_RUNS simulated sales2 games does not reach;
 * - (opt-in, LintOptions.lesson_runs) a scenario that does not teach the lesson, by
 *   balance_check over a few hundred games per strategy: one warning per failed check,
 *   with the figure measured and the bound it must meet.
 *
 * Every warning is a DIAG_WARNING with the line, column and JSON pointer of the value it
 * is about. Nothing to free: diagnostics go into the caller's DiagList. */
#ifndef UPFRONT_LINT_H
#define UPFRONT_LINT_H

#include <stddef.h>
#include <stdint.h>

#include "upfront/diag.h"
#include "upfront/scenario.h"

#define LINT_QUOTA_RUNS 200  /* sales2 games behind the reachable-quota warning */
#define LINT_LESSON_RUNS 300 /* games per strategy behind the lesson warnings (validate --lesson) */
#define LINT_SEED 1

typedef struct LintOptions {
    int quota_runs;  /* sales2 games for the quota check; 0 skips it */
    int lesson_runs; /* games per strategy for the lesson check; 0 skips it */
    uint64_t seed;   /* seed of both simulations */
    int threads;     /* threads for the lesson check; 0 = one per core */
    struct BalanceReport *lesson_report; /* when not NULL and the lesson check runs, receives
                                            every figure it judged (caller-owned) */
} LintOptions;

/* The options validate uses by default: the quota check on (LINT_QUOTA_RUNS games), the
 * lesson check off, seed LINT_SEED. */
LintOptions lint_defaults(void);

/* Adds a warning to diags for each likely mistake in s. buf[0..len) must be the bytes s
 * was loaded from (for positions; NULL gives warnings without a position). opts may be
 * NULL (lint_defaults()). Returns the number of warnings added, or -1 when out of memory
 * or a simulation failed (the warnings found so far stay in diags). */
int lint_scenario(const Scenario *s, const char *buf, size_t len, const LintOptions *opts,
                  DiagList *diags);

#endif
