/* scenario — a scenario loaded from JSON, validated, and copied into plain structs.
 * scenario_load returns a Scenario the caller frees with scenario_free; every pointer
 * that an accessor returns is borrowed from the Scenario and lives as long as it does.
 *
 * Units: rates are stored in basis points (1% = 100 bp) from JSON percentages;
 * multipliers in percent (JSON 2.5 -> 250); money in whole currency units;
 * time in minutes; energy in points. The JSON keys are in docs/scenario-format.md. */
#ifndef UPFRONT_SCENARIO_H
#define UPFRONT_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "upfront/diag.h"
#include "upfront/types.h"

#define SCENARIO_FORMAT 1
#define SCENARIO_MAX_BYTES (4u * 1024u * 1024u) /* larger files are rejected */
#define SCENARIO_MAX_DEPTH 32                   /* deeper nesting is rejected */
#define SCENARIO_MAX_PROSPECTS 64
#define SCENARIO_MAX_STEPS 12
#define SCENARIO_MAX_EVENTS 64
#define SCENARIO_MAX_INSIGHTS 12
#define SCENARIO_MAX_REQUIRES 4
#define SCENARIO_MAX_COMPETITORS 6
#define SCENARIO_DEFAULT_FIT 50                 /* "fit" when a prospect leaves it out */

typedef struct Cost {
    int minutes; /* "minutes": 0..600, a multiple of 15 */
    int energy;  /* "energy": 0..100 */
    int money;   /* "cost": 0..100000 */
} Cost;

/* "calendar": {"weeks", "days_per_week", "hours_per_day"} */
typedef struct Calendar {
    int weeks;         /* 1..26 */
    int days_per_week; /* 1..7 */
    int hours_per_day; /* 1..16 */
} Calendar;

/* "energy" */
typedef struct EnergyRules {
    int daily;             /* "daily": pool at the start of the game, 10..1000 */
    int recovery;          /* "recovery": points restored overnight */
    int overwork_recovery; /* "overwork_recovery": restored instead when the day ended exhausted (0 energy) */
    int tired_below;       /* "tired_below": under this much energy the trainee is tired */
    int tired_quality;     /* "tired_quality": % quality of work while tired, 10..100 */
} EnergyRules;

/* "prepare": {"company", "person", "industry", "trigger", "value_proposition"} */
typedef struct PrepareAction {
    Cost cost;
    int prep; /* "prep": preparation points (0..100) this adds to the prospect */
} PrepareAction;

/* "channels": {"phone": {...}, ... } — all seven are required. */
typedef struct ChannelRules {
    Cost cost;
    int delay_days;          /* "delay_days": days before the touch arrives, 0..10 */
    int reach_bp;            /* "reach": % chance a touch gets through (phone: per dial) */
    int reach_cap_bp;        /* "reach_cap": % ceiling on reach after preparation and attention */
    int response_bp;         /* "response": % chance a touch that gets through earns a positive reply
                                (phone: a conversation that books a meeting) */
    int response_cap_bp;     /* "response_cap": % ceiling on response */
    int attention;           /* "attention": attention points a touch that gets through adds, 0..100 */
    int fatigue_pct;         /* "fatigue": % of response lost per earlier touch on this channel */
    int prep_multiplier_pct; /* "prep_multiplier": full preparation multiplies reach and response, 1.0..4.0 */
    int attempts;            /* "attempts": dials per phone touch, 1..10 (optional, default 1) */
} ChannelRules;

/* "progress": [ {...}, ... ] — the steps that move an opportunity towards closure. */
typedef struct ProgressStep {
    const char *id;   /* "id": [a-z0-9_-], unique */
    const char *name; /* "name": shown to the trainee */
    Cost cost;
    int readiness;           /* "readiness": buyer readiness a successful step adds, 0..100 */
    int success_bp;          /* "success": % chance an unprepared step succeeds */
    int prep_multiplier_pct; /* "prep_multiplier": full preparation multiplies success, 1.0..4.0 */
    int stall_bp;            /* "stall": % chance a failed step ends the deal in no decision */
    int requires[SCENARIO_MAX_REQUIRES]; /* "requires": ids of earlier steps, as indices */
    int require_count;
} ProgressStep;

/* "close": {"ask", "pressure", "contract"} costs. */
typedef struct CloseRules {
    Cost cost[CLOSE_COUNT];
} CloseRules;

typedef enum InsightKind { INSIGHT_PAIN, INSIGHT_INTEREST } InsightKind;

/* prospects[].insights[]: what research on one topic reveals. */
typedef struct Insight {
    Research topic;   /* "topic": company | person | industry | trigger */
    InsightKind kind; /* "kind": pain | interest */
    const char *text; /* "text" */
} Insight;

typedef enum ProspectStatus {
    STATUS_COLD,     /* not yet engaged */
    STATUS_ENGAGED,  /* replied; a call now is a warm call */
    STATUS_MEETING,  /* an opportunity: progress steps are open */
    STATUS_WON,
    STATUS_LOST,
    STATUS_NO_DECISION,
    STATUS_BURNED,   /* refuses all contact */
    STATUS_COUNT
} ProspectStatus;

/* "prospects": [ {...}, ... ] */
typedef struct Prospect {
    const char *id;       /* "id": [a-z0-9_-], unique */
    const char *company;  /* "company" */
    const char *contact;  /* "contact" */
    const char *title;    /* "title" */
    Seniority seniority;  /* "seniority": staff | manager | director | vp | clevel */
    const char *industry; /* "industry" */
    int64_t deal_value;   /* "deal_value": 1..1e9 */
    int importance;       /* "importance": 1 (small) .. 3 (key account) */
    int inbox_noise;      /* "inbox_noise": 0..100, how crowded their inbox and desk are */
    int affinity_pct[CHANNEL_COUNT]; /* "affinity": {"phone": 1.2, ...}, 0.0..2.0, default 1.0 */
    int cycle_days;       /* "cycle_days": days from first meeting before they can sign, 0..180 */
    int fit;              /* "fit": 0..100, how well the offer fits their needs (default 50);
                             revealed by the first research on the account */
    const char *competitors[SCENARIO_MAX_COMPETITORS]; /* "competitors": ["..."] */
    int competitor_count;
    Insight insights[SCENARIO_MAX_INSIGHTS]; /* "insights" */
    int insight_count;
    /* "start" (optional): where the account stands on day 1 */
    ProspectStatus start_status; /* "status": cold | engaged | meeting (default cold) */
    int start_attention;         /* "attention": 0..100 */
    int start_readiness;         /* "readiness": 0..100 */
    int start_prep;              /* "prep": 0..100 */
} Prospect;

typedef enum EventKind {
    EVENT_BUDGET_FREEZE,     /* the prospect can't progress or close for "days" days */
    EVENT_CHAMPION_LEAVES,   /* readiness and attention halve */
    EVENT_COMPETITOR_ENTERS, /* closes get harder unless a business case or references were done */
    EVENT_REFERRAL,          /* a warm introduction: attention rises and a cold prospect becomes engaged */
    EVENT_NEWS,              /* only a message (e.g. a trigger event worth researching) */
    EVENT_KIND_COUNT
} EventKind;

/* "events": [ {...}, ... ] — either scheduled ("day") or random ("chance" per day in a window). */
typedef struct ScenarioEvent {
    const char *id;   /* "id" */
    EventKind kind;   /* "kind": budget_freeze | champion_leaves | competitor_enters | referral | news */
    int prospect;     /* "prospect": a prospect id, as an index; -1 when absent (news only) */
    int day;          /* "day": 1-based day it fires; 0 when random */
    int chance_bp;    /* "chance": % per day (random events) */
    int from_day;     /* "from_day": first day a random event may fire (default 1) */
    int to_day;       /* "to_day": last day (default: the last day of the calendar) */
    int days;         /* "days": duration of a budget freeze (default 5) */
    const char *text; /* "text": the inbox message */
} ScenarioEvent;

/* "rules" (optional, every key defaults): the shared odds of the game. */
typedef struct GameRules {
    int generic_below;         /* "generic_below": preparation under this makes a touch generic (30) */
    int generic_exec_burn_bp;  /* "generic_exec_burn": % a generic call that reaches an executive burns them (25) */
    int reply_engages_bp;      /* "reply_meeting": % of positive replies that book a meeting at once; the rest engage (50) */
    int warm_connect_bp;       /* "warm_connect": % a call to an engaged prospect connects (80) */
    int warm_meeting_bp;       /* "warm_meeting": % a connected warm call books a meeting (60) */
    int attention_decay;       /* "attention_decay": attention lost per day (1) */
    int over_touch;            /* "over_touch": touches past this add no attention (8) */
    int stall_days;            /* "stall_days": days without progress before a deal may stall (8) */
    int stall_chance_bp;       /* "stall_chance": % per day a neglected deal ends in no decision (10) */
    int buyer_ready;           /* "buyer_ready": readiness at which the buyer may ask to sign (75) */
    int buyer_ask_bp;          /* "buyer_ask": % per day a ready buyer asks for the contract (40) */
    int contract_win_bp;       /* "contract_win": % a requested contract is signed (85) */
    int ask_win_bp;            /* "ask_win": % asking a ready buyer wins; scaled down by readiness (60) */
    int pressure_win_bp;       /* "pressure_win": % closing tricks win on top of readiness/4 (10) */
    int pressure_loss_bp;      /* "pressure_loss": % a failed pressure close loses the deal (40) */
    int pressure_discount_pct; /* "pressure_discount": % discount a pressure win costs (15) */
    int competitor_penalty_pct;/* "competitor_penalty": % off win chances when a competitor entered (25) */
} GameRules;

/* "scoring" (optional): weights of the score and the two reference curves. */
typedef struct ScoringRules {
    int results_weight;    /* "weights.results": points at 100% of quota (500) */
    int process_weight;    /* "weights.process" (300) */
    int efficiency_weight; /* "weights.efficiency" (200) */
    int penalty_generic_exec; /* "weights.generic_exec_call": points lost per executive called generically (5) */
    int penalty_burned;       /* "weights.burned": per burned prospect (10) */
    int penalty_pressure_loss;/* "weights.pressure_loss": per deal lost to pressure (5) */
    int curve_sales1[STAGE_COUNT]; /* "curves.sales1": {"prepare": 5, ...} % of effort, sum 100 */
    int curve_sales2[STAGE_COUNT]; /* "curves.sales2" */
} ScoringRules;

typedef struct Scenario Scenario;

/* Parses and validates a scenario from buf[0..len). file names it in diagnostics only.
 * On success returns the Scenario (warnings, if any, are added to diags); on failure
 * returns NULL with every problem found added to diags. diags may not be NULL. */
Scenario *scenario_load(const char *buf, size_t len, const char *file, DiagList *diags);

/* Reads a file and loads it. An unreadable or oversized file adds one diagnostic at line 0
 * and sets *unreadable to 1 (exit code 2 territory); may be NULL. */
Scenario *scenario_load_file(const char *path, DiagList *diags, int *unreadable);

/* Frees the scenario and all it owns; NULL is fine. */
void scenario_free(Scenario *s);

const char *scenario_id(const Scenario *s);
const char *scenario_title(const Scenario *s);
const char *scenario_summary(const Scenario *s);
int scenario_difficulty(const Scenario *s);    /* "difficulty": 1..5 */
const char *scenario_currency(const Scenario *s); /* "currency": e.g. "USD" (default "USD") */
/* FNV-1a 64-bit hash of the exact bytes loaded, as 16 lower-case hex digits. */
const char *scenario_hash(const Scenario *s);

const Calendar *scenario_calendar(const Scenario *s);
int scenario_day_count(const Scenario *s); /* weeks * days_per_week */
const EnergyRules *scenario_energy(const Scenario *s);
int64_t scenario_budget(const Scenario *s);  /* "budget": 0..1e9 */
int64_t scenario_quota(const Scenario *s);   /* "quota": 1..1e12 */
const PrepareAction *scenario_research(const Scenario *s, Research r);
const PrepareAction *scenario_value_proposition(const Scenario *s);
const ChannelRules *scenario_channel(const Scenario *s, Channel c);
const CloseRules *scenario_close(const Scenario *s);
const GameRules *scenario_rules(const Scenario *s);
const ScoringRules *scenario_scoring(const Scenario *s);

int scenario_prospect_count(const Scenario *s);
const Prospect *scenario_prospect(const Scenario *s, int i);
/* Index of the prospect with this id, or -1. */
int scenario_prospect_index(const Scenario *s, const char *id);

int scenario_step_count(const Scenario *s);
const ProgressStep *scenario_step(const Scenario *s, int i);
int scenario_step_index(const Scenario *s, const char *id);

int scenario_event_count(const Scenario *s);
const ScenarioEvent *scenario_event(const Scenario *s, int i);

#endif
