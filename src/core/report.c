/* report — the class report: trainees grouped by scenario, ranked and summed up, written
 * as text, CSV or a self-contained HTML page. */
#include "upfront/report.h"

#include "upfront/alloc.h"
#include "upfront/diag.h"
#include "upfront/sim.h"
#include "upfront/strategy.h"
#include "json_strict.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ mistakes */

typedef struct MistakeInfo {
    const char *name, *label, *hint;
} MistakeInfo;

static const MistakeInfo MISTAKES[MISTAKE_COUNT] = {
    {"generic_exec_calls", "Generic calls to executives",
     "Busy executives have no time for a generic pitch: research first, then call."},
    {"accounts_unresearched", "Accounts touched before any research",
     "The only way to customise a touch is to prepare: what did one research step reveal?"},
    {"burned", "Prospects burned",
     "A burned account is gone for the quarter: what would an earlier, better-prepared "
     "touch have looked like?"},
    {"pressure_closes", "Closing tricks tried",
     "Pressure rarely moves an unready buyer: which progress step was missing?"},
    {"lost_to_pressure", "Deals lost to closing pressure",
     "The deal was there to lose: readiness, not technique, makes closing easy."},
    {"no_decision", "Opportunities that ended in no decision",
     "Deals stall when nobody moves them: keep a next step in every opportunity."},
    {"one_channel_accounts", "Accounts tried on one channel only, never reached",
     "Prospecting is a campaign to get in: mix phone, email, mail and a gift for key accounts."},
    {"overworked_days", "Days ended exhausted",
     "Tired work is poor work and energy recovers slowly after an exhausting day."},
    {"backloaded", "Effort curve nearer Sales 1.0 than Sales 2.0",
     "Compare the curves: where did the time go, and what did it buy?"},
};

const char *report_mistake_name(ReportMistake m)
{
    return (unsigned)m < MISTAKE_COUNT ? MISTAKES[m].name : "?";
}

const char *report_mistake_label(ReportMistake m)
{
    return (unsigned)m < MISTAKE_COUNT ? MISTAKES[m].label : "?";
}

const char *report_mistake_hint(ReportMistake m)
{
    return (unsigned)m < MISTAKE_COUNT ? MISTAKES[m].hint : "?";
}

/* ------------------------------------------------------------------ the report */

/* A seed's par, played once per group (one scenario) and seed. */
typedef struct Par {
    uint64_t seed;
    int64_t par;
} Par;

/* A built-in strategy's game on a seed, to recognise a game a strategy played. */
typedef struct StratGame {
    uint64_t seed;
    int strategy;
    Action *acts;
    int *days;
    int n;
} StratGame;

typedef struct Group {
    char *id, *hash, *title, *currency;
    int curve1[STAGE_COUNT], curve2[STAGE_COUNT];
    int days_per_week;
    int64_t max_score;
    Par *pars;
    int npars, parcap;
    StratGame *sg;
    int nsg, sgcap;
    ReportTrainee **t;
    int n, cap;
    int ranked;          /* the first `ranked` of t are ranked */
    uint64_t class_seed;
    int seed_tie;
} Group;

typedef struct Rejected {
    char *file;
    char *why; /* NULL: failed verification */
} Rejected;

/* A game whose turning point is still to be worked out (report_turning_points): its
 * actions, to replay it then, without keeping the whole game. */
typedef struct PendingTurn {
    ReportTrainee *t;
    const Scenario *s;
    uint64_t seed;
    Action *actions;
    int n;
} PendingTurn;

struct Report {
    Group *groups;
    int ngroups, gcap;
    int total;
    Rejected *rejected;
    int nrejected, rcap;
    PendingTurn *pending;
    int npending, pendcap;
};

static char *dup_str(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *d = alloc_malloc(n);
    if (d)
        memcpy(d, s ? s : "", n);
    return d;
}

/* Grows *p (of *cap elements of size sz) to hold at least need; returns 0 or -1. */
static int grow(void *pp, int *cap, int need, size_t sz)
{
    void **p = pp;
    if (need <= *cap)
        return 0;
    int nc = *cap ? *cap * 2 : 8;
    while (nc < need)
        nc *= 2;
    void *q = alloc_realloc(*p, (size_t)nc * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

Report *report_new(void)
{
    return alloc_calloc(1, sizeof(Report));
}

static void trainee_free(ReportTrainee *t)
{
    if (!t)
        return;
    alloc_free(t->player);
    alloc_free(t->player_key);
    alloc_free(t->file);
    alloc_free(t);
}

void report_free(Report *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->npending; i++)
        alloc_free(r->pending[i].actions);
    alloc_free(r->pending);
    for (int g = 0; g < r->ngroups; g++) {
        Group *gr = &r->groups[g];
        for (int i = 0; i < gr->n; i++)
            trainee_free(gr->t[i]);
        alloc_free(gr->t);
        alloc_free(gr->id);
        alloc_free(gr->hash);
        alloc_free(gr->title);
        alloc_free(gr->currency);
        alloc_free(gr->pars);
        for (int i = 0; i < gr->nsg; i++) {
            alloc_free(gr->sg[i].acts);
            alloc_free(gr->sg[i].days);
        }
        alloc_free(gr->sg);
    }
    alloc_free(r->groups);
    for (int i = 0; i < r->nrejected; i++) {
        alloc_free(r->rejected[i].file);
        alloc_free(r->rejected[i].why);
    }
    alloc_free(r->rejected);
    alloc_free(r);
}

int report_reject(Report *r, const char *file)
{
    return report_reject_why(r, file, NULL);
}

int report_reject_why(Report *r, const char *file, const char *why)
{
    if (grow(&r->rejected, &r->rcap, r->nrejected + 1, sizeof *r->rejected) != 0)
        return -1;
    char *f = dup_str(file);
    char *w = why ? dup_str(why) : NULL;
    if (!f || (why && !w)) {
        alloc_free(f);
        alloc_free(w);
        return -1;
    }
    r->rejected[r->nrejected].file = f;
    r->rejected[r->nrejected].why = w;
    r->nrejected++;
    return 0;
}

static int popcount(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* Fills what the report counts from a replayed game. */
static void count_game(const Game *g, ReportTrainee *t)
{
    const Scenario *s = game_scenario(g);
    score_compute(g, &t->card);
    int np = scenario_prospect_count(s);
    for (int p = 0; p < np; p++) {
        const ProspectState *ps = game_prospect(g, p);
        int nt = game_touch_count(g, p);
        for (int i = 0; i < nt; i++) {
            const Touch *tc = game_touch(g, p, i);
            if (tc && (unsigned)tc->channel < CHANNEL_COUNT) {
                t->touches[tc->channel]++;
                t->touches_total++;
            }
        }
        if (!ps)
            continue;
        t->mistakes[MISTAKE_PRESSURE] += ps->pressure_closes;
        if (ps->touches > 0 && popcount(ps->channels_used) == 1 &&
            (ps->status == STATUS_COLD || ps->status == STATUS_BURNED))
            t->mistakes[MISTAKE_ONE_CHANNEL]++;
    }
    /* accounts whose first touch came before any research, unless they started prepared */
    int generic_below = scenario_rules(s)->generic_below;
    unsigned char *seen = alloc_calloc((size_t)np + 1, 1); /* 1 researched, 2 counted/touched */
    if (seen) {
        int na = game_action_count(g);
        for (int i = 0; i < na; i++) {
            const Action *a = game_action(g, i);
            if (!a || a->prospect < 0 || a->prospect >= np || seen[a->prospect])
                continue;
            if (a->kind == ACTION_RESEARCH || a->kind == ACTION_CRAFT) {
                seen[a->prospect] = 1;
            } else if (a->kind == ACTION_TOUCH) {
                seen[a->prospect] = 2;
                if (scenario_prospect(s, a->prospect)->start_prep < generic_below)
                    t->mistakes[MISTAKE_UNRESEARCHED]++;
            }
        }
        alloc_free(seen);
    }
    t->mistakes[MISTAKE_GENERIC_EXEC] = t->card.generic_exec_calls;
    t->mistakes[MISTAKE_BURNED] = t->card.burned;
    t->mistakes[MISTAKE_PRESSURE_LOSS] = t->card.lost_to_pressure;
    t->mistakes[MISTAKE_NO_DECISION] = t->card.deals_no_decision;
    t->mistakes[MISTAKE_OVERWORKED] = t->card.overworked_days;
    int effort = 0;
    for (int st = 0; st < STAGE_COUNT; st++)
        effort += t->card.effort_share_bp[st];
    t->mistakes[MISTAKE_BACKLOADED] = effort > 0 && t->card.frontload_pct < 50;
}

static int cmp_trainee(const ReportTrainee *x, const ReportTrainee *y)
{
    int fx = x->flags[0] != 0, fy = y->flags[0] != 0;
    if (fx != fy)
        return fx - fy; /* ranked games first */
    if (fx) {           /* the others by player, then score */
        int c = strcmp(x->player_key, y->player_key);
        if (c)
            return c;
    }
    if (x->card.total != y->card.total)
        return x->card.total > y->card.total ? -1 : 1;
    int c = strcmp(x->player, y->player);
    return c ? c : strcmp(x->file, y->file);
}

static int cmp_trainee_q(const void *a, const void *b)
{
    return cmp_trainee(*(ReportTrainee *const *)a, *(ReportTrainee *const *)b);
}

/* Sorts a group (ranked first) and numbers the ranked games (equal scores share a rank). */
static void rerank(Group *gr)
{
    if (gr->n > 1)
        qsort(gr->t, (size_t)gr->n, sizeof *gr->t, cmp_trainee_q);
    gr->ranked = 0;
    for (int i = 0; i < gr->n; i++) {
        ReportTrainee *t = gr->t[i];
        if (t->flags[0]) {
            t->rank = 0;
            continue;
        }
        t->rank = i > 0 && gr->t[i - 1]->rank > 0 && t->card.total == gr->t[i - 1]->card.total
                      ? gr->t[i - 1]->rank
                      : i + 1;
        gr->ranked++;
    }
}

static Group *find_group(Report *r, const Scenario *s)
{
    const char *id = scenario_id(s), *hash = scenario_hash(s);
    int at = r->ngroups;
    for (int i = 0; i < r->ngroups; i++) {
        int c = strcmp(id, r->groups[i].id);
        if (c == 0)
            c = strcmp(hash, r->groups[i].hash);
        if (c == 0)
            return &r->groups[i];
        if (c < 0) {
            at = i;
            break;
        }
    }
    if (grow(&r->groups, &r->gcap, r->ngroups + 1, sizeof *r->groups) != 0)
        return NULL;
    Group ng;
    memset(&ng, 0, sizeof ng);
    ng.id = dup_str(id);
    ng.hash = dup_str(hash);
    ng.title = dup_str(scenario_title(s));
    ng.currency = dup_str(scenario_currency(s));
    const ScoringRules *w = scenario_scoring(s);
    memcpy(ng.curve1, w->curve_sales1, sizeof ng.curve1);
    memcpy(ng.curve2, w->curve_sales2, sizeof ng.curve2);
    ng.max_score = score_max(s);
    ng.days_per_week = scenario_calendar(s)->days_per_week;
    if (!ng.id || !ng.hash || !ng.title || !ng.currency) {
        alloc_free(ng.id);
        alloc_free(ng.hash);
        alloc_free(ng.title);
        alloc_free(ng.currency);
        return NULL;
    }
    memmove(&r->groups[at + 1], &r->groups[at], (size_t)(r->ngroups - at) * sizeof *r->groups);
    r->groups[at] = ng;
    r->ngroups++;
    return &r->groups[at];
}

/* The par of a seed in a group: played (sim_par) the first time the seed is seen. */
static int group_par(Group *gr, const Scenario *s, uint64_t seed, int64_t *par)
{
    for (int i = 0; i < gr->npars; i++)
        if (gr->pars[i].seed == seed) {
            *par = gr->pars[i].par;
            return 0;
        }
    if (grow(&gr->pars, &gr->parcap, gr->npars + 1, sizeof *gr->pars) != 0 ||
        sim_par(s, seed, par) != 0)
        return -1;
    gr->pars[gr->npars].seed = seed;
    gr->pars[gr->npars].par = *par;
    gr->npars++;
    return 0;
}

/* The built-in strategy k's game on seed (played once per group and seed). */
static const StratGame *strat_game(Group *gr, const Scenario *s, uint64_t seed, int k)
{
    for (int i = 0; i < gr->nsg; i++)
        if (gr->sg[i].seed == seed && gr->sg[i].strategy == k)
            return &gr->sg[i];
    if (grow(&gr->sg, &gr->sgcap, gr->nsg + 1, sizeof *gr->sg) != 0)
        return NULL;
    Game *g = game_new(s, seed);
    if (!g)
        return NULL;
    (void)strategy_play(strategy_get(k), g, seed); /* an illegal move ends it: compared as far as it went */
    StratGame sg = {seed, k, NULL, NULL, game_action_count(g)};
    sg.acts = alloc_malloc((size_t)sg.n * sizeof *sg.acts + 1);
    sg.days = alloc_malloc((size_t)sg.n * sizeof *sg.days + 1);
    if (!sg.acts || !sg.days) {
        alloc_free(sg.acts);
        alloc_free(sg.days);
        game_free(g);
        return NULL;
    }
    for (int i = 0; i < sg.n; i++) {
        sg.acts[i] = *game_action(g, i);
        sg.days[i] = game_action_day(g, i);
    }
    game_free(g);
    gr->sg[gr->nsg] = sg;
    return &gr->sg[gr->nsg++];
}

static int same_action(const Action *a, const Action *b)
{
    return a->kind == b->kind && a->prospect == b->prospect && a->arg == b->arg;
}

/* Compares the game with every built-in strategy's game on its seed: same_as when it is
 * one of them action for action, else like_weeks, the whole weeks from the first that are
 * the same as one of them (the weeks a strategy played before a person took over). */
static int compare_strategies(Group *gr, const Game *g, ReportTrainee *t)
{
    t->same_as = -1;
    t->like_weeks = 0;
    t->like_strategy = -1;
    const Scenario *s = game_scenario(g);
    int n = game_action_count(g);
    int dpw = gr->days_per_week > 0 ? gr->days_per_week : 1;
    for (int k = 0; k < strategy_count(); k++) {
        const StratGame *sg = strat_game(gr, s, t->seed, k);
        if (!sg)
            return -1;
        int l = 0;
        while (l < n && l < sg->n && same_action(game_action(g, l), &sg->acts[l]) &&
               game_action_day(g, l) == sg->days[l])
            l++;
        if (l == n && l == sg->n && game_over(g)) {
            t->same_as = k;
            return 0;
        }
        /* every day before the first difference is the strategy's whole day */
        int d = 0;
        if (l < n)
            d = game_action_day(g, l);
        if (l < sg->n && (d == 0 || sg->days[l] < d))
            d = sg->days[l];
        if (d == 0)
            d = game_day(g);
        int weeks = (d - 1) / dpw;
        if (weeks > t->like_weeks) {
            t->like_weeks = weeks;
            t->like_strategy = k;
        }
    }
    return 0;
}

int report_add(Report *r, const Game *g, const char *player, const char *file,
               const char **duplicate_of)
{
    ReportGame info = {player, file, 0, PLAYED_BY_PERSON, NULL, 0, 0};
    return report_add_game(r, g, &info, duplicate_of);
}

/* The day the trainee lost the most against Sales 2.0 taking over (whatif.h), with what
 * they did that day; none when it cannot be worked out. */
static void turning_point(const Game *g, ReportTrainee *t)
{
    WhatIf *w = whatif_compute(g, strategy_find("sales2"));
    if (!w)
        return;
    t->turn = *whatif_turn(w);
    if (t->turn.day)
        whatif_sentence(w, game_scenario(g), t->turn_sentence, sizeof t->turn_sentence);
    whatif_free(w);
}

/* Keeps g's actions to work out t's turning point later; -1 when out of memory. */
static int defer_turn(Report *r, ReportTrainee *t, const Game *g)
{
    int n = game_action_count(g);
    if (grow(&r->pending, &r->pendcap, r->npending + 1, sizeof *r->pending) != 0)
        return -1;
    Action *a = alloc_malloc((size_t)(n > 0 ? n : 1) * sizeof *a);
    if (!a)
        return -1;
    for (int i = 0; i < n; i++)
        a[i] = *game_action(g, i);
    PendingTurn p = {t, game_scenario(g), game_seed(g), a, n};
    r->pending[r->npending++] = p;
    return 0;
}

void report_turning_points(Report *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->npending; i++) {
        PendingTurn *p = &r->pending[i];
        Game *g = game_new(p->s, p->seed);
        if (g) {
            game_set_event_text(g, 0); /* nothing here reads the events' sentences */
            int ok = 1;
            for (int k = 0; k < p->n && ok; k++)
                ok = game_apply(g, &p->actions[k]) == ACTION_OK;
            if (ok) /* it replayed when it was added: the same game */
                turning_point(g, p->t);
            game_free(g);
        }
        alloc_free(p->actions);
    }
    r->npending = 0;
}

int report_add_game(Report *r, const Game *g, const ReportGame *info, const char **duplicate_of)
{
    if (!r || !g || !info || r->total >= REPORT_MAX_TRAINEES)
        return -1;
    ReportTrainee *t = alloc_calloc(1, sizeof *t);
    if (!t)
        return -1;
    char key[RESULTS_MAX_PLAYER * 4 + 8];
    report_player_key(info->player ? info->player : "", key, sizeof key);
    t->player = dup_str(info->player);
    t->player_key = dup_str(key);
    t->file = dup_str(info->file);
    t->seed = game_seed(g);
    t->state_hash = game_state_hash(g);
    t->started = info->started;
    t->finished = game_over(g);
    t->played_by = info->played_by;
    if (info->strategy)
        snprintf(t->strategy, sizeof t->strategy, "%s", info->strategy);
    t->strategy_weeks = info->strategy_weeks;
    t->rewound_day = info->rewound_day > 0 ? info->rewound_day : 0;
    if (!t->player || !t->player_key || !t->file) {
        trainee_free(t);
        return -1;
    }
    count_game(g, t);
    Group *gr = find_group(r, game_scenario(g));
    if (!gr) {
        trainee_free(t);
        return -1;
    }
    for (int i = 0; i < gr->n; i++) {
        const ReportTrainee *o = gr->t[i];
        if (o->state_hash == t->state_hash && o->seed == t->seed &&
            strcmp(o->player_key, t->player_key) == 0) {
            if (duplicate_of)
                *duplicate_of = o->file;
            trainee_free(t);
            return 1;
        }
    }
    if (group_par(gr, game_scenario(g), t->seed, &t->par) != 0 ||
        compare_strategies(gr, g, t) != 0 ||
        grow(&gr->t, &gr->cap, gr->n + 1, sizeof *gr->t) != 0) {
        trainee_free(t);
        return -1;
    }
    t->max_score = gr->max_score;
    gr->t[gr->n++] = t;
    r->total++;
    rerank(gr);
    if (defer_turn(r, t, g) != 0)
        turning_point(g, t); /* no memory to keep its actions: now */
    return 0;
}

/* Appends "; what" (or "what") to a game's flags. */
static void add_flag(ReportTrainee *t, const char *what)
{
    size_t n = strlen(t->flags);
    snprintf(t->flags + n, sizeof t->flags - n, "%s%s", n ? "; " : "", what);
}

static void flag_weeks(char *out, size_t cap, int weeks, const char *name)
{
    if (weeks <= 1)
        snprintf(out, cap, "assisted:week 1 %s", name);
    else
        snprintf(out, cap, "assisted:weeks 1-%d %s", weeks, name);
}

/* 1 when a game was played (wholly or in part) by a strategy, as recorded or as seen. */
static int by_strategy(const ReportTrainee *t)
{
    return t->played_by != PLAYED_BY_PERSON || t->same_as >= 0 || t->like_weeks > 0;
}

/* The first max characters of a UTF-8 name into out (cap >= 4 * max + 4), whole
 * characters only, and "…" when cut. */
static void cut_name(char *out, size_t cap, const char *name, int max)
{
    const char *s = name ? name : "";
    size_t k = 0;
    int chars = 0;
    while (s[k] && chars < max) {
        size_t len = 1;
        while (s[k + len] && ((unsigned char)s[k + len] & 0xC0) == 0x80)
            len++;
        if (k + len + 4 > cap) /* room for "…" and the NUL */
            break;
        k += len;
        chars++;
    }
    memcpy(out, s, k);
    if (s[k])
        memcpy(out + k, "\xE2\x80\xA6", 4); /* "…" and its NUL */
    else
        out[k] = '\0';
}

static void finish_group(Group *gr, const ReportOptions *o)
{
    for (int i = 0; i < gr->n; i++)
        gr->t[i]->flags[0] = '\0';
    /* the class's seed: given, else the commonest among people's finished games */
    gr->seed_tie = 0;
    if (o && o->has_seed) {
        gr->class_seed = o->seed;
    } else {
        int best = 0;
        int found = 0;
        for (int pass = 0; pass < 2 && !found; pass++) {
            for (int i = 0; i < gr->n; i++) {
                const ReportTrainee *t = gr->t[i];
                if (pass == 0 && (by_strategy(t) || !t->finished))
                    continue;
                int c = 0;
                for (int j = 0; j < gr->n; j++) {
                    const ReportTrainee *u = gr->t[j];
                    if (u->seed == t->seed && (pass == 1 || (!by_strategy(u) && u->finished)))
                        c++;
                }
                if (!found || c > best || (c == best && t->seed < gr->class_seed)) {
                    if (found && c == best && t->seed != gr->class_seed)
                        gr->seed_tie = 1;
                    else if (c > best)
                        gr->seed_tie = 0;
                    best = c;
                    gr->class_seed = t->seed;
                    found = 1;
                } else if (c == best && t->seed != gr->class_seed) {
                    gr->seed_tie = 1;
                }
            }
        }
    }
    char buf[160];
    for (int i = 0; i < gr->n; i++) {
        ReportTrainee *t = gr->t[i];
        if (!t->finished)
            add_flag(t, "unfinished");
        if (t->played_by == PLAYED_BY_STRATEGY) {
            snprintf(buf, sizeof buf, "strategy:%s", t->strategy);
            add_flag(t, buf);
        } else if (t->played_by == PLAYED_BY_ASSISTED) {
            flag_weeks(buf, sizeof buf, t->strategy_weeks, t->strategy);
            add_flag(t, buf);
        }
        if (t->same_as >= 0) {
            const char *name = strategy_name(strategy_get(t->same_as));
            if (!(t->played_by == PLAYED_BY_STRATEGY && strcmp(name, t->strategy) == 0)) {
                snprintf(buf, sizeof buf, "same as %s", name);
                add_flag(t, buf);
            }
        } else if (t->like_weeks > 0 && t->played_by == PLAYED_BY_PERSON) {
            flag_weeks(buf, sizeof buf, t->like_weeks, strategy_name(strategy_get(t->like_strategy)));
            add_flag(t, buf);
        }
        if (t->seed != gr->class_seed)
            add_flag(t, "off-seed");
        if (t->rewound_day > 0) { /* practice: played again from a day of an earlier game */
            snprintf(buf, sizeof buf, "rewound:day %d", t->rewound_day);
            add_flag(t, buf);
        }
    }
    /* the very game another player handed in too (the same seed, the same end state): a
     * results file copied under another name. Both are flagged, neither ranked: which one
     * is the original only the facilitator can tell (the file's start time is the
     * trainee's to write); removing the copy ranks the other again. Games flagged above
     * (a strategy's, off-seed, ...) are explained already. */
    unsigned char *clean = alloc_calloc((size_t)gr->n + 1, 1);
    for (int i = 0; clean && i < gr->n; i++)
        clean[i] = gr->t[i]->flags[0] == '\0';
    for (int i = 0; clean && i < gr->n; i++) {
        ReportTrainee *t = gr->t[i];
        for (int j = 0; clean[i] && j < gr->n; j++) {
            const ReportTrainee *u = gr->t[j];
            if (j == i || !clean[j] || u->seed != t->seed || u->state_hash != t->state_hash ||
                strcmp(u->player_key, t->player_key) == 0)
                continue;
            char who[4 * 24 + 4];
            cut_name(who, sizeof who, u->player, 24);
            snprintf(buf, sizeof buf, "same game as %s", who);
            add_flag(t, buf);
            break;
        }
    }
    alloc_free(clean);
    /* one ranked game per player: the others are attempts */
    ReportAttempts mode = o ? o->attempts : REPORT_ATTEMPTS_BEST;
    if (mode != REPORT_ATTEMPTS_ALL) {
        for (int i = 0; i < gr->n; i++) {
            ReportTrainee *t = gr->t[i];
            if (t->flags[0] || !t->player_key[0])
                continue;
            int keep = 1;
            for (int j = 0; j < gr->n && keep; j++) {
                const ReportTrainee *u = gr->t[j];
                if (j == i || u->flags[0] || strcmp(u->player_key, t->player_key) != 0)
                    continue;
                int better;
                if (mode == REPORT_ATTEMPTS_FIRST)
                    better = u->started < t->started ||
                             (u->started == t->started && strcmp(u->file, t->file) < 0);
                else
                    better = u->card.total > t->card.total ||
                             (u->card.total == t->card.total &&
                              (u->started < t->started ||
                               (u->started == t->started && strcmp(u->file, t->file) < 0)));
                if (better)
                    keep = 0;
            }
            if (!keep)
                t->flags[sizeof t->flags - 1] = 1; /* marked; flagged below */
        }
        for (int i = 0; i < gr->n; i++) {
            ReportTrainee *t = gr->t[i];
            if (t->flags[sizeof t->flags - 1] == 1) {
                t->flags[sizeof t->flags - 1] = '\0';
                add_flag(t, "attempt");
            }
        }
    }
    rerank(gr);
}

void report_finish(Report *r, const ReportOptions *o)
{
    for (int g = 0; r && g < r->ngroups; g++)
        finish_group(&r->groups[g], o);
    if (!o || !o->turns_later)
        report_turning_points(r);
}

/* The lower-case form of a code point for comparing names (a small, fixed table). */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return (c & 1) ? c + 1 : c;
    return c;
}

static int is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x3000;
}

static size_t put_utf8(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

void report_player_key(const char *name, char *out, size_t cap)
{
    if (!cap)
        return;
    const unsigned char *p = (const unsigned char *)(name ? name : "");
    size_t n = strlen((const char *)p), i = 0, o = 0;
    int gap = 0;
    while (i < n) {
        uint32_t c;
        int l = json_utf8_decode(p + i, n - i, &c);
        if (l <= 0) {
            c = 0xFFFD;
            l = 1;
        }
        i += (size_t)l;
        if (is_space(c)) {
            gap = 1;
            continue;
        }
        char enc[4];
        size_t k = put_utf8(enc, fold(c));
        if (o + (gap && o ? 1 : 0) + k + 1 > cap)
            break;
        if (gap && o)
            out[o++] = ' ';
        gap = 0;
        memcpy(out + o, enc, k);
        o += k;
    }
    out[o] = '\0';
}

int report_group_count(const Report *r)
{
    return r ? r->ngroups : 0;
}

static const Group *group_at(const Report *r, int g)
{
    return r && g >= 0 && g < r->ngroups ? &r->groups[g] : NULL;
}

const char *report_group_scenario_id(const Report *r, int g)
{
    const Group *gr = group_at(r, g);
    return gr ? gr->id : "";
}

const char *report_group_scenario_title(const Report *r, int g)
{
    const Group *gr = group_at(r, g);
    return gr ? gr->title : "";
}

const char *report_group_currency(const Report *r, int g)
{
    const Group *gr = group_at(r, g);
    return gr ? gr->currency : "";
}

int report_trainee_count(const Report *r, int g)
{
    const Group *gr = group_at(r, g);
    return gr ? gr->n : 0;
}

int report_ranked_count(const Report *r, int g)
{
    const Group *gr = group_at(r, g);
    return gr ? gr->ranked : 0;
}

const ReportTrainee *report_trainee(const Report *r, int g, int i)
{
    const Group *gr = group_at(r, g);
    return gr && i >= 0 && i < gr->n ? gr->t[i] : NULL;
}

int report_rejected_count(const Report *r)
{
    return r ? r->nrejected : 0;
}

const char *report_rejected(const Report *r, int i)
{
    return r && i >= 0 && i < r->nrejected ? r->rejected[i].file : NULL;
}

const char *report_rejected_why(const Report *r, int i)
{
    return r && i >= 0 && i < r->nrejected ? r->rejected[i].why : NULL;
}

/* What the floor at 0 added to a score: the total less the sum of its components. */
static int64_t floor_points(const ScoreCard *c)
{
    int64_t sum = c->points[SCORE_RESULTS] + c->points[SCORE_PROCESS] +
                  c->points[SCORE_EFFICIENCY] - c->points[SCORE_PENALTIES];
    return c->total > sum ? c->total - sum : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile(const double *v, int n, double q)
{
    double pos = q * (n - 1);
    int lo = (int)pos;
    if (lo >= n - 1)
        return v[n - 1];
    return v[lo] + (v[lo + 1] - v[lo]) * (pos - lo);
}

void report_summary(const Report *r, int g, ReportSummary *out)
{
    memset(out, 0, sizeof *out);
    for (int m = 0; m < MISTAKE_COUNT; m++)
        out->mistake_order[m] = (ReportMistake)m;
    const Group *gr = group_at(r, g);
    if (!gr)
        return;
    memcpy(out->curve_sales1, gr->curve1, sizeof out->curve_sales1);
    memcpy(out->curve_sales2, gr->curve2, sizeof out->curve_sales2);
    out->max_possible = gr->max_score;
    out->par = -1;
    out->class_seed = gr->class_seed;
    out->seed_tie = gr->seed_tie;
    int n = gr->ranked;
    out->trainees = n;
    out->not_ranked = gr->n - gr->ranked;
    if (n == 0)
        return;
    double *scores = alloc_malloc((size_t)n * sizeof *scores);
    int buyer = 0;
    for (int i = 0; i < n; i++) {
        const ReportTrainee *t = gr->t[i];
        int new_seed = 1;
        for (int j = 0; j < i; j++)
            if (gr->t[j]->seed == t->seed)
                new_seed = 0;
        out->seeds += new_seed;
        for (int s = 0; s < STAGE_COUNT; s++)
            out->effort_share[s] += t->card.effort_share_bp[s] / 10000.0 / n;
        out->frontload_mean += (double)t->card.frontload_pct / n;
        for (int c = 0; c < SCORE_COMPONENT_COUNT; c++)
            out->points_mean[c] += (double)t->card.points[c] / n;
        out->floor_mean += (double)floor_points(&t->card) / n;
        out->score_mean += (double)t->card.total / n;
        out->attainment_mean_pct += t->card.attainment_bp / 100.0 / n;
        out->deals_won += t->card.deals_won;
        buyer += t->card.buyer_initiated;
        for (int c = 0; c < CHANNEL_COUNT; c++) {
            out->touches[c] += t->touches[c];
            out->channel_users[c] += t->touches[c] > 0;
        }
        out->touches_total += t->touches_total;
        for (int m = 0; m < MISTAKE_COUNT; m++) {
            out->mistake_total[m] += t->mistakes[m];
            out->mistake_trainees[m] += t->mistakes[m] > 0;
        }
        if (scores)
            scores[i] = (double)t->card.total;
    }
    out->buyer_initiated_share = out->deals_won ? (double)buyer / out->deals_won : 0.0;
    if (out->seeds == 1)
        out->par = gr->t[0]->par;
    if (scores) {
        qsort(scores, (size_t)n, sizeof *scores, cmp_double);
        out->score_min = scores[0];
        out->score_p25 = quantile(scores, n, 0.25);
        out->score_median = quantile(scores, n, 0.5);
        out->score_p75 = quantile(scores, n, 0.75);
        out->score_max = scores[n - 1];
        alloc_free(scores);
    }
    /* commonest first: by trainees, then by total; stable on the enum order */
    for (int i = 1; i < MISTAKE_COUNT; i++) {
        ReportMistake m = out->mistake_order[i];
        int j = i;
        while (j > 0) {
            ReportMistake p = out->mistake_order[j - 1];
            if (out->mistake_trainees[p] > out->mistake_trainees[m] ||
                (out->mistake_trainees[p] == out->mistake_trainees[m] &&
                 out->mistake_total[p] >= out->mistake_total[m]))
                break;
            out->mistake_order[j] = p;
            j--;
        }
        out->mistake_order[j] = m;
    }
}

/* ------------------------------------------------------------------ text buffers */


/* Decodes one UTF-8 code point at s (length n > 0), by the JSON scanner's strict rule:
 * returns its length and sets *cp, or returns 1 with *cp = -1 for an invalid byte. */
static int utf8_next(const unsigned char *s, size_t n, long *cp)
{
    uint32_t v;
    int len = json_utf8_decode(s, n, &v);
    if (len == 0) {
        *cp = -1;
        return 1;
    }
    *cp = (long)v;
    return len;
}

/* 1 for a code point that should not reach a terminal or an HTML page. */
static int is_control(long cp)
{
    return cp < 0 || diag_is_unsafe_char((unsigned long)cp);
}

/* Appends s for a terminal: control characters and invalid bytes become '?', cut to at
 * most width code points (with "~" marking a cut) and padded to width when pad is set. */
static void buf_cell(StrBuf *b, const char *s, int width, int right)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    int cps = 0;
    for (size_t i = 0; i < n;) {
        long cp;
        i += (size_t)utf8_next(p + i, n - i, &cp);
        cps++;
    }
    int cut = cps > width;
    int shown = cut ? width - 1 : cps;
    if (right)
        for (int i = shown + cut; i < width; i++)
            strbuf_puts(b, " ");
    size_t i = 0;
    for (int k = 0; k < shown; k++) {
        long cp;
        int l = utf8_next(p + i, n - i, &cp);
        if (is_control(cp))
            strbuf_puts(b, "?");
        else
            strbuf_add(b, s + i, (size_t)l);
        i += (size_t)l;
    }
    if (cut)
        strbuf_puts(b, "~");
    if (!right)
        for (int k = shown + cut; k < width; k++)
            strbuf_puts(b, " ");
}

/* Appends s escaped for HTML text and attributes; at most max code points (0: all). */
static void buf_html(StrBuf *b, const char *s, int max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    int k = 0;
    for (size_t i = 0; i < n;) {
        long cp;
        int l = utf8_next(p + i, n - i, &cp);
        if (max > 0 && k == max - 1 && i + (size_t)l < n) {
            strbuf_puts(b, "\xE2\x80\xA6"); /* … */
            return;
        }
        switch (cp) {
        case '<': strbuf_puts(b, "&lt;"); break;
        case '>': strbuf_puts(b, "&gt;"); break;
        case '&': strbuf_puts(b, "&amp;"); break;
        case '"': strbuf_puts(b, "&quot;"); break;
        case '\'': strbuf_puts(b, "&#39;"); break;
        default:
            if (is_control(cp))
                strbuf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
            else
                strbuf_add(b, s + i, (size_t)l);
        }
        i += (size_t)l;
        k++;
    }
}

/* Appends one RFC 4180 field: quoted when it holds a comma, quote, CR or LF. A field
 * starting with = + - @ is prefixed with ' so a spreadsheet shows it as text. */
static void buf_csv(StrBuf *b, const char *s)
{
    /* control and invisible characters become U+FFFD: the CSV may be printed (--csv -) */
    StrBuf clean = {0};
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        long cp;
        int l = utf8_next(p + i, n - i, &cp);
        if (is_control(cp) && cp != '\n' && cp != '\r')
            strbuf_puts(&clean, "\xEF\xBF\xBD");
        else
            strbuf_add(&clean, s + i, (size_t)l);
        i += (size_t)l;
    }
    char *c = strbuf_done(&clean);
    const char *t = c ? c : "";
    int formula = t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@';
    if (!formula && !strpbrk(t, ",\"\r\n")) {
        strbuf_puts(b, t);
    } else {
        strbuf_puts(b, "\"");
        if (formula)
            strbuf_puts(b, "'");
        for (const char *q = t; *q; q++)
            strbuf_add(b, *q == '"' ? "\"\"" : q, *q == '"' ? 2 : 1);
        strbuf_puts(b, "\"");
    }
    alloc_free(c);
}

/* "1,234,567" */
static void fmt_int(char *out, size_t cap, int64_t v)
{
    char digits[32];
    int neg = v < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    size_t n = strlen(digits), o = 0;
    if (neg && o + 1 < cap)
        out[o++] = '-';
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0 && o + 2 < cap)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

/* A number with up to one decimal, trailing ".0" trimmed. */
static void fmt_num(char *out, size_t cap, double v)
{
    if (!(v == v))
        v = 0;
    snprintf(out, cap, "%.1f", v);
    size_t n = strlen(out);
    if (n >= 2 && strcmp(out + n - 2, ".0") == 0)
        out[n - 2] = '\0';
    if (strcmp(out, "-0") == 0)
        snprintf(out, cap, "0");
}

static int pct(double share)
{
    return (int)(share * 100.0 + 0.5);
}

static const char *display_name(const ReportTrainee *t)
{
    return t->player[0] ? t->player : "(no name)";
}

/* ------------------------------------------------------------------ text */

/* "1 trainee", "2 trainees" */
static const char *plural(int n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Code points of s (invalid bytes count one each). */
static int text_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    int k = 0;
    for (size_t i = 0; i < n; k++) {
        long cp;
        i += (size_t)utf8_next(p + i, n - i, &cp);
    }
    return k;
}

/* "results 120, process 80, efficiency 40, penalties -30, floor +0": signed components. */
static void fmt_signed(char *out, size_t cap, double v, int negative)
{
    char n[48]; /* a figure is far shorter; with its sign it fits every caller's 64 bytes */
    fmt_num(n, sizeof n, v < 0 ? -v : v);
    if (strcmp(n, "0") == 0)
        snprintf(out, cap, "0");
    else
        snprintf(out, cap, "%s%s", negative ? "-" : "+", n);
}

/* ------------------------------------------------------------------ turning points */

/* The ranked trainees' turning points (report_add_game): per cause the trainees and their
 * days, commonest first; and up to TURN_SHOWN trainees who lost the most in one day. */
#define TURN_SHOWN 5
typedef struct Turns {
    int trainees[WHATIF_CAUSE_COUNT];
    WhatIfCause order[WHATIF_CAUSE_COUNT];
    int n_order;
    const ReportTrainee *biggest[TURN_SHOWN];
    int n_biggest;
    int any;
} Turns;

static void turns_of(const Group *gr, Turns *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < gr->ranked; i++) {
        const ReportTrainee *t = gr->t[i];
        if (!t->turn.day || (unsigned)t->turn.cause >= WHATIF_CAUSE_COUNT)
            continue;
        out->any = 1;
        out->trainees[t->turn.cause]++;
        /* the biggest losses in a day, largest first (earlier in the ranking on a tie) */
        int k = out->n_biggest < TURN_SHOWN ? out->n_biggest++ : TURN_SHOWN - 1;
        if (k == TURN_SHOWN - 1 && out->n_biggest == TURN_SHOWN && out->biggest[k] &&
            out->biggest[k]->turn.drop >= t->turn.drop)
            continue;
        while (k > 0 && out->biggest[k - 1]->turn.drop < t->turn.drop) {
            out->biggest[k] = out->biggest[k - 1];
            k--;
        }
        out->biggest[k] = t;
    }
    for (int c = 1; c < WHATIF_CAUSE_COUNT; c++) {
        if (!out->trainees[c])
            continue;
        int k = out->n_order++;
        while (k > 0 && out->trainees[out->order[k - 1]] < out->trainees[c]) {
            out->order[k] = out->order[k - 1];
            k--;
        }
        out->order[k] = (WhatIfCause)c;
    }
}

/* How many ranked trainees' turning point had cause c on day `day`, and (in *later)
 * whether any had it on a later day. */
static int turns_on(const Group *gr, WhatIfCause c, int day, int *later)
{
    int here = 0;
    *later = 0;
    for (int i = 0; i < gr->ranked; i++) {
        const ReportTrainee *t = gr->t[i];
        if (t->turn.day && t->turn.cause == c) {
            here += t->turn.day == day;
            *later |= t->turn.day > day;
        }
    }
    return here;
}

/* "days 4 (3 trainees), 6, 9": the days of the ranked trainees whose turning point had
 * cause c, in order, with how many when more than one. */
static void turn_days(StrBuf *b, const Group *gr, WhatIfCause c)
{
    int distinct = 0, later = 1;
    for (int day = 1; later && day <= 100000; day++)
        distinct += turns_on(gr, c, day, &later) > 0;
    strbuf_puts(b, distinct > 1 ? "days " : "day ");
    later = 1;
    for (int day = 1, k = 0; later && day <= 100000; day++) {
        int here = turns_on(gr, c, day, &later);
        if (!here)
            continue;
        strbuf_printf(b, "%s%d", k++ ? ", " : "", day);
        if (here > 1 && distinct > 1)
            strbuf_printf(b, " (%d trainees)", here);
    }
}

char *report_text(const Report *r)
{
    StrBuf b = {0};
    char n1[64], n2[64], n3[64], n4[64], n5[64];
    for (int g = 0; g < report_group_count(r); g++) {
        const Group *gr = &r->groups[g];
        ReportSummary s;
        report_summary(r, g, &s);
        if (g > 0)
            strbuf_puts(&b, "\n\n");
        strbuf_puts(&b, "Class report: ");
        buf_cell(&b, gr->title, 60, 0);
        while (b.len > 0 && b.s[b.len - 1] == ' ')
            b.s[--b.len] = '\0';
        strbuf_puts(&b, " (");
        buf_cell(&b, gr->id, 40, 0);
        while (b.len > 0 && b.s[b.len - 1] == ' ')
            b.s[--b.len] = '\0';
        strbuf_printf(&b, "), %d %s", s.trainees, plural(s.trainees, "trainee", "trainees"));
        fmt_int(n2, sizeof n2, s.max_possible);
        if (s.trainees > 0) {
            fmt_int(n1, sizeof n1, gr->t[0]->par);
            strbuf_printf(&b, ", seed %llu: par %s, at most %s points\n",
                          (unsigned long long)s.class_seed, n1, n2);
        } else {
            strbuf_printf(&b, ", seed %llu: at most %s points\n",
                          (unsigned long long)s.class_seed, n2);
        }
        if (s.seed_tie)
            strbuf_printf(&b, "(other seeds were played as often: seed %llu is ranked; choose "
                          "with --seed N)\n", (unsigned long long)s.class_seed);
        strbuf_puts(&b, "\n");

        int wname = 20;
        for (int i = 0; i < gr->n; i++) {
            int w = text_width(display_name(gr->t[i]));
            if (w > wname)
                wname = w > RESULTS_MAX_PLAYER ? RESULTS_MAX_PLAYER : w;
        }
        strbuf_puts(&b, "rank  ");
        buf_cell(&b, "player", wname, 0);
        strbuf_puts(&b, "  score     max     par     revenue  quota  deals  buyer-asked  "
                        "front-loading\n");
        for (int i = 0; i < gr->ranked; i++) {
            const ReportTrainee *t = gr->t[i];
            fmt_int(n1, sizeof n1, t->card.revenue);
            fmt_int(n2, sizeof n2, t->max_score);
            fmt_int(n3, sizeof n3, t->par);
            strbuf_printf(&b, "%4d  ", t->rank);
            buf_cell(&b, display_name(t), wname, 0);
            strbuf_printf(&b, "  %5lld  %6s  %6s  %10s  %4d%%  %5d  %11d  %12d%%\n",
                          (long long)t->card.total, n2, n3, n1, t->card.attainment_bp / 100,
                          t->card.deals_won, t->card.buyer_initiated, t->card.frontload_pct);
        }
        if (gr->ranked == 0)
            strbuf_puts(&b, "   -  nobody is ranked\n");
        strbuf_puts(&b, "(max: the most points a game of this scenario can score; par: what the "
                    "Sales 2.0 strategy scores on the seed)\n");
        if (gr->n > gr->ranked) {
            strbuf_printf(&b, "\nNot ranked (%d %s)\n", gr->n - gr->ranked,
                          plural(gr->n - gr->ranked, "game", "games"));
            strbuf_puts(&b, "      ");
            buf_cell(&b, "player", wname, 0);
            strbuf_puts(&b, "  score  seed        why\n");
            for (int i = gr->ranked; i < gr->n; i++) {
                const ReportTrainee *t = gr->t[i];
                strbuf_puts(&b, "      ");
                buf_cell(&b, display_name(t), wname, 0);
                strbuf_printf(&b, "  %5lld  %-10llu  ", (long long)t->card.total,
                              (unsigned long long)t->seed);
                buf_cell(&b, t->flags, (int)sizeof t->flags, 0);
                while (b.len > 0 && b.s[b.len - 1] == ' ')
                    b.s[--b.len] = '\0';
                strbuf_puts(&b, "\n");
            }
        }
        if (s.trainees == 0)
            continue;

        strbuf_puts(&b, "\nEffort by stage (share of time)  Prepare  Prospect  Progress  Close\n");
        strbuf_printf(&b, "  class mean                      %6d%%  %7d%%  %7d%%  %4d%%\n",
                   pct(s.effort_share[0]), pct(s.effort_share[1]), pct(s.effort_share[2]),
                   pct(s.effort_share[3]));
        strbuf_printf(&b, "  Sales 1.0 reference             %6d%%  %7d%%  %7d%%  %4d%%\n",
                   s.curve_sales1[0], s.curve_sales1[1], s.curve_sales1[2], s.curve_sales1[3]);
        strbuf_printf(&b, "  Sales 2.0 reference             %6d%%  %7d%%  %7d%%  %4d%%\n",
                   s.curve_sales2[0], s.curve_sales2[1], s.curve_sales2[2], s.curve_sales2[3]);
        fmt_num(n1, sizeof n1, s.frontload_mean);
        strbuf_printf(&b, "  On average the class sits %s%% of the way from Sales 1.0 to Sales 2.0.\n",
                   n1);

        fmt_num(n1, sizeof n1, s.score_min);
        fmt_num(n2, sizeof n2, s.score_p25);
        fmt_num(n3, sizeof n3, s.score_median);
        fmt_num(n4, sizeof n4, s.score_p75);
        fmt_num(n5, sizeof n5, s.score_max);
        strbuf_printf(&b, "\nScores: min %s, p25 %s, median %s, p75 %s, max %s", n1, n2, n3, n4, n5);
        fmt_num(n1, sizeof n1, s.score_mean);
        strbuf_printf(&b, "; mean %s\n", n1);
        fmt_num(n1, sizeof n1, s.points_mean[SCORE_RESULTS]);
        fmt_num(n2, sizeof n2, s.points_mean[SCORE_PROCESS]);
        fmt_num(n3, sizeof n3, s.points_mean[SCORE_EFFICIENCY]);
        fmt_signed(n4, sizeof n4, s.points_mean[SCORE_PENALTIES], 1);
        strbuf_printf(&b, "Mean components: results %s, process %s, efficiency %s, penalties %s",
                   n1, n2, n3, n4);
        if (s.floor_mean > 0.05) {
            fmt_signed(n1, sizeof n1, s.floor_mean, 0);
            strbuf_printf(&b, ", floor at 0 %s", n1);
        }
        fmt_num(n1, sizeof n1, s.score_mean);
        strbuf_printf(&b, " (= mean score %s)\n", n1);
        fmt_num(n1, sizeof n1, s.attainment_mean_pct);
        strbuf_printf(&b, "Mean quota attainment %s%%; %d %s won, %d%% of them asked for by the "
                       "buyer\n",
                   n1, s.deals_won, plural(s.deals_won, "deal", "deals"),
                   pct(s.buyer_initiated_share));

        strbuf_printf(&b, "\nChannel use (%d %s)\n", s.touches_total,
                      plural(s.touches_total, "touch", "touches"));
        for (int c = 0; c < CHANNEL_COUNT; c++) {
            strbuf_puts(&b, "  ");
            buf_cell(&b, channel_label((Channel)c), 12, 0);
            strbuf_printf(&b, "  %6d  %3d%%  used by %d of %d\n", s.touches[c],
                       s.touches_total ? pct((double)s.touches[c] / s.touches_total) : 0,
                       s.channel_users[c], s.trainees);
        }

        strbuf_puts(&b, "\nCommonest mistakes\n");
        int any = 0;
        for (int k = 0; k < MISTAKE_COUNT; k++) {
            ReportMistake m = s.mistake_order[k];
            if ((unsigned)m >= MISTAKE_COUNT || s.mistake_trainees[m] == 0)
                continue;
            any = 1;
            strbuf_puts(&b, "  ");
            buf_cell(&b, report_mistake_label(m), 50, 0);
            strbuf_printf(&b, "  %d of %d %s, %d in all\n", s.mistake_trainees[m], s.trainees,
                          plural(s.trainees, "trainee", "trainees"), s.mistake_total[m]);
        }
        if (!any)
            strbuf_puts(&b, "  none\n");

        Turns tu;
        turns_of(gr, &tu);
        strbuf_puts(&b, "\nTurning points (the day each trainee lost the most against Sales 2.0 "
                        "taking over)\n");
        for (int k = 0; k < tu.n_order; k++) {
            WhatIfCause c = tu.order[k];
            strbuf_puts(&b, "  ");
            buf_cell(&b, whatif_cause_label(c), 40, 0);
            strbuf_printf(&b, "  %d %s: ", tu.trainees[c], plural(tu.trainees[c], "trainee", "trainees"));
            turn_days(&b, gr, c);
            strbuf_puts(&b, "\n");
        }
        for (int k = 0; k < tu.n_biggest; k++) {
            const ReportTrainee *t = tu.biggest[k];
            strbuf_puts(&b, k ? "  " : "  The biggest:\n  ");
            buf_cell(&b, display_name(t), 300, 0);
            while (b.len > 0 && b.s[b.len - 1] == ' ')
                b.s[--b.len] = '\0';
            strbuf_printf(&b, ", day %d, %lld points lost that day. ", t->turn.day, (long long)t->turn.drop);
            buf_cell(&b, t->turn_sentence, 400, 0);
            while (b.len > 0 && b.s[b.len - 1] == ' ')
                b.s[--b.len] = '\0';
            strbuf_puts(&b, "\n");
        }
        if (!tu.any)
            strbuf_puts(&b, "  none: Sales 2.0 taking over would have beaten nobody\n");
    }
    if (report_group_count(r) == 0)
        strbuf_puts(&b, "no verified results\n");
    int nrej = report_rejected_count(r);
    if (nrej > 0) {
        strbuf_printf(&b, "\nLeft out (%d %s: see the errors above)\n", nrej,
                      plural(nrej, "file", "files"));
        for (int i = 0; i < nrej; i++) {
            strbuf_puts(&b, "  ");
            buf_cell(&b, report_rejected(r, i), 300, 0);
            while (b.len > 0 && b.s[b.len - 1] == ' ')
                b.s[--b.len] = '\0';
            strbuf_puts(&b, "\n");
        }
    }
    return strbuf_done(&b);
}

/* ------------------------------------------------------------------ CSV */

char *report_csv(const Report *r)
{
    StrBuf b = {0};
    strbuf_puts(&b, "rank,player,flags,scenario,score,results,process,efficiency,penalties,floor,"
                "revenue,quota,attainment_pct,deals_won,deals_lost,deals_no_decision,"
                "buyer_initiated,frontload_pct,personalisation_pct,breadth_pct,"
                "close_minutes_per_win");
    /* the mistakes, but for no_decision: it is deals_no_decision above */
    for (int m = 0; m < MISTAKE_COUNT; m++)
        if (m != MISTAKE_NO_DECISION)
            strbuf_printf(&b, ",%s", report_mistake_name((ReportMistake)m));
    for (int s = 0; s < STAGE_COUNT; s++)
        strbuf_printf(&b, ",effort_%s_pct", stage_name((Stage)s));
    for (int c = 0; c < CHANNEL_COUNT; c++)
        strbuf_printf(&b, ",touches_%s", channel_name((Channel)c));
    strbuf_puts(&b, ",touches_total,seed,scenario_hash,file,par,max_score\r\n");
    for (int g = 0; g < report_group_count(r); g++) {
        const Group *gr = &r->groups[g];
        for (int i = 0; i < gr->n; i++) {
            const ReportTrainee *t = gr->t[i];
            const ScoreCard *c = &t->card;
            if (t->rank > 0)
                strbuf_printf(&b, "%d", t->rank);
            strbuf_puts(&b, ",");
            buf_csv(&b, t->player);
            strbuf_puts(&b, ",");
            buf_csv(&b, t->flags);
            strbuf_puts(&b, ",");
            buf_csv(&b, gr->id);
            strbuf_printf(&b, ",%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%d.%02d,%d,%d,%d,%d,%d,%d,"
                          "%d,%d",
                       (long long)c->total, (long long)c->points[SCORE_RESULTS],
                       (long long)c->points[SCORE_PROCESS],
                       (long long)c->points[SCORE_EFFICIENCY],
                       -(long long)c->points[SCORE_PENALTIES], (long long)floor_points(c),
                       (long long)c->revenue,
                       (long long)c->quota, c->attainment_bp / 100, c->attainment_bp % 100,
                       c->deals_won, c->deals_lost, c->deals_no_decision, c->buyer_initiated,
                       c->frontload_pct, c->personalisation_pct, c->breadth_pct,
                       c->close_minutes_per_win);
            for (int m = 0; m < MISTAKE_COUNT; m++)
                if (m != MISTAKE_NO_DECISION)
                    strbuf_printf(&b, ",%d", t->mistakes[m]);
            for (int s = 0; s < STAGE_COUNT; s++)
                strbuf_printf(&b, ",%d.%02d", c->effort_share_bp[s] / 100,
                           c->effort_share_bp[s] % 100);
            for (int ch = 0; ch < CHANNEL_COUNT; ch++)
                strbuf_printf(&b, ",%d", t->touches[ch]);
            strbuf_printf(&b, ",%d,%llu,", t->touches_total, (unsigned long long)t->seed);
            buf_csv(&b, gr->hash);
            strbuf_puts(&b, ",");
            buf_csv(&b, t->file);
            strbuf_printf(&b, ",%lld,%lld\r\n", (long long)t->par, (long long)t->max_score);
        }
    }
    return strbuf_done(&b);
}

/* ------------------------------------------------------------------ HTML */

static const char *const STAGE_COLOUR[STAGE_COUNT] = {"#0072B2", "#009E73", "#E69F00",
                                                       "#CC79A7"};
static const char *const COMPONENT_COLOUR[SCORE_COMPONENT_COUNT] = {"#1F1F1F", "#56B4E9",
                                                                     "#F0E442", "#D55E00"};

static const char HTML_HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>Upfront class report</title>\n<style>\n"
    ":root{--ink:#111;--muted:#444;--rule:#bbb;--faint:#e6e6e6}\n"
    "*{box-sizing:border-box}\n"
    "html{scroll-behavior:smooth}\n"
    "body{margin:0;padding:24px 40px;font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,"
    "Helvetica,sans-serif;font-size:22px;line-height:1.4;color:var(--ink);background:#fff}\n"
    "main{max-width:1880px;margin:0 auto}\n"
    "h1{font-size:40px;margin:0 0 8px}\n"
    "h2{font-size:30px;margin:32px 0 8px;padding-bottom:4px;border-bottom:3px solid var(--ink)}\n"
    "h3{font-size:26px;margin:24px 0 8px}\n"
    "p{margin:8px 0}\n.lead{font-size:24px;color:var(--muted)}\n"
    "nav.toc{margin:12px 0 4px;font-size:20px}\nnav.toc a{color:#0b4f8a;margin-right:20px;"
    "white-space:nowrap}\n"
    "table{border-collapse:collapse;width:100%;margin:8px 0 16px}\n"
    "th,td{padding:8px 12px;border-bottom:1px solid var(--rule);text-align:left;"
    "vertical-align:top}\n"
    "th{font-size:18px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);"
    "border-bottom:2px solid var(--ink)}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.top td{font-weight:bold}\ntd.who{overflow-wrap:anywhere;min-width:12em}\n"
    "td.hint,td.why,td.file{color:var(--muted);font-size:20px}\ntd.file{overflow-wrap:anywhere}\n"
    "figure{margin:16px 0 24px}\nfigcaption{color:var(--muted);font-size:20px;margin-top:4px}\n"
    "svg{display:block;width:100%;height:auto}\n"
    "svg text{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;fill:#111}\n"
    ".warn{border-left:8px solid #D55E00;padding:8px 16px;background:#fff4ec}\n"
    ".pair{display:grid;grid-template-columns:1fr;gap:0 48px}\n"
    "@media (min-width:1280px){.pair{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}\n"
    "@media screen{svg.fit{max-height:62vh}}\n"
    "figure.rows{max-width:1200px}\n"
    ".pair th,.pair td{padding:6px 8px}\n.pair th.n{white-space:normal}\n"
    "@media print{body{padding:0;font-size:11pt}h1{font-size:20pt}h2{font-size:16pt;"
    "margin-top:16pt}h3{font-size:13pt}th{font-size:9pt}td.hint,td.why,td.file,figcaption"
    "{font-size:10pt}.lead{font-size:12pt}nav.toc{display:none}.pair{display:block}"
    "section,figure,table{break-inside:avoid}"
    ".group{break-before:page}.group:first-of-type{break-before:auto}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "</style>\n</head>\n<body>\n<main>\n";

/* The class effort curve (bars, stage colours) against the two reference curves. */
static void svg_effort(StrBuf *b, const ReportSummary *s)
{
    const int W = 960, H = 460, L = 80, R = 930, T = 70, B = 380;
    double top = 0;
    for (int i = 0; i < STAGE_COUNT; i++) {
        double v[3] = {s->effort_share[i] * 100, s->curve_sales1[i], s->curve_sales2[i]};
        for (int k = 0; k < 3; k++)
            if (v[k] > top)
                top = v[k];
    }
    int ymax = ((int)top + 9) / 10 * 10;
    if (ymax < 50)
        ymax = 50;
    if (ymax > 100)
        ymax = 100;
    strbuf_printf(b, "<svg viewBox=\"0 0 %d %d\" role=\"img\" class=\"fit\" aria-labelledby=\"effort-t\">"
                  "<title id=\"effort-t\">Share of time per stage: the class against the "
                  "Sales 1.0 and Sales 2.0 curves</title>\n", W, H);
    for (int y = 0; y <= ymax; y += 10) {
        double py = B - (double)(B - T) * y / ymax;
        strbuf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                      "stroke-width=\"%d\"/>", L, py, R, py, y ? "#dddddd" : "#111111",
                   y ? 1 : 2);
        strbuf_printf(b, "<text x=\"%d\" y=\"%.1f\" font-size=\"20\" text-anchor=\"end\">%d%%"
                      "</text>\n", L - 10, py + 7, y);
    }
    double gw = (double)(R - L) / STAGE_COUNT;
    double cx[STAGE_COUNT];
    for (int i = 0; i < STAGE_COUNT; i++) {
        cx[i] = L + gw * i + gw / 2;
        double v = s->effort_share[i] * 100;
        double py = B - (B - T) * v / ymax;
        strbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                   cx[i] - 55, py, 110.0, B - py, STAGE_COLOUR[i]);
        strbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"24\" font-weight=\"bold\" "
                      "text-anchor=\"middle\">%s</text>", cx[i], B + 34, stage_label((Stage)i));
        strbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"24\" text-anchor=\"middle\">"
                      "class %d%%</text>\n", cx[i], B + 66, pct(s->effort_share[i]));
    }
    const int *curves[2] = {s->curve_sales1, s->curve_sales2};
    const char *stroke[2] = {"#555555", "#000000"};
    const char *dash[2] = {" stroke-dasharray=\"14 8\"", ""};
    for (int k = 0; k < 2; k++) {
        strbuf_puts(b, "<polyline fill=\"none\" stroke-width=\"5\" stroke-linejoin=\"round\"");
        strbuf_printf(b, " stroke=\"%s\"%s points=\"", stroke[k], dash[k]);
        for (int i = 0; i < STAGE_COUNT; i++)
            strbuf_printf(b, "%s%.1f,%.1f", i ? " " : "", cx[i],
                       B - (double)(B - T) * curves[k][i] / ymax);
        strbuf_puts(b, "\"/>");
        for (int i = 0; i < STAGE_COUNT; i++) {
            double py = B - (double)(B - T) * curves[k][i] / ymax;
            if (k == 0)
                strbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"16\" "
                              "fill=\"#fff\" stroke=\"%s\" stroke-width=\"4\"/>",
                           cx[i] - 8, py - 8, stroke[k]);
            else
                strbuf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"#000\"/>", cx[i],
                           py);
        }
        strbuf_puts(b, "\n");
    }
    /* legend */
    for (int i = 0; i < STAGE_COUNT; i++) /* one swatch per stage, as the bars */
        strbuf_printf(b, "<rect x=\"%d\" y=\"14\" width=\"14\" height=\"28\" fill=\"%s\"/>",
                      L + i * 15, STAGE_COLOUR[i]);
    strbuf_printf(b, "<text x=\"%d\" y=\"36\" font-size=\"22\">Class mean</text>", L + 68);
    strbuf_printf(b, "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"28\" stroke=\"#000\" "
                  "stroke-width=\"5\"/><circle cx=\"%d\" cy=\"28\" r=\"9\" fill=\"#000\"/>"
                  "<text x=\"%d\" y=\"36\" font-size=\"22\">Sales 2.0</text>",
               L + 270, L + 330, L + 300, L + 345);
    strbuf_printf(b, "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"28\" stroke=\"#555\" "
                  "stroke-width=\"5\" stroke-dasharray=\"14 8\"/><rect x=\"%d\" y=\"20\" "
                  "width=\"16\" height=\"16\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"4\"/>"
                  "<text x=\"%d\" y=\"36\" font-size=\"22\">Sales 1.0</text>\n",
               L + 500, L + 560, L + 522, L + 575);
    strbuf_puts(b, "</svg>\n");
}

/* The score distribution: every trainee a dot (stacked so that no dot hides another),
 * over a box (p25..p75, median) with whiskers. */
static void svg_distribution(StrBuf *b, const Group *gr, const ReportSummary *s, int g)
{
    const int W = 960, L = 40, R = 920, DOT = 20;
    double lo = s->score_min < 0 ? s->score_min : 0;
    double hi = s->score_max;
    int step = 50;
    while ((hi - lo) / step > 10)
        step *= 2;
    double top = ((int)(hi / step) + 1) * (double)step;
    if (top <= lo)
        top = lo + step;
#define SX(v) (L + (R - L) * ((v) - lo) / (top - lo))
    /* each dot goes to the lowest row where it overlaps no dot already placed */
    int n = gr->ranked;
    int *row = alloc_calloc((size_t)n + 1, sizeof *row);
    int rows = 1;
    for (int i = 0; row && i < n; i++) {
        double x = SX((double)gr->t[i]->card.total);
        for (int k = 0;; k++) {
            int clash = 0;
            for (int j = 0; j < i && !clash; j++) {
                double dx = SX((double)gr->t[j]->card.total) - x;
                clash = row[j] == k && dx < DOT && dx > -DOT;
            }
            if (!clash) {
                row[i] = k;
                break;
            }
        }
        if (row[i] + 1 > rows)
            rows = row[i] + 1;
    }
    int dots_h = rows * DOT + 16;
    int box_t = dots_h + 20; /* the box below the dots */
    int axis = box_t + 70, H = axis + 40;
    strbuf_printf(b, "<svg viewBox=\"0 0 %d %d\" role=\"img\" class=\"fit\" aria-labelledby=\"dist-t%d\">"
                  "<title id=\"dist-t%d\">Score distribution</title>\n", W, H, g, g);
    for (double v = lo; v <= top + 0.5; v += step) {
        strbuf_printf(b, "<line x1=\"%.1f\" y1=\"8\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>"
                      "<text x=\"%.1f\" y=\"%d\" font-size=\"20\" text-anchor=\"middle\">%.0f"
                      "</text>", SX(v), SX(v), axis, SX(v), axis + 30, v);
    }
    strbuf_printf(b, "\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111\" "
                  "stroke-width=\"2\"/>", L, axis, R, axis);
    int mid = box_t + 25;
    strbuf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#111\" "
                  "stroke-width=\"3\"/>", SX(s->score_min), mid, SX(s->score_max), mid);
    strbuf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#111\" "
                  "stroke-width=\"3\"/><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                  "stroke=\"#111\" stroke-width=\"3\"/>",
               SX(s->score_min), box_t + 5, SX(s->score_min), box_t + 45, SX(s->score_max),
               box_t + 5, SX(s->score_max), box_t + 45);
    strbuf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"50\" fill=\"#e8e8e8\" "
                  "stroke=\"#111\" stroke-width=\"3\"/>", SX(s->score_p25), box_t,
               SX(s->score_p75) - SX(s->score_p25));
    strbuf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#111\" "
                  "stroke-width=\"7\"/>\n", SX(s->score_median), box_t - 4, SX(s->score_median),
                  box_t + 54);
    for (int i = 0; i < n; i++) {
        double v = (double)gr->t[i]->card.total;
        int y = dots_h - 8 - (row ? row[i] : 0) * DOT - DOT / 2;
        strbuf_printf(b, "<circle cx=\"%.1f\" cy=\"%d\" r=\"9\" fill=\"%s\" stroke=\"#fff\" "
                      "stroke-width=\"2\"><title>", SX(v), y, STAGE_COLOUR[0]);
        buf_html(b, display_name(gr->t[i]), 0);
        strbuf_printf(b, ": %lld</title></circle>", (long long)gr->t[i]->card.total);
    }
    alloc_free(row);
#undef SX
    strbuf_puts(b, "\n</svg>\n");
}

/* Score components per trainee, each on a row under the trainee's whole name: results,
 * process and efficiency to the right of zero, penalties to the left. */
static void svg_components(StrBuf *b, const Group *gr, int g)
{
    const int W = 960, L = 20, R = 860, ROW = 62, T = 60;
    int n = gr->ranked;
    int H = T + n * ROW + 20;
    double pos_max = 1, pen_max = 0;
    for (int i = 0; i < n; i++) {
        const ScoreCard *c = &gr->t[i]->card;
        double p = (double)(c->points[SCORE_RESULTS] + c->points[SCORE_PROCESS] +
                            c->points[SCORE_EFFICIENCY]);
        if (p > pos_max)
            pos_max = p;
        if ((double)c->points[SCORE_PENALTIES] > pen_max)
            pen_max = (double)c->points[SCORE_PENALTIES];
    }
    double scale = (R - L) / (pos_max + pen_max);
    double zero = L + pen_max * scale;
    strbuf_printf(b, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"comp-t%d\">"
                  "<title id=\"comp-t%d\">Score components per trainee</title>\n", W, H, g, g);
    static const char *const names[SCORE_COMPONENT_COUNT] = {"Results", "Process", "Efficiency",
                                                            "Penalties (\xE2\x88\x92)"};
    int lx = 10;
    for (int c = 0; c < SCORE_COMPONENT_COUNT; c++) {
        strbuf_printf(b, "<rect x=\"%d\" y=\"12\" width=\"28\" height=\"28\" fill=\"%s\" "
                      "stroke=\"#444\"/><text x=\"%d\" y=\"34\" font-size=\"22\">%s</text>",
                   lx, COMPONENT_COLOUR[c], lx + 36, names[c]);
        lx += 36 + text_width(names[c]) * 14 + 40;
    }
    strbuf_puts(b, "\n");
    for (int i = 0; i < n; i++) {
        const ReportTrainee *t = gr->t[i];
        const ScoreCard *c = &t->card;
        int y = T + i * ROW;
        strbuf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"19\">%d. ", L, y + 18, t->rank);
        buf_html(b, display_name(t), 0);
        strbuf_puts(b, "</text>");
        double x = zero;
        for (int k = 0; k < SCORE_PENALTIES; k++) {
            double w = (double)c->points[k] * scale;
            if (w > 0)
                strbuf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"28\" "
                              "fill=\"%s\" stroke=\"#444\" stroke-width=\"1\"><title>%s %lld"
                              "</title></rect>", x, y + 26, w, COMPONENT_COLOUR[k], names[k],
                              (long long)c->points[k]);
            x += w;
        }
        double pw = (double)c->points[SCORE_PENALTIES] * scale;
        if (pw > 0)
            strbuf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"28\" fill=\"%s\" "
                          "stroke=\"#444\" stroke-width=\"1\"><title>Penalties \xE2\x88\x92%lld"
                          "</title></rect>", zero - pw, y + 26, pw,
                          COMPONENT_COLOUR[SCORE_PENALTIES], (long long)c->points[SCORE_PENALTIES]);
        strbuf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#111\" "
                      "stroke-width=\"2\"/>", zero, y + 22, zero, y + 58);
        int64_t fl = floor_points(c);
        strbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"20\" font-weight=\"bold\">%lld%s"
                      "</text>\n", x + 8, y + 47, (long long)c->total,
                      fl > 0 ? " (floored at 0)" : "");
    }
    strbuf_puts(b, "</svg>\n");
}

/* Touches per channel across the class. */
static void svg_channels(StrBuf *b, const ReportSummary *s)
{
    const int W = 960, L = 200, R = 640, ROW = 44, T = 10;
    int H = T + CHANNEL_COUNT * ROW + 10;
    int max = 1;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        if (s->touches[c] > max)
            max = s->touches[c];
    strbuf_printf(b, "<svg viewBox=\"0 0 %d %d\" role=\"img\" class=\"fit\" aria-labelledby=\"chan-t\">"
                  "<title id=\"chan-t\">Touches per channel across the class</title>\n", W, H);
    for (int c = 0; c < CHANNEL_COUNT; c++) {
        int y = T + c * ROW;
        double w = (double)(R - L) * s->touches[c] / max;
        strbuf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"22\" text-anchor=\"end\">%s</text>",
                   L - 12, y + 28, channel_label((Channel)c));
        strbuf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"32\" fill=\"%s\"/>", L,
                   y + 4, w, STAGE_COLOUR[STAGE_PROSPECT]);
        strbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"20\">%d (%d%%) \xC2\xB7 %d of %d "
                      "%s</text>\n", L + w + 10, y + 28, s->touches[c],
                   s->touches_total ? pct((double)s->touches[c] / s->touches_total) : 0,
                   s->channel_users[c], s->trainees, plural(s->trainees, "trainee", "trainees"));
    }
    strbuf_puts(b, "</svg>\n");
}

static void html_flags_table(StrBuf *b, const Group *gr)
{
    strbuf_puts(b, "<table>\n<thead><tr><th>Player</th><th class=\"n\">Score</th>"
                   "<th class=\"n\">Seed</th><th>Why it is not ranked</th><th>File</th></tr>"
                   "</thead>\n<tbody>\n");
    for (int i = gr->ranked; i < gr->n; i++) {
        const ReportTrainee *t = gr->t[i];
        strbuf_puts(b, "<tr><td class=\"who\">");
        buf_html(b, display_name(t), 0);
        strbuf_printf(b, "</td><td class=\"n\">%lld</td><td class=\"n\">%llu</td>"
                      "<td class=\"why\">", (long long)t->card.total, (unsigned long long)t->seed);
        buf_html(b, t->flags, 0);
        strbuf_puts(b, "</td><td class=\"file\">");
        buf_html(b, t->file, 0);
        strbuf_puts(b, "</td></tr>\n");
    }
    strbuf_puts(b, "</tbody>\n</table>\n<p>Only finished games played by a person on the class's "
                   "seed are ranked, one per trainee (their best, or as <i>--attempts</i> "
                   "says). <i>same as</i>: the game is a built-in strategy's game on that seed, "
                   "action for action; <i>assisted</i>: a strategy played those weeks; "
                   "<i>rewound</i>: practice, played again from that day of an earlier game.</p>\n");
}

/* The class's turning points, for the debrief discussion. */
static void html_turns(StrBuf *b, const Group *gr, int g)
{
    Turns tu;
    turns_of(gr, &tu);
    strbuf_printf(b, "<section id=\"g%d-turning\">\n<h2>Turning points</h2>\n<p>For each trainee, "
                     "the day whose own actions lost the most against the Sales 2.0 strategy "
                     "taking over their game at the start of a day (<code>upfront whatif</code>), "
                     "and what they did that day: where to rewind in the debrief.</p>\n", g);
    if (!tu.any) {
        strbuf_puts(b, "<p>None: Sales 2.0 taking over would have beaten nobody.</p>\n</section>\n");
        return;
    }
    strbuf_puts(b, "<table>\n<thead><tr><th>What they did that day</th><th class=\"n\">Trainees</th>"
                   "<th>Days</th></tr></thead>\n<tbody>\n");
    for (int k = 0; k < tu.n_order; k++) {
        WhatIfCause c = tu.order[k];
        strbuf_printf(b, "<tr><td>%s</td><td class=\"n\">%d of %d</td><td>", whatif_cause_label(c),
                      tu.trainees[c], gr->ranked);
        turn_days(b, gr, c);
        strbuf_puts(b, "</td></tr>\n");
    }
    strbuf_puts(b, "</tbody>\n</table>\n<h3>The biggest</h3>\n<table>\n<thead><tr><th>Player</th>"
                   "<th class=\"n\">Day</th><th class=\"n\">Lost that day</th><th>What if</th></tr>"
                   "</thead>\n<tbody>\n");
    for (int k = 0; k < tu.n_biggest; k++) {
        const ReportTrainee *t = tu.biggest[k];
        strbuf_puts(b, "<tr><td class=\"who\">");
        buf_html(b, display_name(t), 0);
        strbuf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%lld</td><td class=\"hint\">",
                      t->turn.day, (long long)t->turn.drop);
        buf_html(b, t->turn_sentence, 0);
        strbuf_puts(b, "</td></tr>\n");
    }
    strbuf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void html_group(StrBuf *b, const Report *r, int g)
{
    const Group *gr = &r->groups[g];
    ReportSummary s;
    report_summary(r, g, &s);
    char n1[64], n2[64], n3[64], n4[64], n5[64];
    strbuf_printf(b, "<div class=\"group\" id=\"g%d\">\n<h1>", g);
    buf_html(b, gr->title, 0);
    strbuf_puts(b, "</h1>\n<p class=\"lead\">Upfront class report \xC2\xB7 scenario <b>");
    buf_html(b, gr->id, 0);
    strbuf_printf(b, "</b> \xC2\xB7 %d trainee%s ranked, verified by replay", s.trainees,
               s.trainees == 1 ? "" : "s");
    fmt_int(n2, sizeof n2, s.max_possible);
    strbuf_printf(b, " \xC2\xB7 seed %llu", (unsigned long long)s.class_seed);
    if (s.trainees > 0) {
        fmt_int(n1, sizeof n1, gr->t[0]->par);
        strbuf_printf(b, " \xC2\xB7 par %s", n1);
    }
    strbuf_printf(b, " \xC2\xB7 at most %s points</p>\n", n2);
    if (s.seed_tie)
        strbuf_printf(b, "<p class=\"warn\">Another seed was played as often as seed %llu; "
                      "the games on seed %llu are ranked. Give the class's seed with "
                      "<code>--seed N</code>.</p>\n", (unsigned long long)s.class_seed,
                      (unsigned long long)s.class_seed);
    strbuf_puts(b, "<nav class=\"toc\">");
    if (s.trainees > 0)
        strbuf_printf(b, "<a href=\"#g%d-effort\">Effort</a><a href=\"#g%d-scores\">Scores</a>"
                      "<a href=\"#g%d-channels\">Channels</a><a href=\"#g%d-mistakes\">Mistakes"
                      "</a><a href=\"#g%d-turning\">Turning points</a>", g, g, g, g, g);
    strbuf_printf(b, "<a href=\"#g%d-board\">Leaderboard</a>", g);
    if (s.trainees > 0)
        strbuf_printf(b, "<a href=\"#g%d-components\">Components per trainee</a>", g);
    if (s.not_ranked > 0)
        strbuf_printf(b, "<a href=\"#g%d-flagged\">Not ranked (%d)</a>", g, s.not_ranked);
    if (report_rejected_count(r) > 0)
        strbuf_printf(b, "<a href=\"#left-out\">Left out (%d)</a>", report_rejected_count(r));
    strbuf_puts(b, "</nav>\n");

    if (s.trainees > 0) {
        strbuf_printf(b, "<div class=\"pair\">\n<section id=\"g%d-effort\">\n<h2>Where the class "
                      "put its effort</h2>\n<figure>\n", g);
        svg_effort(b, &s);
        fmt_num(n1, sizeof n1, s.frontload_mean);
        strbuf_printf(b, "<figcaption>Share of time per stage: the class mean (bars) against the "
                      "classic Sales 1.0 and Sales 2.0 curves. On average the class sits %s%% of "
                      "the way from Sales 1.0 to Sales 2.0.</figcaption>\n</figure>\n</section>\n",
                   n1);

        strbuf_printf(b, "<section id=\"g%d-scores\">\n<h2>Scores</h2>\n<figure>\n", g);
        svg_distribution(b, gr, &s, g);
        fmt_num(n1, sizeof n1, s.score_min);
        fmt_num(n2, sizeof n2, s.score_p25);
        fmt_num(n3, sizeof n3, s.score_median);
        fmt_num(n4, sizeof n4, s.score_p75);
        fmt_num(n5, sizeof n5, s.score_max);
        strbuf_printf(b, "<figcaption>Each dot is a trainee; the box spans the middle half of the "
                      "class, the thick line is the median.</figcaption>\n</figure>\n"
                      "<table>\n<thead><tr><th class=\"n\">Lowest</th><th class=\"n\">25th pct</th>"
                      "<th class=\"n\">Median</th><th class=\"n\">75th pct</th>"
                      "<th class=\"n\">Highest</th><th class=\"n\">Mean</th></tr></thead>\n");
        strbuf_printf(b, "<tbody><tr><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">"
                      "%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>", n1, n2, n3, n4, n5);
        fmt_num(n1, sizeof n1, s.score_mean);
        strbuf_printf(b, "<td class=\"n\">%s</td></tr></tbody>\n</table>\n", n1);
        strbuf_puts(b, "<table>\n<thead><tr><th>Mean component</th><th class=\"n\">Points"
                       "</th></tr></thead>\n<tbody>\n");
        for (int c = 0; c < SCORE_COMPONENT_COUNT; c++) {
            fmt_num(n1, sizeof n1, s.points_mean[c]);
            strbuf_printf(b, "<tr><td>%s</td><td class=\"n\">%s%s</td></tr>\n",
                       score_component_label((ScoreComponent)c),
                       c == SCORE_PENALTIES && strcmp(n1, "0") != 0 ? "\xE2\x88\x92" : "", n1);
        }
        if (s.floor_mean > 0.05) {
            fmt_num(n1, sizeof n1, s.floor_mean);
            strbuf_printf(b, "<tr><td>Floor at 0 (a score never goes below 0)</td>"
                          "<td class=\"n\">+%s</td></tr>\n", n1);
        }
        fmt_num(n1, sizeof n1, s.score_mean);
        strbuf_printf(b, "<tr class=\"top\"><td>Mean score</td><td class=\"n\">%s</td></tr>\n"
                      "</tbody>\n</table>\n", n1);
        fmt_num(n1, sizeof n1, s.attainment_mean_pct);
        strbuf_printf(b, "<p>Mean quota attainment %s%%; %d deal%s won, %d%% of "
                      "them asked for by the buyer.</p>\n</section>\n</div>\n",
                   n1, s.deals_won, s.deals_won == 1 ? "" : "s", pct(s.buyer_initiated_share));

        strbuf_printf(b, "<div class=\"pair\">\n<section id=\"g%d-channels\">\n<h2>Channel use"
                      "</h2>\n<figure>\n", g);
        svg_channels(b, &s);
        strbuf_printf(b, "<figcaption>%d touch%s across the class. The phone is central; the "
                      "other channels build the attention that makes a call land.</figcaption>\n"
                      "</figure>\n</section>\n", s.touches_total,
                      s.touches_total == 1 ? "" : "es");

        strbuf_printf(b, "<section id=\"g%d-mistakes\">\n<h2>Commonest mistakes</h2>\n", g);
        int any = 0;
        for (int k = 0; k < MISTAKE_COUNT; k++) {
            ReportMistake m = s.mistake_order[k];
            if ((unsigned)m >= MISTAKE_COUNT || s.mistake_trainees[m] == 0)
                continue;
            if (!any)
                strbuf_puts(b, "<table>\n<thead><tr><th>Mistake</th><th class=\"n\">Trainees</th>"
                           "<th class=\"n\">In all</th><th>For the debrief</th></tr></thead>\n"
                           "<tbody>\n");
            any = 1;
            strbuf_printf(b, "<tr><td>%s</td><td class=\"n\">%d of %d</td><td class=\"n\">%d</td>"
                          "<td class=\"hint\">%s</td></tr>\n",
                       report_mistake_label(m), s.mistake_trainees[m], s.trainees,
                       s.mistake_total[m], report_mistake_hint(m));
        }
        strbuf_puts(b, any ? "</tbody>\n</table>\n" : "<p>None: nobody made any of the usual "
                                                  "mistakes.</p>\n");
        strbuf_puts(b, "</section>\n</div>\n");
        html_turns(b, gr, g);
    }

    strbuf_printf(b, "<section id=\"g%d-board\">\n<h2>Leaderboard</h2>\n", g);
    if (gr->ranked == 0) {
        strbuf_puts(b, "<p>Nobody is ranked: no finished game of a person on the class's seed."
                       "</p>\n");
    } else {
        strbuf_puts(b, "<table>\n<thead><tr><th class=\"n\">Rank</th>"
                   "<th>Player</th><th class=\"n\">Score</th><th class=\"n\">Max</th>"
                   "<th class=\"n\">Par</th><th class=\"n\">Revenue</th>"
                   "<th class=\"n\">Quota</th><th class=\"n\">Deals</th>"
                   "<th class=\"n\">Buyer asked</th><th class=\"n\">Front-loading</th></tr>"
                   "</thead>\n<tbody>\n");
        for (int i = 0; i < gr->ranked; i++) {
            const ReportTrainee *t = gr->t[i];
            fmt_int(n1, sizeof n1, t->card.revenue);
            strbuf_printf(b, "<tr%s><td class=\"n\">%d</td><td class=\"who\">",
                          t->rank == 1 ? " class=\"top\"" : "", t->rank);
            buf_html(b, display_name(t), 0);
            fmt_int(n2, sizeof n2, t->max_score);
            fmt_int(n3, sizeof n3, t->par);
            strbuf_printf(b, "</td><td class=\"n\">%lld</td><td class=\"n\">%s</td>"
                          "<td class=\"n\">%s</td><td class=\"n\">%s</td>"
                          "<td class=\"n\">%d%%</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                          "<td class=\"n\">%d%%</td></tr>\n",
                       (long long)t->card.total, n2, n3, n1, t->card.attainment_bp / 100,
                       t->card.deals_won, t->card.buyer_initiated, t->card.frontload_pct);
        }
        strbuf_puts(b, "</tbody>\n</table>\n");
        strbuf_printf(b, "<p>Revenue in %s. <i>Max</i>: the most points a game of this scenario "
                      "can score. <i>Par</i>: what the Sales 2.0 strategy scores on the same "
                      "seed. <i>Buyer asked</i>: won deals where the buyer asked to sign. "
                      "<i>Front-loading</i>: 0%% is the Sales 1.0 curve, 100%% the Sales 2.0 "
                      "curve.</p>\n", gr->currency);
    }
    strbuf_puts(b, "</section>\n");

    if (gr->ranked > 0) {
        strbuf_printf(b, "<section id=\"g%d-components\">\n<h2>Score components per trainee"
                      "</h2>\n<figure class=\"rows\">\n", g);
        svg_components(b, gr, g);
        strbuf_puts(b, "<figcaption>Results, process and efficiency add up to the right of the "
                       "line, penalties are taken off to the left; the number is the score (a "
                       "score never goes below 0).</figcaption>\n</figure>\n</section>\n");
    }
    if (gr->n > gr->ranked) {
        strbuf_printf(b, "<section id=\"g%d-flagged\">\n<h2>Not ranked</h2>\n", g);
        html_flags_table(b, gr);
        strbuf_puts(b, "</section>\n");
    }
    strbuf_puts(b, "</div>\n");
}

char *report_html(const Report *r)
{
    StrBuf b = {0};
    strbuf_puts(&b, HTML_HEAD);
    if (report_group_count(r) == 0)
        strbuf_puts(&b, "<h1>Upfront class report</h1>\n<p>No verified results.</p>\n");
    for (int g = 0; g < report_group_count(r); g++)
        html_group(&b, r, g);
    if (report_rejected_count(r) > 0) {
        strbuf_printf(&b, "<section class=\"warn\" id=\"left-out\">\n<h2>Left out</h2>\n<p>%d "
                       "file%s %s not verified and not shown:</p>\n<ul>\n",
                       report_rejected_count(r), report_rejected_count(r) == 1 ? "" : "s",
                       report_rejected_count(r) == 1 ? "is" : "are");
        for (int i = 0; i < report_rejected_count(r); i++) {
            strbuf_puts(&b, "<li>");
            buf_html(&b, report_rejected(r, i), 0);
            const char *why = report_rejected_why(r, i);
            strbuf_puts(&b, ": ");
            if (why && why[0])
                buf_html(&b, why, 0);
            else
                strbuf_puts(&b, "failed verification");
            strbuf_puts(&b, "</li>\n");
        }
        strbuf_puts(&b, "</ul>\n</section>\n");
    }
    strbuf_puts(&b, "</main>\n</body>\n</html>\n");
    return strbuf_done(&b);
}
