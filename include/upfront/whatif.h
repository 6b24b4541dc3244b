/* whatif — what a built-in strategy would have made of a game had it taken over at the
 * start of each day: the trainee's own actions before that day are replayed through
 * game_apply, then the strategy plays to the end on its own random stream, seeded as
 * 'upfront run --strategy' seeds it (so a takeover on day 1 is exactly the strategy's own
 * game on that seed). whatif_compute returns a WhatIf the caller frees with whatif_free;
 * every pointer its accessors return is borrowed from it, and whatif_to_json returns a
 * string the caller frees with free(). The WhatIf keeps no pointer to the game. */
#ifndef UPFRONT_WHATIF_H
#define UPFRONT_WHATIF_H

#include <stddef.h>
#include <stdint.h>

#include "upfront/game.h"
#include "upfront/strategy.h"

/* The outcome of one takeover: the strategy took over at the start of day `day`. */
typedef struct WhatIfTakeover {
    int day;          /* 1-based */
    int64_t score;    /* the final score's total */
    int64_t revenue;
    int deals_won;
} WhatIfTakeover;

/* What the trainee did on the turning day, by kind (the class report counts them). */
typedef enum WhatIfCause {
    WHATIF_CAUSE_NONE,            /* no day lost ground to the strategy */
    WHATIF_CAUSE_BURNED,          /* a generic call burned an account that day */
    WHATIF_CAUSE_PRESSURE_LOSS,   /* closing pressure lost a deal that day */
    WHATIF_CAUSE_NO_DECISION,     /* a deal ended in no decision that day */
    WHATIF_CAUSE_GENERIC_EXEC,    /* generic calls to executives that day */
    WHATIF_CAUSE_PRESSURE,        /* closing tricks tried that day */
    WHATIF_CAUSE_GENERIC,         /* generic touches that day */
    WHATIF_CAUSE_IDLE,            /* most of the day's hours left unused */
    WHATIF_CAUSE_LITTLE_RESEARCH, /* few accounts researched by the end of the day */
    WHATIF_CAUSE_OTHER,           /* none of these: the strategy simply chose better */
    WHATIF_CAUSE_COUNT
} WhatIfCause;

/* Stable name ("burned", "generic_exec_calls", ...) and a short label for people. */
const char *whatif_cause_name(WhatIfCause c);
const char *whatif_cause_label(WhatIfCause c);

/* The day where the gap between the takeover and the trainee's own game opened: the day
 * whose own actions lost the most against the takeover (the takeover from that day
 * scores the most over the takeover from the next day; after the last day, the
 * trainee's own score), among the days a takeover would have scored more than the
 * trainee. day 0 when there is none (the strategy beats the trainee from no day). */
typedef struct WhatIfTurn {
    int day;
    int64_t score_gain;   /* the takeover from that day minus the trainee's own score */
    int64_t revenue_gain; /* the same for revenue (may be 0 or negative) */
    int64_t drop;         /* how much less the takeover from the next day scores */
    WhatIfCause cause;
    int count;            /* how many (calls, touches, accounts...) for the cause */
    int of;               /* out of how many, where it says ("2 of 12 accounts") */
    int prospect;         /* the account named, or -1 */
} WhatIfTurn;

typedef struct WhatIf WhatIf;

/* Replays the actions of played (a finished or unfinished game, read only) on a new
 * game of its scenario and seed, and at the start of every day it reached lets the
 * strategy take over on a copy (game_clone) and play to the end. Returns NULL when out
 * of memory, when the replay does not give the played game's state or when the strategy
 * made an illegal move (a bug). The WhatIf copies what it needs: played and its
 * scenario may be freed after the call. */
WhatIf *whatif_compute(const Game *played, const Strategy *st);
void whatif_free(WhatIf *w);

const char *whatif_strategy(const WhatIf *w);   /* the strategy's name */
uint64_t whatif_seed(const WhatIf *w);
int whatif_days(const WhatIf *w);               /* the scenario's days */
int whatif_finished(const WhatIf *w);           /* 1 when the played game was over */
/* The trainee's own final score, revenue and deals. */
int64_t whatif_score(const WhatIf *w);
int64_t whatif_revenue(const WhatIf *w);
int whatif_deals_won(const WhatIf *w);

/* The takeovers, one per day the game reached, in day order (i from 0: day i + 1); NULL
 * when out of range. */
int whatif_count(const WhatIf *w);
const WhatIfTakeover *whatif_takeover(const WhatIf *w, int i);
/* The takeover with the highest score (the earliest of equals), or NULL when none. */
const WhatIfTakeover *whatif_best(const WhatIf *w);

/* The turning day with what the trainee did on it. */
const WhatIfTurn *whatif_turn(const WhatIf *w);
/* One sentence about the turning day, e.g. "From day 6, Sales 2.0 would have closed
 * $55k more (+180 points): that day you made 4 generic calls to executives.", with the
 * scenario's currency and names; currency and names come from scenario s (the played
 * game's). Writes at most cap bytes, always NUL-terminated. */
void whatif_sentence(const WhatIf *w, const Scenario *s, char *out, size_t cap);

/* {"strategy": NAME, "seed": N, "score": N, "takeovers": [{"day": D, "score": N,
 * "revenue": N, "deals_won": N}, ...]} and beside them "scenario", "revenue",
 * "deals_won", "days", "finished" and "turning_point" ({"day", "score_gain",
 * "revenue_gain", "cause", "sentence"}, or null); a newline at the end. NULL when out of
 * memory. */
char *whatif_to_json(const WhatIf *w, const Scenario *s);

/* Rewind: a new game of played's scenario and seed at the start of day `day` (1 ..
 * the day played reached), with played's actions before that day replayed through
 * game_apply, for the trainee to play on from there. Returns a Game the caller frees
 * with game_free, or NULL when day is out of range, out of memory or the replay is
 * refused. */
Game *whatif_rewind(const Game *played, int day);

/* A human name for a strategy in sentences: "Sales 1.0", "Sales 2.0", else the name. */
const char *whatif_strategy_label(const char *name);

#endif
