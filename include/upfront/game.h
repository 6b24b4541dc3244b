/* game — one play-through of a scenario: the state, the one function that changes it
 * (game_apply), and the events it reports. game_new returns a Game the caller frees
 * with game_free; the Game borrows its Scenario, which must outlive it. Every pointer an
 * accessor returns is borrowed from the Game and valid until the next game_apply. */
#ifndef UPFRONT_GAME_H
#define UPFRONT_GAME_H

#include <stddef.h>
#include <stdint.h>

#include "upfront/scenario.h"
#include "upfront/types.h"

typedef enum ActionKind {
    ACTION_RESEARCH, /* arg: Research topic */
    ACTION_CRAFT,    /* craft a value proposition; arg unused (0) */
    ACTION_TOUCH,    /* arg: Channel */
    ACTION_PROGRESS, /* arg: progress step index */
    ACTION_CLOSE,    /* arg: CloseTechnique */
    ACTION_END_DAY,  /* prospect and arg unused (-1, 0) */
    ACTION_KIND_COUNT
} ActionKind;

/* An action value: everything that changes a game is one of these. */
typedef struct Action {
    ActionKind kind;
    int prospect; /* index into the scenario's prospects; -1 for END_DAY */
    int arg;
} Action;

/* Why an action can't be taken now. */
typedef enum ActionError {
    ACTION_OK,
    ACTION_ERR_GAME_OVER,
    ACTION_ERR_BAD_ACTION,   /* kind, prospect or arg out of range */
    ACTION_ERR_NO_TIME,      /* not enough hours left today */
    ACTION_ERR_NO_BUDGET,    /* not enough campaign budget */
    ACTION_ERR_CLOSED,       /* the prospect is won, lost, no decision or burned */
    ACTION_ERR_DONE,         /* that research or step is already done */
    ACTION_ERR_NEEDS_RESEARCH, /* a value proposition needs research first */
    ACTION_ERR_NO_MEETING,   /* progress and close need an opportunity (a meeting) */
    ACTION_ERR_NEEDS_STEP,   /* a required earlier step is missing */
    ACTION_ERR_FROZEN,       /* budget freeze in force */
    ACTION_ERR_NOT_ASKED,    /* the contract can only be sent when the buyer asked */
    ACTION_ERR_IN_PLAY,      /* touches are for cold or engaged prospects, not opportunities */
    ACTION_ERR_NO_MEMORY,
    ACTION_ERR_COUNT
} ActionError;

/* One-sentence message for an ActionError. */
const char *action_error_message(ActionError e);
/* Stage an action's effort counts towards (END_DAY: STAGE_COUNT). */
Stage action_stage(ActionKind kind);
/* Stable JSON name of an action kind ("research", "craft", "touch", "progress", "close", "end_day"). */
const char *action_kind_name(ActionKind kind);
int action_kind_from_name(const char *name);

typedef enum GameEventKind {
    GEV_DAY_START,      /* a new day; value = day (1-based) */
    GEV_RESEARCH_DONE,  /* value = topic */
    GEV_INSIGHT,        /* research revealed an insight; value = insight index */
    GEV_VALUE_PROP,     /* value proposition crafted */
    GEV_TOUCH_SENT,     /* value = channel; arrives later */
    GEV_NO_ANSWER,      /* a touch did not get through; value = channel */
    GEV_CONVERSATION,   /* a call connected but booked nothing; value = channel */
    GEV_REPLY,          /* a positive reply: the prospect is engaged; value = channel */
    GEV_MEETING_BOOKED, /* value = channel */
    GEV_BURNED,         /* the prospect refuses further contact; value = channel */
    GEV_STEP_DONE,      /* value = step index */
    GEV_STEP_FAILED,    /* value = step index */
    GEV_BUYER_ASKS,     /* the buyer asks for the contract */
    GEV_WON,            /* value = revenue */
    GEV_LOST,           /* value = 1 when lost to pressure */
    GEV_NO_DECISION,
    GEV_SCENARIO_EVENT, /* value = scenario event index */
    GEV_TIRED,          /* energy fell under the tired line */
    GEV_GAME_OVER,
    GEV_KIND_COUNT
} GameEventKind;

/* Something that happened; the inbox and every screen read these. */
typedef struct GameEvent {
    GameEventKind kind;
    int day;        /* 1-based day it happened */
    int prospect;   /* -1 when about no prospect */
    int64_t value;  /* meaning depends on kind */
    char text[200]; /* one sentence for the inbox */
} GameEvent;

/* A touch in a prospect's timeline. */
typedef enum TouchOutcome {
    TOUCH_PENDING,   /* sent, not yet arrived */
    TOUCH_MISSED,    /* did not get through */
    TOUCH_SEEN,      /* got through, no reply */
    TOUCH_REPLY,
    TOUCH_MEETING,
    TOUCH_BURNED,
    TOUCH_OUTCOME_COUNT
} TouchOutcome;

typedef struct Touch {
    int day;             /* day sent */
    int arrive_day;      /* day it arrives (phone: the same day) */
    Channel channel;
    int personalisation; /* 0..100 */
    TouchOutcome outcome;
} Touch;

/* The live state of one prospect. */
typedef struct ProspectState {
    ProspectStatus status;
    int prep;            /* 0..100: how well prepared every touch and meeting is */
    unsigned researched; /* bit r set when Research r is done */
    int value_prop;      /* 1 when crafted */
    int attention;       /* 0..100 */
    int readiness;       /* 0..100 */
    unsigned steps_done; /* bit i set when progress step i succeeded */
    unsigned steps_tried;/* bit i set once progress step i was tried */
    int meetings_held;   /* progress steps taken, successful or not */
    int touches;         /* touches sent */
    unsigned channels_used; /* bit c set per Channel used */
    int first_meeting_day;  /* 0 until a meeting is booked */
    int last_progress_day;
    int frozen_until;    /* day after which a freeze ends; 0 when none */
    int buyer_asked;     /* 1 when the buyer asked for the contract */
    int competitor;      /* 1 when a competitor entered */
    int generic_exec_calls;  /* generic calls to this executive while cold (dials) */
    int generic_exec_pitched;/* 1 once a generic call reached this executive (the penalty) */
    int pressure_closes;
    int closed_day;
    int64_t revenue;     /* won revenue, after any discount */
    int buyer_initiated; /* 1 when won by a contract the buyer asked for */
    int lost_to_pressure;
    int fit_known;       /* 1 once research has revealed the account's fit */
} ProspectState;

typedef struct Game Game;

/* Starts a game on day 1 with a seed. Returns NULL when out of memory. */
Game *game_new(const Scenario *scenario, uint64_t seed);
void game_free(Game *g);
/* Deep copy (for look-ahead and tests); NULL when out of memory. */
Game *game_clone(const Game *g);

/* Checks whether an action can be taken now, changing nothing. */
ActionError game_check(const Game *g, const Action *a);
/* Applies an action: the one way game state changes. Returns ACTION_OK, or the reason it
 * was refused (state untouched). ACTION_OK appends the action to the log. */
ActionError game_apply(Game *g, const Action *a);

/* Cost an action would take now (time, energy, money), for display before acting. */
Cost game_action_cost(const Game *g, const Action *a);
/* Chance in basis points that the action's main uncertain outcome succeeds right now
 * (a touch getting a reply/meeting, a step succeeding, a close winning); -1 when none. */
int game_action_odds_bp(const Game *g, const Action *a);

/* Chance in basis points that a touch sent now gets through to the person (a phone touch:
 * any of its dials); -1 when the action is not a legal touch. */
int game_touch_reach_bp(const Game *g, const Action *a);
/* Both chances of a touch at once (reach, and game_action_odds_bp's positive response):
 * ACTION_OK and the two figures, or why the touch can't be sent (figures untouched). */
ActionError game_touch_chances(const Game *g, const Action *a, int *reach_out, int *odds_out);

/* Fills out[0..cap) with every action legal now (END_DAY last); returns how many. */
int game_legal_actions(const Game *g, Action *out, int cap);

const Scenario *game_scenario(const Game *g);
uint64_t game_seed(const Game *g);
int game_over(const Game *g);
int game_day(const Game *g);            /* 1-based; day_count + 1 once over */
int game_week(const Game *g);           /* 1-based */
int game_minutes_left(const Game *g);   /* today */
int game_energy(const Game *g);
int64_t game_budget_left(const Game *g);
int64_t game_revenue(const Game *g);
int game_deals_won(const Game *g);
int game_tired(const Game *g);          /* 1 when under the tired line */
int game_overworked_days(const Game *g);/* days that ended exhausted */
const ProspectState *game_prospect(const Game *g, int i);
int game_touch_count(const Game *g, int prospect);
const Touch *game_touch(const Game *g, int prospect, int i);

/* Effort ledger: minutes and energy spent per stage, in total and per week (0-based). */
int game_effort_minutes(const Game *g, Stage s);
int game_effort_energy(const Game *g, Stage s);
int game_effort_week_minutes(const Game *g, int week, Stage s);
/* Minutes of the whole selling period (days x hours per day), and the share of them spent
 * on actions so far, in basis points (unused time is never effort). */
int game_total_minutes(const Game *g);
int game_time_used_bp(const Game *g);

/* Whether events carry their sentence (the default, 1). Simulations that never show the
 * inbox turn it off: events keep their kind, day, prospect and value, with an empty text. */
void game_set_event_text(Game *g, int on);

/* The append-only event log (the inbox reads it); i from 0. */
int game_event_count(const Game *g);
const GameEvent *game_event(const Game *g, int i);

/* The action log: every action applied, in order. */
int game_action_count(const Game *g);
const Action *game_action(const Game *g, int i);
/* Day each logged action was taken on. */
int game_action_day(const Game *g, int i);

/* FNV-1a 64 hash of the state that decides the rest of the game: the RNG, the calendar,
 * time, energy and budget, every account and its touches, the effort by stage and the
 * numbers of events and actions (what follows from these, such as which scenario events
 * fired or the effort per week, is left out). */
uint64_t game_state_hash(const Game *g);

#endif
