/* game — the simulation: state, the one function that changes it, and its events.
 *
 * All odds are integers in basis points (1/10000) and every random draw comes from the
 * game's own PCG32 stream in a fixed order, so the same scenario, seed and actions give
 * the same game in every build. The model is described in docs/gameplay.md. */
#include "upfront/game.h"
#include "upfront/alloc.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "upfront/rng.h"

#define BP 10000
#define RNG_STREAM_GAME 0x5a1e5u

typedef struct TouchList {
    Touch *v;
    int n, cap;
} TouchList;

struct Game {
    const Scenario *sc;
    uint64_t seed;
    Rng rng;
    int day; /* 1-based; day_count + 1 once over */
    int day_count;
    int minutes_left;
    int energy;
    int64_t budget;
    int over;
    int no_event_text; /* 1: events keep their kind and figures but no sentence */
    int overworked_days;
    int tired;
    int np;
    ProspectState *ps;
    TouchList *touches;
    unsigned char *event_fired;
    int effort_min[STAGE_COUNT];
    int effort_energy[STAGE_COUNT];
    int *week_min; /* weeks * STAGE_COUNT */
    GameEvent *events;
    int nev, capev;
    Action *log;
    int *log_day;
    int nlog, caplog;
};

/* ---------------------------------------------------------------- names */

static const char *const action_names[ACTION_KIND_COUNT] = {"research", "craft",    "touch",
                                                            "progress", "close",    "end_day"};

static const char *const error_messages[ACTION_ERR_COUNT] = {
    [ACTION_OK] = "OK.",
    [ACTION_ERR_GAME_OVER] = "The selling period is over.",
    [ACTION_ERR_BAD_ACTION] = "That is not an action of this scenario.",
    [ACTION_ERR_NO_TIME] = "Not enough hours left today: end the day.",
    [ACTION_ERR_NO_BUDGET] = "Not enough campaign budget left.",
    [ACTION_ERR_CLOSED] = "This account is closed.",
    [ACTION_ERR_DONE] = "Already done for this account.",
    [ACTION_ERR_NEEDS_RESEARCH] = "Research the account before crafting a value proposition.",
    [ACTION_ERR_NO_MEETING] = "Book a meeting first: this is not an opportunity yet.",
    [ACTION_ERR_NEEDS_STEP] = "An earlier step has to succeed first.",
    [ACTION_ERR_FROZEN] = "The buyer's budget is frozen for now.",
    [ACTION_ERR_NOT_ASKED] = "Only when the buyer asks for the contract.",
    [ACTION_ERR_IN_PLAY] = "They already agreed to meet: move the opportunity forward instead.",
    [ACTION_ERR_NO_MEMORY] = "Out of memory.",
};

const char *action_error_message(ActionError e)
{
    if ((int)e < 0 || e >= ACTION_ERR_COUNT)
        return "Unknown error.";
    return error_messages[e];
}

Stage action_stage(ActionKind kind)
{
    switch (kind) {
    case ACTION_RESEARCH:
    case ACTION_CRAFT:
        return STAGE_PREPARE;
    case ACTION_TOUCH:
        return STAGE_PROSPECT;
    case ACTION_PROGRESS:
        return STAGE_PROGRESS;
    case ACTION_CLOSE:
        return STAGE_CLOSE;
    default:
        return STAGE_COUNT;
    }
}

const char *action_kind_name(ActionKind kind)
{
    if ((int)kind < 0 || kind >= ACTION_KIND_COUNT)
        return "?";
    return action_names[kind];
}

int action_kind_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < ACTION_KIND_COUNT; i++)
        if (strcmp(action_names[i], name) == 0)
            return i;
    return -1;
}

/* ---------------------------------------------------------------- helpers */

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* a * b / c in 64 bits, clamped into int. */
static int muldiv(int64_t a, int64_t b, int64_t c)
{
    int64_t r = c ? a * b / c : 0;
    if (r > INT_MAX)
        return INT_MAX;
    if (r < INT_MIN)
        return INT_MIN;
    return (int)r;
}

/* Multiplier in percent from 100 (no preparation) to pm (full preparation). */
static int prep_mult(int prep, int pm) { return 100 + muldiv(pm - 100, clampi(prep, 0, 100), 100); }

/* How much the account's fit scales a response or a step, in percent: 50 (no fit) .. 150. */
static int fit_mult(const Prospect *pr) { return 50 + clampi(pr->fit, 0, 100); }

static int is_open(ProspectStatus st)
{
    return st == STATUS_COLD || st == STATUS_ENGAGED || st == STATUS_MEETING;
}

static int day_minutes(const Game *g) { return scenario_calendar(g->sc)->hours_per_day * 60; }

static int ensure_events(Game *g, int more)
{
    if (g->nev + more <= g->capev)
        return 0;
    int cap = g->capev ? g->capev : 64;
    while (cap < g->nev + more)
        cap *= 2;
    GameEvent *v = alloc_realloc(g->events, (size_t)cap * sizeof *v);
    if (!v)
        return -1;
    g->events = v;
    g->capev = cap;
    return 0;
}

static int ensure_log(Game *g)
{
    if (g->nlog < g->caplog)
        return 0;
    int cap = g->caplog ? g->caplog * 2 : 256;
    Action *v = alloc_realloc(g->log, (size_t)cap * sizeof *v);
    if (!v)
        return -1;
    g->log = v;
    int *d = alloc_realloc(g->log_day, (size_t)cap * sizeof *d);
    if (!d)
        return -1;
    g->log_day = d;
    g->caplog = cap;
    return 0;
}

static int ensure_touch(TouchList *t)
{
    if (t->n < t->cap)
        return 0;
    int cap = t->cap ? t->cap * 2 : 8;
    Touch *v = alloc_realloc(t->v, (size_t)cap * sizeof *v);
    if (!v)
        return -1;
    t->v = v;
    t->cap = cap;
    return 0;
}

/* Events are reserved before any change (ensure_events), so emit cannot fail. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void emit(Game *g, GameEventKind kind, int prospect, int64_t value, const char *fmt, ...)
{
    if (g->nev >= g->capev)
        return;
    GameEvent *e = &g->events[g->nev++];
    e->kind = kind;
    e->day = g->day;
    e->prospect = prospect;
    e->value = value;
    if (g->no_event_text) {
        e->text[0] = '\0'; /* formatting is most of the cost of a simulated action */
        return;
    }
    memset(e->text, 0, sizeof e->text);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, sizeof e->text, fmt, ap);
    va_end(ap);
}

static const Prospect *prospect_of(const Game *g, int i) { return scenario_prospect(g->sc, i); }

static void fire_todays_events(Game *g);

/* ---------------------------------------------------------------- lifecycle */

Game *game_new(const Scenario *scenario, uint64_t seed)
{
    if (!scenario)
        return NULL;
    Game *g = alloc_calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->sc = scenario;
    g->seed = seed;
    rng_seed(&g->rng, seed, RNG_STREAM_GAME);
    g->day = 1;
    g->day_count = scenario_day_count(scenario);
    g->minutes_left = day_minutes(g);
    g->energy = scenario_energy(scenario)->daily;
    g->budget = scenario_budget(scenario);
    g->np = scenario_prospect_count(scenario);
    int weeks = scenario_calendar(scenario)->weeks;
    int nev = scenario_event_count(scenario);
    g->ps = alloc_calloc((size_t)g->np, sizeof *g->ps);
    g->touches = alloc_calloc((size_t)g->np, sizeof *g->touches);
    g->event_fired = alloc_calloc((size_t)(nev > 0 ? nev : 1), 1);
    g->week_min = alloc_calloc((size_t)weeks * STAGE_COUNT, sizeof *g->week_min);
    if (!g->ps || !g->touches || !g->event_fired || !g->week_min || ensure_events(g, 16 + nev) != 0) {
        game_free(g);
        return NULL;
    }
    for (int i = 0; i < g->np; i++) {
        const Prospect *p = prospect_of(g, i);
        ProspectState *s = &g->ps[i];
        s->status = p->start_status;
        s->attention = clampi(p->start_attention, 0, 100);
        s->readiness = clampi(p->start_readiness, 0, 100);
        s->prep = clampi(p->start_prep, 0, 100);
        s->fit_known = s->prep > 0 || s->status != STATUS_COLD; /* an account already worked */
        if (s->status == STATUS_MEETING) {
            s->first_meeting_day = 1;
            s->last_progress_day = 1;
        }
    }
    emit(g, GEV_DAY_START, -1, 1, "Day 1 of %d: the selling period begins.", g->day_count);
    fire_todays_events(g);
    return g;
}

void game_free(Game *g)
{
    if (!g)
        return;
    if (g->touches)
        for (int i = 0; i < g->np; i++)
            alloc_free(g->touches[i].v);
    alloc_free(g->touches);
    alloc_free(g->ps);
    alloc_free(g->event_fired);
    alloc_free(g->week_min);
    alloc_free(g->events);
    alloc_free(g->log);
    alloc_free(g->log_day);
    alloc_free(g);
}

static void *dup_mem(const void *src, size_t size)
{
    if (size == 0)
        size = 1;
    void *p = alloc_malloc(size);
    if (p && src)
        memcpy(p, src, size);
    return p;
}

Game *game_clone(const Game *g)
{
    if (!g)
        return NULL;
    Game *c = alloc_malloc(sizeof *c);
    if (!c)
        return NULL;
    *c = *g;
    int weeks = scenario_calendar(g->sc)->weeks;
    int nev = scenario_event_count(g->sc);
    c->ps = dup_mem(g->ps, (size_t)g->np * sizeof *g->ps);
    c->touches = alloc_calloc((size_t)g->np, sizeof *c->touches);
    c->event_fired = dup_mem(g->event_fired, (size_t)(nev > 0 ? nev : 1));
    c->week_min = dup_mem(g->week_min, (size_t)weeks * STAGE_COUNT * sizeof *g->week_min);
    c->events = dup_mem(g->events, (size_t)g->capev * sizeof *g->events);
    c->log = g->caplog ? dup_mem(g->log, (size_t)g->caplog * sizeof *g->log) : NULL;
    c->log_day = g->caplog ? dup_mem(g->log_day, (size_t)g->caplog * sizeof *g->log_day) : NULL;
    int ok = c->ps && c->touches && c->event_fired && c->week_min && c->events &&
             (!g->caplog || (c->log && c->log_day));
    if (c->touches)
        for (int i = 0; i < g->np; i++) {
            c->touches[i].n = c->touches[i].cap = 0;
            c->touches[i].v = NULL;
            if (g->touches[i].cap) {
                c->touches[i].v = dup_mem(g->touches[i].v, (size_t)g->touches[i].cap * sizeof(Touch));
                if (!c->touches[i].v) {
                    ok = 0;
                    continue;
                }
                c->touches[i].n = g->touches[i].n;
                c->touches[i].cap = g->touches[i].cap;
            }
        }
    if (!ok) {
        if (!c->touches)
            c->np = 0;
        if (!c->log || !c->log_day) {
            alloc_free(c->log);
            alloc_free(c->log_day);
            c->log = NULL;
            c->log_day = NULL;
        }
        game_free(c);
        return NULL;
    }
    return c;
}

/* ---------------------------------------------------------------- costs and odds */

static Cost base_cost(const Game *g, const Action *a)
{
    Cost none = {0, 0, 0};
    switch (a->kind) {
    case ACTION_RESEARCH:
        return scenario_research(g->sc, (Research)a->arg)->cost;
    case ACTION_CRAFT:
        return scenario_value_proposition(g->sc)->cost;
    case ACTION_TOUCH:
        return scenario_channel(g->sc, (Channel)a->arg)->cost;
    case ACTION_PROGRESS:
        return scenario_step(g->sc, a->arg)->cost;
    case ACTION_CLOSE:
        return scenario_close(g->sc)->cost[a->arg];
    default:
        return none;
    }
}

static int arg_in_range(const Game *g, const Action *a)
{
    switch (a->kind) {
    case ACTION_RESEARCH:
        return a->arg >= 0 && a->arg < RESEARCH_COUNT;
    case ACTION_CRAFT:
        return a->arg == 0;
    case ACTION_TOUCH:
        return a->arg >= 0 && a->arg < CHANNEL_COUNT;
    case ACTION_PROGRESS:
        return a->arg >= 0 && a->arg < scenario_step_count(g->sc);
    case ACTION_CLOSE:
        return a->arg >= 0 && a->arg < CLOSE_COUNT;
    case ACTION_END_DAY:
        return 1;
    default:
        return 0;
    }
}

Cost game_action_cost(const Game *g, const Action *a)
{
    Cost none = {0, 0, 0};
    if (!g || !a || (int)a->kind < 0 || a->kind >= ACTION_KIND_COUNT || !arg_in_range(g, a))
        return none;
    return base_cost(g, a);
}

/* Quality of work (percent) for an action costing `energy` at the current energy. */
static int work_quality(const Game *g, int energy_cost)
{
    const EnergyRules *er = scenario_energy(g->sc);
    int q = g->energy >= er->tired_below ? 100 : er->tired_quality;
    if (g->energy < energy_cost)
        q /= 2;
    return q;
}

static int steps_done_count(const Game *g, const ProspectState *s)
{
    int n = 0;
    for (int i = 0; i < scenario_step_count(g->sc); i++)
        if (s->steps_done & (1u << i))
            n++;
    return n;
}

/* Win chance multiplier (percent) once a competitor is in: the work done softens it. */
static int competitor_factor(const Game *g, const ProspectState *s)
{
    if (!s->competitor)
        return 100;
    int steps = scenario_step_count(g->sc);
    int pen = scenario_rules(g->sc)->competitor_penalty_pct;
    int left = steps ? muldiv(pen, steps - steps_done_count(g, s), steps) : pen;
    return 100 - left;
}

/* Personalisation (0..100) of a touch sent now. */
static int personalisation(const Game *g, int p, int energy_cost)
{
    return muldiv(g->ps[p].prep, work_quality(g, energy_cost), 100);
}

static int earlier_on_channel(const Game *g, int p, Channel c, int upto)
{
    int n = 0;
    const TouchList *t = &g->touches[p];
    for (int i = 0; i < upto && i < t->n; i++)
        if (t->v[i].channel == c)
            n++;
    return n;
}

/* Chance (bp) that one try on the channel gets through to the person. */
static int reach_bp(const Game *g, int p, Channel c, int pers)
{
    const ChannelRules *ch = scenario_channel(g->sc, c);
    const Prospect *pr = prospect_of(g, p);
    const ProspectState *s = &g->ps[p];
    int r = ch->reach_bp;
    r = muldiv(r, pr->affinity_pct[c], 100);
    r = muldiv(r, prep_mult(pers, ch->prep_multiplier_pct), 100);
    r = muldiv(r, 100 + s->attention, 100);
    if (c == CHANNEL_PHONE) {
        if (seniority_is_executive(pr->seniority))
            r = muldiv(r, 70, 100); /* gatekeepers */
    } else {
        r = muldiv(r, 100 - pr->inbox_noise / 2, 100);
    }
    return clampi(r, 0, ch->reach_cap_bp);
}

/* Chance (bp) that a touch that got through earns a positive response. */
static int response_bp(const Game *g, int p, Channel c, int pers, int earlier)
{
    const ChannelRules *ch = scenario_channel(g->sc, c);
    const Prospect *pr = prospect_of(g, p);
    const ProspectState *s = &g->ps[p];
    int r = ch->response_bp;
    r = muldiv(r, pr->affinity_pct[c], 100);
    r = muldiv(r, fit_mult(pr), 100);
    r = muldiv(r, prep_mult(pers, ch->prep_multiplier_pct), 100);
    r = muldiv(r, 50 + s->attention * 3 / 2, 100);
    for (int i = 0; i < earlier && r > 0; i++)
        r = muldiv(r, 100 - ch->fatigue_pct, 100);
    return clampi(r, 0, ch->response_cap_bp);
}

/* Chance (bp) that at least one of `attempts` tries at `per_bp` succeeds. */
static int any_of(int per_bp, int attempts)
{
    int64_t miss = BP;
    for (int i = 0; i < attempts; i++)
        miss = miss * (BP - per_bp) / BP;
    return (int)(BP - miss);
}

static int step_success_bp(const Game *g, int p, int step)
{
    const ProgressStep *st = scenario_step(g->sc, step);
    int q = work_quality(g, st->cost.energy);
    int r = muldiv(st->success_bp, prep_mult(g->ps[p].prep, st->prep_multiplier_pct), 100);
    r = muldiv(r, fit_mult(prospect_of(g, p)), 100);
    r = muldiv(r, q, 100);
    return clampi(r, 0, 9500);
}

static int close_win_bp(const Game *g, int p, CloseTechnique t)
{
    const GameRules *ru = scenario_rules(g->sc);
    const ProspectState *s = &g->ps[p];
    const Prospect *pr = prospect_of(g, p);
    int r;
    switch (t) {
    case CLOSE_CONTRACT:
        r = ru->contract_win_bp;
        break;
    case CLOSE_ASK:
        r = s->readiness >= ru->buyer_ready ? ru->ask_win_bp
                                            : muldiv(ru->ask_win_bp, s->readiness, ru->buyer_ready ? ru->buyer_ready : 1);
        if (g->day - s->first_meeting_day < pr->cycle_days)
            r /= 2; /* they are not at the point of deciding yet */
        break;
    case CLOSE_PRESSURE:
    default:
        r = ru->pressure_win_bp + s->readiness * 25;
        r = clampi(r, 0, 3500);
        break;
    }
    r = muldiv(r, competitor_factor(g, s), 100);
    return clampi(r, 0, BP);
}

int game_action_odds_bp(const Game *g, const Action *a)
{
    if (!g || !a || game_check(g, a) != ACTION_OK)
        return -1;
    int p = a->prospect;
    switch (a->kind) {
    case ACTION_TOUCH: {
        int reach, odds;
        return game_touch_chances(g, a, &reach, &odds) == ACTION_OK ? odds : -1;
    }
    case ACTION_PROGRESS:
        return step_success_bp(g, p, a->arg);
    case ACTION_CLOSE:
        return close_win_bp(g, p, (CloseTechnique)a->arg);
    default:
        return -1;
    }
}

ActionError game_touch_chances(const Game *g, const Action *a, int *reach_out, int *odds_out)
{
    if (!g || !a || a->kind != ACTION_TOUCH)
        return ACTION_ERR_BAD_ACTION;
    ActionError err = game_check(g, a);
    if (err != ACTION_OK)
        return err;
    const GameRules *ru = scenario_rules(g->sc);
    int p = a->prospect;
    Channel c = (Channel)a->arg;
    const ChannelRules *ch = scenario_channel(g->sc, c);
    if (c == CHANNEL_PHONE && g->ps[p].status == STATUS_ENGAGED) {
        *reach_out = ru->warm_connect_bp;
        *odds_out = muldiv(ru->warm_connect_bp, ru->warm_meeting_bp, BP);
        return ACTION_OK;
    }
    int pers = personalisation(g, p, ch->cost.energy);
    int reach = reach_bp(g, p, c, pers);
    if (c == CHANNEL_PHONE)
        reach = any_of(reach, ch->attempts);
    int earlier = earlier_on_channel(g, p, c, g->touches[p].n);
    *reach_out = reach;
    *odds_out = muldiv(reach, response_bp(g, p, c, pers, earlier), BP);
    return ACTION_OK;
}

int game_touch_reach_bp(const Game *g, const Action *a)
{
    int reach, odds;
    return game_touch_chances(g, a, &reach, &odds) == ACTION_OK ? reach : -1;
}

/* ---------------------------------------------------------------- checking */

ActionError game_check(const Game *g, const Action *a)
{
    if (!g || !a)
        return ACTION_ERR_BAD_ACTION;
    if (g->over)
        return ACTION_ERR_GAME_OVER;
    if ((int)a->kind < 0 || a->kind >= ACTION_KIND_COUNT || !arg_in_range(g, a))
        return ACTION_ERR_BAD_ACTION;
    if (a->kind == ACTION_END_DAY)
        return a->prospect == -1 ? ACTION_OK : ACTION_ERR_BAD_ACTION;
    if (a->prospect < 0 || a->prospect >= g->np)
        return ACTION_ERR_BAD_ACTION;
    const ProspectState *s = &g->ps[a->prospect];
    if (!is_open(s->status))
        return ACTION_ERR_CLOSED;
    switch (a->kind) {
    case ACTION_RESEARCH:
        if (s->researched & (1u << a->arg))
            return ACTION_ERR_DONE;
        break;
    case ACTION_CRAFT:
        if (s->value_prop)
            return ACTION_ERR_DONE;
        if (!s->researched)
            return ACTION_ERR_NEEDS_RESEARCH;
        break;
    case ACTION_TOUCH:
        if (s->status == STATUS_MEETING)
            return ACTION_ERR_IN_PLAY;
        break;
    case ACTION_PROGRESS: {
        if (s->status != STATUS_MEETING)
            return ACTION_ERR_NO_MEETING;
        if (s->frozen_until >= g->day)
            return ACTION_ERR_FROZEN;
        if (s->steps_done & (1u << a->arg))
            return ACTION_ERR_DONE;
        const ProgressStep *st = scenario_step(g->sc, a->arg);
        for (int i = 0; i < st->require_count; i++)
            if (!(s->steps_done & (1u << st->requires[i])))
                return ACTION_ERR_NEEDS_STEP;
        break;
    }
    case ACTION_CLOSE:
        if (s->status != STATUS_MEETING)
            return ACTION_ERR_NO_MEETING;
        if (s->frozen_until >= g->day)
            return ACTION_ERR_FROZEN;
        if (a->arg == CLOSE_CONTRACT && !s->buyer_asked)
            return ACTION_ERR_NOT_ASKED;
        break;
    default:
        break;
    }
    Cost c = base_cost(g, a);
    if (c.minutes > g->minutes_left)
        return ACTION_ERR_NO_TIME;
    if (c.money > g->budget)
        return ACTION_ERR_NO_BUDGET;
    return ACTION_OK;
}

int game_legal_actions(const Game *g, Action *out, int cap)
{
    int n = 0;
    if (!g || g->over)
        return 0;
    for (int p = 0; p < g->np; p++) {
        if (!is_open(g->ps[p].status))
            continue;
        Action a;
        a.prospect = p;
        for (int k = ACTION_RESEARCH; k < ACTION_END_DAY; k++) {
            a.kind = (ActionKind)k;
            int count = k == ACTION_RESEARCH   ? RESEARCH_COUNT
                        : k == ACTION_CRAFT    ? 1
                        : k == ACTION_TOUCH    ? CHANNEL_COUNT
                        : k == ACTION_PROGRESS ? scenario_step_count(g->sc)
                                               : CLOSE_COUNT;
            for (int arg = 0; arg < count; arg++) {
                a.arg = arg;
                if (game_check(g, &a) == ACTION_OK && n < cap)
                    out[n++] = a;
            }
        }
    }
    if (n < cap) {
        Action end = {ACTION_END_DAY, -1, 0};
        out[n++] = end;
    }
    return n;
}

/* ---------------------------------------------------------------- outcomes */

static void book_meeting(Game *g, int p, Channel c)
{
    ProspectState *s = &g->ps[p];
    const Prospect *pr = prospect_of(g, p);
    s->status = STATUS_MEETING;
    s->first_meeting_day = g->day;
    s->last_progress_day = g->day;
    emit(g, GEV_MEETING_BOOKED, p, c, "%s (%s) agreed to meet.", pr->contact, pr->company);
}

static void close_deal(Game *g, int p, ProspectStatus st, int64_t revenue)
{
    ProspectState *s = &g->ps[p];
    const Prospect *pr = prospect_of(g, p);
    s->status = st;
    s->closed_day = g->day;
    s->buyer_asked = 0;
    if (st == STATUS_WON) {
        s->revenue = revenue;
        emit(g, GEV_WON, p, revenue, "%s signed: %lld %s won.", pr->company, (long long)revenue,
             scenario_currency(g->sc));
    } else if (st == STATUS_LOST) {
        emit(g, GEV_LOST, p, s->lost_to_pressure, "%s went another way%s.", pr->company,
             s->lost_to_pressure ? " after being pushed to sign" : "");
    } else if (st == STATUS_NO_DECISION) {
        emit(g, GEV_NO_DECISION, p, 0, "%s decided not to decide: no decision.", pr->company);
    }
}

static void add_attention(Game *g, int p, int gain)
{
    ProspectState *s = &g->ps[p];
    if (s->touches > scenario_rules(g->sc)->over_touch)
        return; /* little is gained past about eight touches */
    s->attention = clampi(s->attention + gain, 0, 100);
}

/* Resolves a touch that has arrived (phone: at once). */
static void resolve_touch(Game *g, int p, int ti)
{
    ProspectState *s = &g->ps[p];
    const Prospect *pr = prospect_of(g, p);
    const GameRules *ru = scenario_rules(g->sc);
    Touch *t = &g->touches[p].v[ti];
    const ChannelRules *ch = scenario_channel(g->sc, t->channel);
    Channel c = t->channel;
    int pers = t->personalisation;
    int gain_pct = 50 + pers / 2;

    if (!is_open(s->status)) {
        t->outcome = TOUCH_MISSED;
        return;
    }
    if (c == CHANNEL_PHONE && s->status == STATUS_ENGAGED) {
        if (rng_chance_bp(&g->rng, ru->warm_connect_bp)) {
            add_attention(g, p, ch->attention);
            if (rng_chance_bp(&g->rng, ru->warm_meeting_bp)) {
                t->outcome = TOUCH_MEETING;
                book_meeting(g, p, c);
            } else {
                t->outcome = TOUCH_SEEN;
                emit(g, GEV_CONVERSATION, p, c, "Good call with %s, but no meeting yet.", pr->contact);
            }
        } else {
            t->outcome = TOUCH_MISSED;
            emit(g, GEV_NO_ANSWER, p, c, "%s was out; you left a message.", pr->contact);
        }
        return;
    }
    int reach = reach_bp(g, p, c, pers);
    int tries = c == CHANNEL_PHONE ? ch->attempts : 1;
    int through = 0;
    for (int i = 0; i < tries && !through; i++)
        through = rng_chance_bp(&g->rng, reach);
    if (!through) {
        t->outcome = TOUCH_MISSED;
        if (c == CHANNEL_PHONE) {
            add_attention(g, p, ch->attention / 4); /* a voicemail still leaves a name */
            emit(g, GEV_NO_ANSWER, p, c, "No answer from %s after %d dials.", pr->contact, tries);
        } else {
            emit(g, GEV_NO_ANSWER, p, c, "Your %s to %s went unnoticed.", channel_label(c),
                 pr->contact);
        }
        return;
    }
    if (s->status == STATUS_MEETING) {
        t->outcome = TOUCH_SEEN;
        return;
    }
    int generic = pers < ru->generic_below;
    if (c == CHANNEL_PHONE && generic && seniority_is_executive(pr->seniority))
        s->generic_exec_pitched = 1; /* they heard the generic pitch */
    if (c == CHANNEL_PHONE && generic && seniority_is_executive(pr->seniority) &&
        rng_chance_bp(&g->rng, ru->generic_exec_burn_bp)) {
        t->outcome = TOUCH_BURNED;
        s->status = STATUS_BURNED;
        s->closed_day = g->day;
        emit(g, GEV_BURNED, p, c, "%s cut a generic pitch short and asked not to be called again.",
             pr->contact);
        return;
    }
    int earlier = earlier_on_channel(g, p, c, ti);
    int resp = response_bp(g, p, c, pers, earlier);
    add_attention(g, p, muldiv(ch->attention, gain_pct, 100));
    if (rng_chance_bp(&g->rng, resp)) {
        if (c == CHANNEL_PHONE || rng_chance_bp(&g->rng, ru->reply_engages_bp)) {
            t->outcome = TOUCH_MEETING;
            book_meeting(g, p, c);
        } else {
            t->outcome = TOUCH_REPLY;
            if (s->status == STATUS_COLD)
                s->status = STATUS_ENGAGED;
            emit(g, GEV_REPLY, p, c, "%s replied to your %s: \"Call me this week.\"", pr->contact,
                 channel_label(c));
        }
    } else {
        t->outcome = TOUCH_SEEN;
        if (c == CHANNEL_PHONE)
            emit(g, GEV_CONVERSATION, p, c, "You reached %s; no meeting this time.", pr->contact);
    }
}

static void fire_scenario_event(Game *g, int k)
{
    const ScenarioEvent *ev = scenario_event(g->sc, k);
    g->event_fired[k] = 1;
    int p = ev->prospect;
    ProspectState *s = p >= 0 ? &g->ps[p] : NULL;
    if (s && !is_open(s->status) && ev->kind != EVENT_NEWS)
        return; /* nothing left to affect */
    switch (ev->kind) {
    case EVENT_BUDGET_FREEZE:
        s->frozen_until = g->day + ev->days - 1;
        s->buyer_asked = 0;
        break;
    case EVENT_CHAMPION_LEAVES:
        s->readiness /= 2;
        s->attention /= 2;
        s->buyer_asked = 0;
        break;
    case EVENT_COMPETITOR_ENTERS:
        s->competitor = 1;
        break;
    case EVENT_REFERRAL:
        s->attention = clampi(s->attention + 40, 0, 100);
        if (s->status == STATUS_COLD)
            s->status = STATUS_ENGAGED;
        break;
    case EVENT_NEWS:
    default:
        break;
    }
    emit(g, GEV_SCENARIO_EVENT, p, k, "%s", ev->text);
}

/* Fires the scenario events due this morning: scheduled ones on their day, random ones
 * with their daily chance inside their window, in scenario order. */
static void fire_todays_events(Game *g)
{
    for (int k = 0; k < scenario_event_count(g->sc); k++) {
        const ScenarioEvent *ev = scenario_event(g->sc, k);
        if (g->event_fired[k])
            continue;
        if (ev->day > 0) {
            if (ev->day == g->day)
                fire_scenario_event(g, k);
        } else if (g->day >= ev->from_day && g->day <= ev->to_day &&
                   rng_chance_bp(&g->rng, ev->chance_bp)) {
            fire_scenario_event(g, k);
        }
    }
}

static void start_day(Game *g)
{
    const GameRules *ru = scenario_rules(g->sc);
    g->minutes_left = day_minutes(g);
    emit(g, GEV_DAY_START, -1, g->day, "Day %d of %d.", g->day, g->day_count);
    fire_todays_events(g);
    for (int p = 0; p < g->np; p++) {
        TouchList *t = &g->touches[p];
        for (int i = 0; i < t->n; i++)
            if (t->v[i].outcome == TOUCH_PENDING && t->v[i].arrive_day <= g->day)
                resolve_touch(g, p, i);
    }
    for (int p = 0; p < g->np; p++) {
        ProspectState *s = &g->ps[p];
        const Prospect *pr = prospect_of(g, p);
        if (!is_open(s->status))
            continue;
        s->attention = clampi(s->attention - ru->attention_decay, 0, 100);
        if (s->status != STATUS_MEETING || s->frozen_until >= g->day)
            continue;
        if (!s->buyer_asked && s->readiness >= ru->buyer_ready &&
            g->day - s->first_meeting_day >= pr->cycle_days &&
            rng_chance_bp(&g->rng, muldiv(ru->buyer_ask_bp, competitor_factor(g, s), 100))) {
            s->buyer_asked = 1;
            emit(g, GEV_BUYER_ASKS, p, 0, "%s: \"We're ready. Send me the contract.\"", pr->contact);
            continue;
        }
        if (!s->buyer_asked && g->day - s->last_progress_day > ru->stall_days &&
            rng_chance_bp(&g->rng, ru->stall_chance_bp))
            close_deal(g, p, STATUS_NO_DECISION, 0);
    }
}

static void end_day(Game *g)
{
    const EnergyRules *er = scenario_energy(g->sc);
    int exhausted = g->energy <= 0;
    if (exhausted)
        g->overworked_days++;
    g->energy = clampi(g->energy + (exhausted ? er->overwork_recovery : er->recovery), 0, er->daily);
    g->tired = g->energy < er->tired_below;
    g->day++;
    if (g->day > g->day_count) {
        g->over = 1;
        g->minutes_left = 0;
        for (int p = 0; p < g->np; p++)
            if (g->ps[p].status == STATUS_MEETING)
                close_deal(g, p, STATUS_NO_DECISION, 0);
        emit(g, GEV_GAME_OVER, -1, 0, "The selling period is over.");
        return;
    }
    start_day(g);
}

static void spend(Game *g, Stage stage, Cost c)
{
    g->minutes_left -= c.minutes;
    g->budget -= c.money;
    int used = c.energy < g->energy ? c.energy : g->energy;
    g->energy -= used;
    if (stage < STAGE_COUNT) {
        int week = (g->day - 1) / scenario_calendar(g->sc)->days_per_week;
        g->effort_min[stage] += c.minutes;
        g->effort_energy[stage] += used;
        g->week_min[week * STAGE_COUNT + (int)stage] += c.minutes;
    }
    const EnergyRules *er = scenario_energy(g->sc);
    if (!g->tired && g->energy < er->tired_below) {
        g->tired = 1;
        emit(g, GEV_TIRED, -1, g->energy, "You are tired: the quality of your work drops.");
    }
}

static void do_research(Game *g, int p, Research r)
{
    ProspectState *s = &g->ps[p];
    const Prospect *pr = prospect_of(g, p);
    int q = work_quality(g, scenario_research(g->sc, r)->cost.energy);
    s->researched |= 1u << r;
    s->fit_known = 1;
    s->prep = clampi(s->prep + muldiv(scenario_research(g->sc, r)->prep, q, 100), 0, 100);
    emit(g, GEV_RESEARCH_DONE, p, r, "%s: %s done.", pr->company, research_label(r));
    for (int i = 0; i < pr->insight_count; i++)
        if (pr->insights[i].topic == r)
            emit(g, GEV_INSIGHT, p, i, "%s %s: %s", pr->company,
                 pr->insights[i].kind == INSIGHT_PAIN ? "pain" : "interest", pr->insights[i].text);
}

static void do_progress(Game *g, int p, int step)
{
    ProspectState *s = &g->ps[p];
    const Prospect *pr = prospect_of(g, p);
    const ProgressStep *st = scenario_step(g->sc, step);
    int chance = step_success_bp(g, p, step);
    s->last_progress_day = g->day;
    s->steps_tried |= 1u << step;
    s->meetings_held++;
    if (rng_chance_bp(&g->rng, chance)) {
        s->steps_done |= 1u << step;
        s->readiness = clampi(s->readiness + st->readiness, 0, 100);
        emit(g, GEV_STEP_DONE, p, step, "%s with %s went well.", st->name, pr->company);
        return;
    }
    s->readiness = clampi(s->readiness + st->readiness / 4, 0, 100);
    emit(g, GEV_STEP_FAILED, p, step, "%s with %s fell flat.", st->name, pr->company);
    /* The less prepared, the likelier a failed step kills the deal. */
    int stall = muldiv(st->stall_bp, 150 - s->prep, 100);
    if (rng_chance_bp(&g->rng, stall))
        close_deal(g, p, STATUS_NO_DECISION, 0);
}

static void do_close(Game *g, int p, CloseTechnique t)
{
    ProspectState *s = &g->ps[p];
    const Prospect *pr = prospect_of(g, p);
    const GameRules *ru = scenario_rules(g->sc);
    int chance = close_win_bp(g, p, t);
    int win = rng_chance_bp(&g->rng, chance);
    switch (t) {
    case CLOSE_CONTRACT:
        if (win) {
            s->buyer_initiated = 1;
            close_deal(g, p, STATUS_WON, pr->deal_value);
        } else {
            close_deal(g, p, STATUS_NO_DECISION, 0);
        }
        break;
    case CLOSE_ASK:
        if (win) {
            close_deal(g, p, STATUS_WON, pr->deal_value);
        } else {
            s->readiness = clampi(s->readiness - 10, 0, 100);
            emit(g, GEV_STEP_FAILED, p, -1, "%s is not ready to commit.", pr->contact);
            if (s->readiness < 40 && rng_chance_bp(&g->rng, 3000))
                close_deal(g, p, STATUS_NO_DECISION, 0);
        }
        break;
    case CLOSE_PRESSURE:
    default:
        s->pressure_closes++;
        if (win) {
            int64_t discount = pr->deal_value * ru->pressure_discount_pct / 100;
            close_deal(g, p, STATUS_WON, pr->deal_value - discount);
        } else if (rng_chance_bp(&g->rng, ru->pressure_loss_bp)) {
            s->lost_to_pressure = 1;
            close_deal(g, p, STATUS_LOST, 0);
        } else {
            s->readiness = clampi(s->readiness - 15, 0, 100);
            emit(g, GEV_STEP_FAILED, p, -1, "%s pushed back on the pressure.", pr->contact);
        }
        break;
    }
}

static int do_touch(Game *g, int p, Channel c, int energy_cost)
{
    ProspectState *s = &g->ps[p];
    const Prospect *pr = prospect_of(g, p);
    const GameRules *ru = scenario_rules(g->sc);
    TouchList *tl = &g->touches[p];
    if (ensure_touch(tl) != 0)
        return -1;
    Touch *t = &tl->v[tl->n++];
    t->day = g->day;
    t->arrive_day = g->day + scenario_channel(g->sc, c)->delay_days;
    t->channel = c;
    t->personalisation = personalisation(g, p, energy_cost);
    t->outcome = TOUCH_PENDING;
    s->touches++;
    s->channels_used |= 1u << c;
    if (c == CHANNEL_PHONE && t->personalisation < ru->generic_below &&
        seniority_is_executive(pr->seniority) && s->status == STATUS_COLD)
        s->generic_exec_calls++;
    if (t->arrive_day <= g->day) {
        resolve_touch(g, p, tl->n - 1);
    } else {
        emit(g, GEV_TOUCH_SENT, p, c, "%s to %s sent; it arrives in %d day%s.", channel_label(c),
             pr->contact, t->arrive_day - g->day, t->arrive_day - g->day == 1 ? "" : "s");
    }
    return 0;
}

/* Upper bound of events one action can emit, reserved before anything changes. */
static int events_needed(const Game *g)
{
    int n = 8;
    for (int p = 0; p < g->np; p++)
        n += 3 + g->touches[p].n;
    return n + scenario_event_count(g->sc) + SCENARIO_MAX_INSIGHTS;
}

ActionError game_apply(Game *g, const Action *a)
{
    ActionError err = game_check(g, a);
    if (err != ACTION_OK)
        return err;
    if (ensure_log(g) != 0 || ensure_events(g, events_needed(g)) != 0)
        return ACTION_ERR_NO_MEMORY;
    if (a->kind == ACTION_TOUCH && ensure_touch(&g->touches[a->prospect]) != 0)
        return ACTION_ERR_NO_MEMORY;

    g->log[g->nlog] = *a;
    g->log_day[g->nlog] = g->day;
    g->nlog++;

    Cost c = base_cost(g, a);
    int p = a->prospect;
    switch (a->kind) {
    case ACTION_RESEARCH:
        do_research(g, p, (Research)a->arg);
        spend(g, STAGE_PREPARE, c);
        break;
    case ACTION_CRAFT: {
        ProspectState *s = &g->ps[p];
        int q = work_quality(g, c.energy);
        s->value_prop = 1;
        s->prep = clampi(s->prep + muldiv(scenario_value_proposition(g->sc)->prep, q, 100), 0, 100);
        emit(g, GEV_VALUE_PROP, p, 0, "%s: value proposition crafted.", prospect_of(g, p)->company);
        spend(g, STAGE_PREPARE, c);
        break;
    }
    case ACTION_TOUCH:
        /* quality is judged on the energy before the touch is paid for */
        (void)do_touch(g, p, (Channel)a->arg, c.energy);
        spend(g, STAGE_PROSPECT, c);
        break;
    case ACTION_PROGRESS:
        do_progress(g, p, a->arg);
        spend(g, STAGE_PROGRESS, c);
        break;
    case ACTION_CLOSE:
        do_close(g, p, (CloseTechnique)a->arg);
        spend(g, STAGE_CLOSE, c);
        break;
    case ACTION_END_DAY:
    default:
        end_day(g);
        break;
    }
    return ACTION_OK;
}

/* ---------------------------------------------------------------- queries */

void game_set_event_text(Game *g, int on)
{
    if (g)
        g->no_event_text = !on;
}

const Scenario *game_scenario(const Game *g) { return g->sc; }
uint64_t game_seed(const Game *g) { return g->seed; }
int game_over(const Game *g) { return g->over; }
int game_day(const Game *g) { return g->day; }
int game_week(const Game *g)
{
    int d = g->day > g->day_count ? g->day_count : g->day;
    return (d - 1) / scenario_calendar(g->sc)->days_per_week + 1;
}
int game_minutes_left(const Game *g) { return g->minutes_left; }
int game_energy(const Game *g) { return g->energy; }
int64_t game_budget_left(const Game *g) { return g->budget; }
int game_tired(const Game *g) { return g->tired; }
int game_overworked_days(const Game *g) { return g->overworked_days; }

int64_t game_revenue(const Game *g)
{
    int64_t r = 0;
    for (int p = 0; p < g->np; p++)
        r += g->ps[p].revenue;
    return r;
}

int game_deals_won(const Game *g)
{
    int n = 0;
    for (int p = 0; p < g->np; p++)
        n += g->ps[p].status == STATUS_WON;
    return n;
}

const ProspectState *game_prospect(const Game *g, int i)
{
    return (i >= 0 && i < g->np) ? &g->ps[i] : NULL;
}

int game_touch_count(const Game *g, int prospect)
{
    return (prospect >= 0 && prospect < g->np) ? g->touches[prospect].n : 0;
}

const Touch *game_touch(const Game *g, int prospect, int i)
{
    if (prospect < 0 || prospect >= g->np || i < 0 || i >= g->touches[prospect].n)
        return NULL;
    return &g->touches[prospect].v[i];
}

int game_effort_minutes(const Game *g, Stage s)
{
    return (s >= 0 && s < STAGE_COUNT) ? g->effort_min[s] : 0;
}

int game_effort_energy(const Game *g, Stage s)
{
    return (s >= 0 && s < STAGE_COUNT) ? g->effort_energy[s] : 0;
}

int game_effort_week_minutes(const Game *g, int week, Stage s)
{
    if (week < 0 || week >= scenario_calendar(g->sc)->weeks || s < 0 || s >= STAGE_COUNT)
        return 0;
    return g->week_min[week * STAGE_COUNT + (int)s];
}

int game_total_minutes(const Game *g) { return g->day_count * day_minutes(g); }

int game_time_used_bp(const Game *g)
{
    int64_t used = 0;
    for (int s = 0; s < STAGE_COUNT; s++)
        used += g->effort_min[s];
    int total = game_total_minutes(g);
    return total > 0 ? (int)(used * BP / total) : 0;
}

int game_event_count(const Game *g) { return g->nev; }
const GameEvent *game_event(const Game *g, int i)
{
    return (i >= 0 && i < g->nev) ? &g->events[i] : NULL;
}

int game_action_count(const Game *g) { return g->nlog; }
const Action *game_action(const Game *g, int i)
{
    return (i >= 0 && i < g->nlog) ? &g->log[i] : NULL;
}
int game_action_day(const Game *g, int i) { return (i >= 0 && i < g->nlog) ? g->log_day[i] : 0; }

/* ---------------------------------------------------------------- hashing */

typedef struct Hasher {
    uint64_t h;
} Hasher;

static void hash_u64(Hasher *hs, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        hs->h ^= (v >> (8 * i)) & 0xffu;
        hs->h *= 0x100000001b3ULL;
    }
}

static void hash_int(Hasher *hs, int64_t v) { hash_u64(hs, (uint64_t)v); }

uint64_t game_state_hash(const Game *g)
{
    Hasher hs = {0xcbf29ce484222325ULL};
    hash_u64(&hs, g->rng.state);
    hash_u64(&hs, g->rng.inc);
    hash_int(&hs, g->day);
    hash_int(&hs, g->minutes_left);
    hash_int(&hs, g->energy);
    hash_int(&hs, g->budget);
    hash_int(&hs, g->over);
    hash_int(&hs, g->overworked_days);
    for (int p = 0; p < g->np; p++) {
        const ProspectState *s = &g->ps[p];
        const int64_t fields[] = {s->status,          s->prep,           s->researched,
                                  s->value_prop,      s->attention,      s->readiness,
                                  s->steps_done,      s->steps_tried,    s->meetings_held,
                                  s->touches,
                                  s->channels_used,
                                  s->first_meeting_day, s->last_progress_day, s->frozen_until,
                                  s->buyer_asked,     s->competitor,     s->generic_exec_calls,
                                  s->generic_exec_pitched,
                                  s->pressure_closes, s->closed_day,     s->revenue,
                                  s->buyer_initiated, s->lost_to_pressure, s->fit_known};
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
            hash_int(&hs, fields[i]);
        for (int i = 0; i < g->touches[p].n; i++) {
            const Touch *t = &g->touches[p].v[i];
            hash_int(&hs, t->day);
            hash_int(&hs, t->arrive_day);
            hash_int(&hs, t->channel);
            hash_int(&hs, t->personalisation);
            hash_int(&hs, t->outcome);
        }
    }
    for (int s = 0; s < STAGE_COUNT; s++) {
        hash_int(&hs, g->effort_min[s]);
        hash_int(&hs, g->effort_energy[s]);
    }
    hash_int(&hs, g->nev);
    hash_int(&hs, g->nlog);
    return hs.h;
}
