/* strategy — built-in players. Each reads the game and proposes an action; the game
 * checks it like any other. docs/strategies.md describes them. */
#include "upfront/strategy.h"

#include <string.h>

/* Facts of the scenario a strategy works out once per game rather than once per action
 * (they never change while it is played). */
typedef struct Plan {
    int n;
    int order[SCENARIO_MAX_PROSPECTS];       /* prospects by importance, then deal value */
    int prep_target[SCENARIO_MAX_PROSPECTS]; /* the preparation sales2 wants per prospect */
    unsigned worth_researching;              /* bit r: Research r is worth its time */
} Plan;

typedef Action (*ChooseFn)(const Game *g, const Plan *plan, Rng *rng);

struct Strategy {
    const char *name;
    const char *description;
    ChooseFn choose;
};

static Action end_day_action(void)
{
    Action a = {ACTION_END_DAY, -1, 0};
    return a;
}

static Action make(ActionKind kind, int prospect, int arg)
{
    Action a = {kind, prospect, arg};
    return a;
}

static int legal(const Game *g, Action a) { return game_check(g, &a) == ACTION_OK; }

/* Day of the latest touch to prospect p, 0 when none. */
static int last_touch_day(const Game *g, int p)
{
    int n = game_touch_count(g, p);
    return n ? game_touch(g, p, n - 1)->day : 0;
}

static int energy_after(const Game *g, Action a) { return game_energy(g) - game_action_cost(g, &a).energy; }

/* Prospect indices ordered by importance, then deal value (both descending); stable. */
static int ranked(const Scenario *sc, int *order)
{
    int n = scenario_prospect_count(sc);
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++) {
        int v = order[i], j = i;
        const Prospect *pv = scenario_prospect(sc, v);
        while (j > 0) {
            const Prospect *pj = scenario_prospect(sc, order[j - 1]);
            if (pj->importance > pv->importance ||
                (pj->importance == pv->importance && pj->deal_value >= pv->deal_value))
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    return n;
}

/* ------------------------------------------------------------------ sales1 */

/* Old school: no preparation, generic calls, gives up after two touches, and leans on
 * closing techniques as soon as there is a meeting. */
static Action sales1_choose(const Game *g, const Plan *plan, Rng *rng)
{
    (void)plan;
    (void)rng;
    const Scenario *sc = game_scenario(g);
    int n = scenario_prospect_count(sc);
    for (int p = 0; p < n; p++) {
        const ProspectState *s = game_prospect(g, p);
        if (s->status != STATUS_MEETING)
            continue;
        if (legal(g, make(ACTION_CLOSE, p, CLOSE_CONTRACT)))
            return make(ACTION_CLOSE, p, CLOSE_CONTRACT);
        /* one meeting to pitch, then push */
        if (scenario_step_count(sc) > 0 && !(s->steps_done & 1u) && s->pressure_closes == 0 &&
            legal(g, make(ACTION_PROGRESS, p, 0)))
            return make(ACTION_PROGRESS, p, 0);
        if (legal(g, make(ACTION_CLOSE, p, CLOSE_PRESSURE)))
            return make(ACTION_CLOSE, p, CLOSE_PRESSURE);
    }
    static const Channel cadence[2] = {CHANNEL_PHONE, CHANNEL_PHONE};
    for (int p = 0; p < n; p++) {
        const ProspectState *s = game_prospect(g, p);
        if (s->status != STATUS_COLD && s->status != STATUS_ENGAGED)
            continue;
        if (s->touches >= 2)
            continue; /* gives up */
        if (s->touches > 0 && last_touch_day(g, p) == game_day(g))
            continue;
        Action a = make(ACTION_TOUCH, p, (int)cadence[s->touches]);
        if (legal(g, a))
            return a;
    }
    return end_day_action();
}

/* ------------------------------------------------------------------ sales2 */

/* Research steps in the order sales2 takes them, until the prospect is well prepared. */
static const Research prep_order[] = {RESEARCH_COMPANY, RESEARCH_PERSON, RESEARCH_TRIGGER,
                                      RESEARCH_INDUSTRY};

/* Multi-channel cadences with the phone central; bigger accounts get costlier touches. */
static const Channel cadence_key[] = {CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_GIFT,  CHANNEL_PHONE,
                                      CHANNEL_EMAIL, CHANNEL_BOOK,  CHANNEL_PHONE, CHANNEL_COURIER,
                                      CHANNEL_PHONE, CHANNEL_EMAIL, CHANNEL_PHONE};
static const Channel cadence_mid[] = {CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_MAIL,    CHANNEL_PHONE,
                                      CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_COURIER, CHANNEL_PHONE,
                                      CHANNEL_EMAIL, CHANNEL_PHONE};
static const Channel cadence_small[] = {CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_MAIL,  CHANNEL_PHONE,
                                        CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_EMAIL, CHANNEL_PHONE};

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Research worth its time: at least 10 preparation points an hour. */
static int worth_researching(const Scenario *sc, Research r)
{
    const PrepareAction *pa = scenario_research(sc, r);
    return pa->cost.minutes == 0 || pa->prep * 60 >= 10 * pa->cost.minutes;
}

/* The preparation sales2 wants before a campaign: deeper for big key accounts, where it
 * pays; on small deals deep research costs more than it brings. */
static int prep_target(const Scenario *sc, int p)
{
    const Prospect *pr = scenario_prospect(sc, p);
    return pr->importance >= 3 && pr->deal_value * 8 >= scenario_quota(sc) ? 80 : 60;
}

static void plan_make(const Scenario *sc, Plan *plan)
{
    plan->n = ranked(sc, plan->order);
    for (int p = 0; p < plan->n; p++)
        plan->prep_target[p] = prep_target(sc, p);
    plan->worth_researching = 0;
    for (int r = 0; r < RESEARCH_COUNT; r++)
        if (worth_researching(sc, (Research)r))
            plan->worth_researching |= 1u << r;
}

/* The next preparation step for prospect p in *kind and *arg: returns 1, or 0 when it is
 * prepared enough. (Plain integers out: asked for every account on every action.) */
static int prep_step(const ProspectState *s, const Plan *plan, int p, int *kind, int *arg)
{
    int target = plan->prep_target[p];
    for (int i = 0; i < COUNT_OF(prep_order); i++) {
        if (s->value_prop && s->prep >= target)
            break;
        if (i == 2 && !s->value_prop && s->researched) {
            *kind = ACTION_CRAFT; /* the value proposition before deeper research */
            *arg = 0;
            return 1;
        }
        Research r = prep_order[i];
        if (!(s->researched & (1u << r)) && (plan->worth_researching & (1u << r))) {
            *kind = ACTION_RESEARCH;
            *arg = (int)r;
            return 1;
        }
    }
    if (!s->value_prop && s->researched) {
        *kind = ACTION_CRAFT;
        *arg = 0;
        return 1;
    }
    return 0;
}

/* The next preparation step for prospect p, or END_DAY when it is prepared enough. */
static Action sales2_next_prep(const ProspectState *s, const Plan *plan, int p)
{
    int kind, arg;
    if (prep_step(s, plan, p, &kind, &arg))
        return make((ActionKind)kind, p, arg);
    return end_day_action();
}

static int prepared_for(const ProspectState *s, const Plan *plan, int p)
{
    int kind, arg;
    return !prep_step(s, plan, p, &kind, &arg);
}

static Action sales2_choose(const Game *g, const Plan *plan, Rng *rng)
{
    (void)rng;
    const Scenario *sc = game_scenario(g);
    const GameRules *ru = scenario_rules(sc);
    const EnergyRules *er = scenario_energy(sc);
    const int *order = plan->order;
    int n = plan->n;
    int today = game_day(g);
    int days_left = scenario_day_count(sc) - today;
    /* every account's state, read once: nothing changes while choosing */
    const ProspectState *ps[SCENARIO_MAX_PROSPECTS];
    for (int p = 0; p < n; p++)
        ps[p] = game_prospect(g, p);

    /* 1. the buyer asked: send the contract (only an asking buyer can be sent one) */
    for (int i = 0; i < n; i++)
        if (ps[order[i]]->buyer_asked &&
            legal(g, make(ACTION_CLOSE, order[i], CLOSE_CONTRACT)))
            return make(ACTION_CLOSE, order[i], CLOSE_CONTRACT);

    /* 2. move opportunities forward, one step per account per day; an opportunity
     *    inherited unprepared is researched before the next meeting */
    for (int i = 0; i < n; i++) {
        int p = order[i];
        const ProspectState *s = ps[p];
        if (s->status != STATUS_MEETING || s->last_progress_day == today)
            continue;
        if (!prepared_for(s, plan, p) && s->readiness < ru->buyer_ready) {
            Action a = sales2_next_prep(s, plan, p);
            if (a.kind != ACTION_END_DAY && legal(g, a) && energy_after(g, a) >= er->tired_below)
                return a;
        }
        if (s->readiness >= ru->buyer_ready) {
            /* ready: let the buyer ask, unless the period is about to end */
            if (days_left <= 1 && legal(g, make(ACTION_CLOSE, p, CLOSE_ASK)))
                return make(ACTION_CLOSE, p, CLOSE_ASK);
            continue;
        }
        for (int st = 0; st < scenario_step_count(sc); st++) {
            Action a = make(ACTION_PROGRESS, p, st);
            if (legal(g, a) && energy_after(g, a) >= er->tired_below)
                return a;
        }
    }

    /* 3. the campaign: one touch per account per day for prepared accounts */
    for (int i = 0; i < n; i++) {
        int p = order[i];
        const ProspectState *s = ps[p];
        const Prospect *pr = scenario_prospect(sc, p);
        if ((s->status != STATUS_COLD && s->status != STATUS_ENGAGED) || !prepared_for(s, plan, p))
            continue;
        if (last_touch_day(g, p) >= today - (s->status == STATUS_ENGAGED ? 0 : 1) &&
            game_touch_count(g, p) > 0)
            continue;
        Action a;
        if (s->status == STATUS_ENGAGED) {
            a = make(ACTION_TOUCH, p, CHANNEL_PHONE);
        } else {
            const Channel *cad = pr->importance >= 3   ? cadence_key
                                 : pr->importance == 2 ? cadence_mid
                                                       : cadence_small;
            int len = pr->importance >= 3   ? COUNT_OF(cadence_key)
                      : pr->importance == 2 ? COUNT_OF(cadence_mid)
                                            : COUNT_OF(cadence_small);
            int k = s->touches;
            if (k >= len)
                continue; /* the campaign has run its course */
            a = make(ACTION_TOUCH, p, (int)cad[k]);
            if (!legal(g, a))
                a = make(ACTION_TOUCH, p, k % 2 ? CHANNEL_PHONE : CHANNEL_EMAIL);
        }
        if (legal(g, a) && energy_after(g, a) >= er->tired_below)
            return a;
    }

    /* 4. prepare the next accounts: research before any touch */
    if (days_left > 3) {
        for (int i = 0; i < n; i++) {
            int p = order[i];
            const ProspectState *s = ps[p];
            if ((s->status != STATUS_COLD && s->status != STATUS_ENGAGED) || prepared_for(s, plan, p))
                continue;
            Action a = sales2_next_prep(s, plan, p);
            if (a.kind == ACTION_END_DAY)
                continue;
            if (legal(g, a) && energy_after(g, a) >= er->tired_below)
                return a;
            break; /* finish one account before starting the next */
        }
    }
    return end_day_action();
}

/* ------------------------------------------------------------------ random */

static Action random_choose(const Game *g, const Plan *plan, Rng *rng)
{
    (void)plan;
    Action buf[SCENARIO_MAX_PROSPECTS * (RESEARCH_COUNT + 1 + CHANNEL_COUNT + SCENARIO_MAX_STEPS +
                                         CLOSE_COUNT) + 1];
    int n = game_legal_actions(g, buf, COUNT_OF(buf));
    if (n <= 1 || rng_chance_bp(rng, 1500))
        return end_day_action();
    return buf[rng_below(rng, (uint32_t)(n - 1))];
}

/* ------------------------------------------------------------------ table */

static const Strategy strategies[] = {
    {"sales1", "Sales 1.0: no research, generic cold calls, gives up after two tries, "
               "pushes closing techniques.",
     sales1_choose},
    {"sales2", "Sales 2.0: researches first, runs personalised multi-channel campaigns "
               "with the phone central, progresses carefully, lets buyers ask to sign.",
     sales2_choose},
    {"random", "Picks any legal action at random (a baseline).", random_choose},
};

int strategy_count(void) { return COUNT_OF(strategies); }

const Strategy *strategy_get(int i)
{
    return (i >= 0 && i < COUNT_OF(strategies)) ? &strategies[i] : NULL;
}

const Strategy *strategy_find(const char *name)
{
    if (!name)
        return NULL;
    for (int i = 0; i < COUNT_OF(strategies); i++)
        if (strcmp(strategies[i].name, name) == 0)
            return &strategies[i];
    return NULL;
}

const char *strategy_name(const Strategy *s) { return s->name; }
const char *strategy_description(const Strategy *s) { return s->description; }

/* The most actions a strategy takes in one day: in a scenario whose actions cost no time a
 * strategy could otherwise go on forever (say, closing tricks that neither win nor lose);
 * past this it ends the day. No shipped scenario comes near it. */
#define STRATEGY_MAX_PER_DAY 400

static int actions_today(const Game *g)
{
    int n = 0, day = game_day(g);
    for (int i = game_action_count(g) - 1; i >= 0 && n < STRATEGY_MAX_PER_DAY; i--, n++)
        if (game_action_day(g, i) != day)
            break;
    return n;
}

static Action choose_with(const Strategy *s, const Plan *plan, const Game *g, Rng *rng)
{
    if (game_over(g) || actions_today(g) >= STRATEGY_MAX_PER_DAY)
        return end_day_action();
    Action a = s->choose(g, plan, rng);
    if (game_check(g, &a) != ACTION_OK)
        a = end_day_action();
    return a;
}

Action strategy_choose(const Strategy *s, const Game *g, Rng *rng)
{
    Plan plan;
    plan_make(game_scenario(g), &plan);
    return choose_with(s, &plan, g, rng);
}

#define STRATEGY_RNG_STREAM 0x57a7u
#define STRATEGY_MAX_ACTIONS 200000

int strategy_play(const Strategy *s, Game *g, uint64_t seed)
{
    Rng rng;
    rng_seed(&rng, seed, STRATEGY_RNG_STREAM);
    Plan plan;
    plan_make(game_scenario(g), &plan);
    for (int i = 0; i < STRATEGY_MAX_ACTIONS && !game_over(g); i++) {
        Action a = choose_with(s, &plan, g, &rng);
        if (game_apply(g, &a) != ACTION_OK)
            return -1;
    }
    return game_over(g) ? 0 : -1;
}
