/* report — the class report of a workshop: the verified games of many trainees, grouped
 * by scenario, ranked, and summed up (effort curve against the reference curves, score
 * distribution and components, channel use, commonest mistakes), written as text, CSV
 * (RFC 4180) or one self-contained HTML page. report_new returns a Report the caller
 * frees with report_free; report_add copies what it needs from the game, which it does
 * not keep. Every writer returns a NUL-terminated string the caller frees with free(). */
#ifndef UPFRONT_REPORT_H
#define UPFRONT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "upfront/game.h"
#include "upfront/results.h"
#include "upfront/score.h"
#include "upfront/whatif.h"

#define REPORT_MAX_TRAINEES 100000

/* The mistakes the report counts across the class. */
typedef enum ReportMistake {
    MISTAKE_GENERIC_EXEC,   /* generic (unprepared) calls to executives */
    MISTAKE_UNRESEARCHED,   /* accounts touched before any research on them */
    MISTAKE_BURNED,         /* prospects who refused further contact */
    MISTAKE_PRESSURE,       /* closing tricks tried on a buyer */
    MISTAKE_PRESSURE_LOSS,  /* deals lost to closing pressure */
    MISTAKE_NO_DECISION,    /* opportunities that stalled into no decision */
    MISTAKE_ONE_CHANNEL,    /* accounts worked on a single channel */
    MISTAKE_OVERWORKED,     /* days that ended exhausted */
    MISTAKE_BACKLOADED,     /* an effort curve nearer Sales 1.0 than Sales 2.0 (count 1) */
    MISTAKE_COUNT
} ReportMistake;

/* Stable CSV/HTML name ("generic_exec_calls"), a label for people, and a debrief hint. */
const char *report_mistake_name(ReportMistake m);
const char *report_mistake_label(ReportMistake m);
const char *report_mistake_hint(ReportMistake m);

/* One verified game: the score card of the replayed game and what the report counts. */
typedef struct ReportTrainee {
    char *player;    /* owned by the Report; "" when the file named nobody */
    char *player_key;/* owned: the name compared (case and spaces folded, report_player_key) */
    char *file;      /* owned by the Report */
    int64_t started; /* when the game started (Unix time) */
    int finished;    /* 0: the game was not played to its end */
    PlayedBy played_by;  /* as recorded in the file */
    char strategy[RESULTS_MAX_STRATEGY_NAME + 1];
    int strategy_weeks;
    int same_as;     /* index of the built-in strategy whose game on this seed it is, or -1 */
    int like_weeks;  /* else: weeks 1..N are the same as strategy like_strategy's (0: none) */
    int like_strategy;
    char flags[200]; /* why it is not ranked ("unfinished; off-seed"), "" when ranked */
    int rewound_day; /* > 0: practice, rewound to the start of that day (never ranked) */
    /* the turning point: the day whose own actions lost the most against Sales 2.0 taking
     * over (whatif.h); turn.day 0 when none */
    WhatIfTurn turn;
    char turn_sentence[320];
    uint64_t seed;
    uint64_t state_hash;
    ScoreCard card;
    int64_t par;       /* the sales2 strategy's score on this scenario and seed (sim_par) */
    int64_t max_score; /* the most points a game of this scenario can score (score_max) */
    int rank;        /* 1-based within its group; equal scores share a rank; 0: not ranked */
    int touches[CHANNEL_COUNT];
    int touches_total;
    int mistakes[MISTAKE_COUNT];
} ReportTrainee;

/* The summary of one group (one scenario). Shares and means are plain doubles. */
typedef struct ReportSummary {
    int trainees;                    /* ranked games: one per trainee (the summary's base) */
    int not_ranked;                  /* games shown but not ranked (flags) */
    uint64_t class_seed;             /* the seed the class played (report_finish) */
    int seed_tie;                    /* 1 when another seed was as common (no --seed) */
    int seeds;                       /* distinct seeds in the group (1 in a fair class) */
    double effort_share[STAGE_COUNT];/* class mean share of time per stage, 0..1 */
    int curve_sales1[STAGE_COUNT];   /* the scenario's reference curves, % of effort */
    int curve_sales2[STAGE_COUNT];
    double frontload_mean;           /* mean front-loading, 0..100 */
    double score_min, score_p25, score_median, score_p75, score_max, score_mean;
    int64_t max_possible;            /* score_max of the scenario: the most points a game can score */
    int64_t par;                     /* par of the seed when the group has one seed, else -1 */
    double points_mean[SCORE_COMPONENT_COUNT]; /* penalties as a positive number */
    double floor_mean;               /* the mean of what the floor at 0 added to scores */
    double attainment_mean_pct;
    double buyer_initiated_share;    /* share of won deals the buyer asked to sign, 0..1 */
    int deals_won;
    int touches[CHANNEL_COUNT];      /* the class's touches per channel */
    int touches_total;
    int channel_users[CHANNEL_COUNT];/* trainees who used each channel */
    int mistake_trainees[MISTAKE_COUNT]; /* trainees who made the mistake at least once */
    int mistake_total[MISTAKE_COUNT];
    ReportMistake mistake_order[MISTAKE_COUNT]; /* commonest first (trainees, then total) */
} ReportSummary;

typedef struct Report Report;

/* An empty report; NULL when out of memory. */
Report *report_new(void);
void report_free(Report *r);

/* The facts of a results file beside its game. */
typedef struct ReportGame {
    const char *player;
    const char *file;
    int64_t started;
    PlayedBy played_by;
    const char *strategy;   /* PLAYED_BY_STRATEGY, _ASSISTED */
    int strategy_weeks;     /* PLAYED_BY_ASSISTED */
    int rewound_day;        /* > 0: rewound to the start of that day: practice, flagged
                               "rewound:day D" and never ranked */
} ReportGame;

/* As report_add, with the file's facts: who played it and when it started. The game is
 * also compared with each built-in strategy's game on its seed (same_as, like_weeks). */
int report_add_game(Report *r, const Game *g, const ReportGame *info, const char **duplicate_of);

typedef enum ReportAttempts {
    REPORT_ATTEMPTS_BEST,  /* a player's best game is ranked, the others are attempts */
    REPORT_ATTEMPTS_FIRST, /* the first game they started */
    REPORT_ATTEMPTS_ALL    /* every game, each as a trainee */
} ReportAttempts;

typedef struct ReportOptions {
    int has_seed;            /* 0: each scenario's most common seed among people's games */
    uint64_t seed;
    ReportAttempts attempts;
    int turns_later;         /* 1: leave the turning points to report_turning_points (the
                                live dashboard, which does not show them, ranks often) */
} ReportOptions;

/* Decides which games are ranked: a game is shown but not ranked, with its flags, when it
 * is unfinished, played (wholly or in part) by a strategy or the same as a strategy's
 * game, on another seed than the class's, or a player's other attempt. Ranks the rest,
 * and works out the turning points (unless o->turns_later). Call after the last
 * report_add, before the writers; o may be NULL (best, most common). */
void report_finish(Report *r, const ReportOptions *o);

/* Works out the turning point of every game added since it was last called: a what-if
 * curve a game (whatif.h; about 2 ms for a 30-day quarter), replayed from the game's
 * actions kept at report_add. The writers show the turning points worked out. The
 * scenarios of the games added must still be alive. */
void report_turning_points(Report *r);

/* The name as the report compares names: spaces trimmed and collapsed, case folded (ASCII,
 * Latin-1, Latin Extended-A, Greek, Cyrillic), written to out (cap bytes). */
void report_player_key(const char *name, char *out, size_t cap);

/* Adds a verified, replayed game, with its seed's par (sim_par, played once per distinct
 * scenario and seed) and the scenario's maximum score. Returns 0 when added; 1 when the same game of the same
 * player is already in (a copy of a file: not added, *duplicate_of names the first file,
 * borrowed); -1 when out of memory, par could not be played or the report is full. */
int report_add(Report *r, const Game *g, const char *player, const char *file,
               const char **duplicate_of);
/* Records a file that failed verification (named in the HTML). Returns 0 or -1 (memory). */
int report_reject(Report *r, const char *file);
/* As report_reject, with why it was left out (copied; NULL: it failed verification), e.g.
 * "made by an older model (upfront 0.1.0): replay it with upfront 0.1.0". */
int report_reject_why(Report *r, const char *file, const char *why);

/* Groups, one per scenario (id and content hash), ordered by scenario id then hash. */
int report_group_count(const Report *r);
const char *report_group_scenario_id(const Report *r, int group);
const char *report_group_scenario_title(const Report *r, int group);
const char *report_group_currency(const Report *r, int group);
/* Games of a group: the ranked ones best first (score, then player, then file), then
 * the ones not ranked. NULL when out of range. */
int report_trainee_count(const Report *r, int group);
int report_ranked_count(const Report *r, int group);
const ReportTrainee *report_trainee(const Report *r, int group, int i);
/* Fills the group's summary (all zeros for an empty or unknown group). */
void report_summary(const Report *r, int group, ReportSummary *out);
int report_rejected_count(const Report *r);
const char *report_rejected(const Report *r, int i);
/* Why the i-th rejected file was left out; NULL when it failed verification. */
const char *report_rejected_why(const Report *r, int i);

/* The leaderboard and class summary as plain text for a terminal; NULL when out of memory. */
char *report_text(const Report *r);
/* One header line and one row
 * per game (ranked or not: "rank" is empty and "flags" says why), every score component
 * (penalties negative, "floor" what the floor at 0 added: they sum to "score") and
 * figure, CRLF line ends and RFC 4180 quoting; NULL when out of memory. (report --csv FILE puts a UTF-8 byte
 * order mark before it, so that spreadsheets read the accents.) */
char *report_csv(const Report *r);
/* One self-contained HTML page (inline CSS and SVG, nothing loaded from outside) with a
 * section per group; NULL when out of memory. */
char *report_html(const Report *r);

#endif
