/* score — the explained score of a game: components, sentences and the effort ledger.
 * score_compute fills a caller-owned ScoreCard; nothing to free. */
#ifndef UPFRONT_SCORE_H
#define UPFRONT_SCORE_H

#include <stdint.h>

#include "upfront/game.h"

typedef enum ScoreComponent {
    SCORE_RESULTS,    /* revenue against quota, deals won */
    SCORE_PROCESS,    /* front-loading, personalisation, campaign breadth */
    SCORE_EFFICIENCY, /* closing effort per won deal, energy management */
    SCORE_PENALTIES,  /* generic executive calls, burned prospects, deals lost to pressure */
    SCORE_COMPONENT_COUNT
} ScoreComponent;

typedef struct ScoreCard {
    int64_t total;                          /* never negative */
    int64_t points[SCORE_COMPONENT_COUNT];  /* penalties as a positive number subtracted */
    char sentence[SCORE_COMPONENT_COUNT][240];

    /* the figures behind the points */
    int64_t revenue;
    int64_t quota;
    int attainment_bp;      /* revenue / quota in basis points */
    int deals_won;
    int deals_lost;
    int deals_no_decision;
    int buyer_initiated;    /* won deals where the buyer asked to sign */
    int frontload_pct;      /* 0 = the Sales 1.0 curve, 100 = the Sales 2.0 curve */
    int personalisation_pct;/* mean personalisation of touches */
    int breadth_pct;        /* channel variety of the campaigns */
    int close_minutes_per_win;
    int overworked_days;
    int generic_exec_calls;
    int generic_exec_accounts; /* executives a generic call reached (the penalty counts these) */
    int burned;
    int lost_to_pressure;
    int effort_share_bp[STAGE_COUNT]; /* share of time per stage, sums to 10000 (all 0 if no effort) */
    int time_used_bp;       /* share of the period's hours spent on actions */
} ScoreCard;

/* Stable JSON names: "results", "process", "efficiency", "penalties". */
const char *score_component_name(ScoreComponent c);
const char *score_component_label(ScoreComponent c);

/* Attainment past which revenue earns no more points (150%). */
#define SCORE_MAX_ATTAINMENT_BP 15000

/* Where an effort curve (shares per stage in basis points) sits between the scenario's
 * reference curves: its projection onto the line from Sales 1.0 (0) to Sales 2.0 (100),
 * clamped to 0..100; 0 when there is no effort at all. */
int score_frontload_pct(const ScoringRules *w, const int share_bp[STAGE_COUNT]);

/* The most points a game of this scenario can score (150% of quota, full process and
 * efficiency, no penalties). */
int64_t score_max(const Scenario *sc);

/* Writes money as "1,234,567 USD" (thousands separated, the currency after) into buf. */
void score_format_money(char *buf, size_t size, int64_t v, const char *currency);

/* Scores the game as it stands (final once game_over). */
void score_compute(const Game *g, ScoreCard *out);

#endif
