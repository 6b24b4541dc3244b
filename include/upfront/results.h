/* results — results files (JSON): writing, reading back and replaying.
 * results_to_json returns a string the caller frees with free(); results_read_actions
 * fills a caller-owned ActionLog freed with action_log_free. */
#ifndef UPFRONT_RESULTS_H
#define UPFRONT_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "upfront/diag.h"
#include "upfront/game.h"

#define RESULTS_FORMAT 1
/* The version of the game model (the rules, the strategies and the score) a results file
 * was made with, recorded as "model". A file made by another model cannot be replayed
 * to its recorded score by this program. Files without "model" were made by upfront
 * 0.1.0, model 1. */
#define RESULTS_MODEL 2
#define RESULTS_MAX_BYTES (16u * 1024u * 1024u)
#define RESULTS_MAX_ACTIONS 100000

/* The most characters (code points) a player's name may have. */
#define RESULTS_MAX_PLAYER 64
#define RESULTS_MAX_STRATEGY_NAME 31

/* Who played a game, recorded as "played_by": {"who": "person"}, {"who": "strategy",
 * "strategy": NAME} or {"who": "assisted", "strategy": NAME, "weeks": N} (weeks 1..N
 * played by the strategy, the rest by a person). A file without it was played by a
 * person (or says nothing). */
typedef enum PlayedBy { PLAYED_BY_PERSON, PLAYED_BY_STRATEGY, PLAYED_BY_ASSISTED } PlayedBy;

/* Metadata recorded beside the game. */
typedef struct ResultsMeta {
    const char *player;        /* may be NULL: recorded as ""; cut to RESULTS_MAX_PLAYER */
    const char *scenario_path; /* may be NULL */
    int64_t started;           /* Unix time the game started */
    PlayedBy played_by;        /* PLAYED_BY_PERSON unless set */
    const char *strategy;      /* PLAYED_BY_STRATEGY and _ASSISTED: the strategy's name */
    int strategy_weeks;        /* PLAYED_BY_ASSISTED: weeks 1..N played by the strategy */
    int rewound_day;           /* > 0: a practice game rewound to the start of this day (the
                                  actions before it replayed from an earlier game), recorded
                                  as "rewound": {"day": D}; 0: not rewound */
} ResultsMeta;

/* 0 when name can be a player's name: at most RESULTS_MAX_PLAYER characters (a byte that
 * is not UTF-8 counts as one: it is recorded as U+FFFD), no control, bidirectional-override
 * or invisible characters; otherwise -1 with why in msg. */
int results_check_player(const char *name, char *msg, size_t cap);

/* The name of a new results file, without folder or ".json":
 * "ID-YYYYMMDD-HHMMSS-PLAYER-seedN", the player reduced to at most 32 letters, digits,
 * '-' and '_' ("anonymous" when nothing is left). */
void results_file_stem(char *out, size_t cap, const char *scenario_id, int64_t started,
                       const char *player, uint64_t seed);

/* Serialises a finished or unfinished game (score, effort, deals, action log). Returns a
 * NUL-terminated JSON text ending in a newline, or NULL when out of memory. */
char *results_to_json(const Game *g, const ResultsMeta *meta);

/* A list of actions read from a file, with the recorded facts of a results file. */
typedef struct ActionLog {
    Action *actions;
    int *days;        /* day each action says it was taken on, 0 when not given */
    int count;
    int is_results;   /* 1 when read from a results file */
    uint64_t seed;    /* results file: recorded seed */
    int has_seed;
    char *scenario_id;   /* results file; owned, may be NULL */
    char *scenario_hash; /* results file; owned, may be NULL */
    char *scenario_path; /* results file; owned, may be NULL */
    char *player;        /* results file; owned, may be NULL */
    int64_t started;
    int64_t recorded_total; /* results file: "score.total" */
    int model;           /* results file: "model" (1 when absent: made by upfront 0.1.0) */
    char *program;       /* results file: "program", e.g. "upfront 0.1.0"; owned, may be NULL */
    char *recorded_json;    /* results file: the whole text as read, owned */
    PlayedBy played_by;  /* results file: "played_by" (person when absent) */
    char strategy[RESULTS_MAX_STRATEGY_NAME + 1]; /* its strategy, "" for a person */
    int strategy_weeks;  /* PLAYED_BY_ASSISTED: weeks 1..N */
    int finished;        /* results file: "finished" (0 when absent) */
    int rewound_day;     /* results file: "rewound" {"day": D}, 0 when absent */
} ActionLog;

/* Reads actions from buf: a JSON array of action objects, or a results file (its
 * "actions"). Prospect and step ids are resolved against the scenario. Returns 0, or -1
 * with positioned diagnostics added to diags. */
int results_read_actions(const char *buf, size_t len, const char *file, const Scenario *s,
                         ActionLog *out, DiagList *diags);
/* Reads just the scenario facts of a results file (id, hash, path, seed) without a
 * scenario, to find which scenario to replay against. Returns 0 or -1 with diagnostics. */
int results_read_header(const char *buf, size_t len, const char *file, ActionLog *out,
                        DiagList *diags);

/* A results file parsed once (strictly), to read its facts, then its actions against the
 * scenario those facts name, then to compare its figures with a replay. It borrows buf,
 * which must outlive it; free it with results_doc_free. results_read_header and
 * results_read_actions are a parse and one of these reads. */
typedef struct ResultsDoc ResultsDoc;

/* NULL with positioned diagnostics when buf is not strict JSON (or is over the cap). */
ResultsDoc *results_doc_parse(const char *buf, size_t len, DiagList *diags);
/* As results_read_header and results_read_actions, on a parsed file. */
int results_doc_header(const ResultsDoc *doc, const char *file, ActionLog *out, DiagList *diags);
int results_doc_actions(const ResultsDoc *doc, const char *file, const Scenario *s,
                        ActionLog *out, DiagList *diags);

/* Called for each recorded figure that differs from the replay's: where it is
 * ("score.total", "deals[2].status"), and each side's value as shown to a person ("1250",
 * "\"won\"", "a list of 3"), NULL when that side has none. */
typedef void (*ResultsDiffFn)(void *ctx, const char *where, const char *recorded,
                              const char *replayed);

/* Compares every figure recorded in doc (the format, the scenario's id and hash, the model,
 * the seed, finished, days played, the score and its parts, the effort, the deals, the
 * state hash; not who played, when or where, the score's sentences nor the actions) with
 * what results_to_json writes for g. Calls diff (may be NULL) for each difference and
 * returns how many there are, or -1 when out of memory. */
int results_doc_compare(const ResultsDoc *doc, const Game *g, ResultsDiffFn diff, void *ctx);
void results_doc_free(ResultsDoc *doc);

void action_log_free(ActionLog *log);

/* 0 when a results file read into log was made by this program's model (RESULTS_MODEL);
 * otherwise 1 with the verdict in msg, e.g. "made by an older model (upfront 0.1.0):
 * replay it with upfront 0.1.0" (a replay here would not give its recorded figures). */
int results_model_differs(const ActionLog *log, char *msg, size_t cap);

/* Replays log against a fresh game; returns the game (caller frees) or NULL with a
 * diagnostic naming the first refused action. */
Game *results_replay(const Scenario *s, uint64_t seed, const ActionLog *log, const char *file,
                     DiagList *diags);

#endif
